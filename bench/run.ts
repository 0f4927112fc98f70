/**
 * `npm run bench [-- DIR | --real] [--readme]`: the start-up benchmark, then the analysis benchmark (on DIR,
 * or on Debian's Flask applications, when given); with DIR or --real also the whole command-line
 * runs beside parse-only and Bandit (bench/cli-run.ts), which take a few minutes.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const args = process.argv.slice(2);
execFileSync(process.execPath, [here('./startup.js')], { stdio: 'inherit' });
execFileSync(process.execPath, [here('./analysis.js'), ...args.filter((a) => a !== '--readme')], { stdio: 'inherit' });
if (args.length > 0) execFileSync(process.execPath, [here('./cli-run.js'), ...args], { stdio: 'inherit' });
