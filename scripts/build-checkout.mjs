// The `install` script: `npm ci` / `npm install` in a checkout build dist/ from the TypeScript
// sources; in an installed package (no src/) there is nothing to build. Not `prepare`: `npm pack`
// runs `prepare` and prints its banner on stdout, where pre-commit reads the tarball's name.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src/cli.ts', import.meta.url))) {
  execFileSync('npm', ['run', 'build'], { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
}
