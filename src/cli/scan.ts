/** `flaskguard scan [PATH...]`: whole files, walked from the given paths. */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathFilter, type FileNote } from '../core/analyze.js';
import type { Config } from '../config/schema.js';
import { MAX_INCLUDE_DEPTH } from '../deps/dependency-files.js';
import { missingDependencyFiles } from '../deps/missing.js';
import { timed } from '../core/timing.js';
import { collectFiles, collectIncludes, type Collected } from './collect.js';
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
  const maxBytes = config.max_file_size_kb * 1024;
  const { files, skipped, unread } = timed('collect', () => collect(root, targets, maxBytes, config));
  const input = { root, files, skipped, unread, config, options };
  if (options.fix || options.diff) {
    const { fixFiles } = await import('./fix.js');
    return fixFiles(input, options.diff ? 'diff' : 'write');
  }
  return runAnalysis(input);
}

function collect(root: string, targets: string[], maxBytes: number, config: Config): Collected & { unread: FileNote[] } {
  const { files, skipped } = collectFiles(root, targets, maxBytes, pathFilter(config));
  // Requirements files named by `-r`/`-c` may have any name (and include more): read them too,
  // a level of the chains per round.
  const unread = [...skipped];
  for (let depth = 0; depth < MAX_INCLUDE_DEPTH; depth++) {
    const more = collectIncludes(root, missingDependencyFiles(files, unread), maxBytes, pathFilter(config));
    files.push(...more.files);
    unread.push(...more.unread);
    if (more.files.length === 0) break;
  }
  return { files, skipped, unread };
}

/**
 * Paths are reported relative to the project: the git work tree that contains the first path,
 * or else the nearest directory with a .flaskguard.yml, or else the path itself.
 */
export function projectRoot(target: string): string {
  const dir = statSync(target).isDirectory() ? target : dirname(target);
  const fromGit = gitRoot(dir);
  if (fromGit) return fromGit;
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(resolve(d, '.flaskguard.yml'))) return d;
    if (dirname(d) === d) return dir;
  }
}
