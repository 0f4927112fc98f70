/** `npm run bench [-- DIR]`: the start-up benchmark, then the analysis benchmark (on DIR when given). */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
execFileSync(process.execPath, [here('./startup.js')], { stdio: 'inherit' });
execFileSync(process.execPath, [here('./analysis.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
