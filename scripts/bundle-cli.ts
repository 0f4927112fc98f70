/**
 * `npm run build` (after tsc): bundles the command line (and the GitHub Action) into dist/cli/, one chunk per lazily
 * imported command. Node's ESM loader pays for every file it resolves, so the start-up of a
 * bundle is a fraction of the start-up of the hundreds of files tsc writes (`npm run bench:startup`).
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/version.js';

const outdir = join(PACKAGE_ROOT, 'dist', 'cli');
// Chunk names carry content hashes: the old ones would pile up.
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: PACKAGE_ROOT,
  // The command line, and the GitHub Action's entry (action.yml).
  entryPoints: { flaskguard: 'src/cli.ts', action: 'src/cli/action-main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // Native bindings load their compiled addon relative to their own package.
  external: ['tree-sitter', 'tree-sitter-python'],
  // CommonJS dependencies call require(); an ESM chunk gets one from createRequire.
  banner: { js: "import { createRequire as __flaskguardRequire } from 'node:module'; const require = __flaskguardRequire(import.meta.url);" },
  logLevel: 'warning',
});
