/** `flaskguard scan [PATH...]`: whole files, walked from the given paths. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathFilter } from '../core/analyze.js';
import { missingDependencyFiles } from '../deps/missing.js';
import { collectFiles } from './collect.js';
import { gitRoot } from './git.js';
import { UsageError, type ScanOptions } from './options.js';
import { loadConfig, runAnalysis } from './run.js';

export async function scan(paths: string[], options: ScanOptions, cwd = process.cwd()): Promise<number> {
  const targets = (paths.length > 0 ? paths : ['.']).map((p) => resolve(cwd, p));
  for (const target of targets) if (!existsSync(target)) throw new UsageError(`No such file or directory: ${target}`);
  const root = projectRoot(targets[0] as string);
  for (const target of targets) {
    if (target !== root && !target.startsWith(`${root}/`))
      throw new UsageError(`All paths must be inside one project; ${target} is outside ${root}.`);
  }
  const config = await loadConfig(root, options.config && resolve(cwd, options.config));
  const { files, skipped } = collectFiles(root, targets, config.max_file_size_kb * 1024, pathFilter(config));
  // Requirements files named by `-r`/`-c` may have any name (and include more): read them too.
  for (let round = 0; round < 10; round++) {
    const included = missingDependencyFiles(files).map((path) => join(root, path)).filter((path) => existsSync(path));
    const more = collectFiles(root, included, config.max_file_size_kb * 1024, pathFilter(config), true);
    if (more.files.length === 0) break;
    files.push(...more.files);
    skipped.push(...more.skipped);
  }
  const input = { root, files, skipped, config, options };
  if (options.fix || options.diff) {
    const { fixFiles } = await import('./fix.js');
    return fixFiles(input, options.diff ? 'diff' : 'write');
  }
  return runAnalysis(input);
}

/**
 * Paths are reported relative to the project: the git work tree that contains the first path,
 * or else the nearest directory with a .flaskguard.yml, or else the path itself.
 */
function projectRoot(target: string): string {
  const dir = statSync(target).isDirectory() ? target : dirname(target);
  const fromGit = gitRoot(dir);
  if (fromGit) return fromGit;
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(resolve(d, '.flaskguard.yml'))) return d;
    if (dirname(d) === d) return dir;
  }
}
