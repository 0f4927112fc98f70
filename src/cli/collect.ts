/**
 * The files `flaskguard scan` reads: directories walked, `.gitignore` files (at every level) and
 * the config's path globs honoured, files over the size limit skipped without being read. Only
 * regular files inside the root are read: symbolic links are followed only to a regular file
 * inside the root, and every link or special file (FIFO, socket, device) left alone is listed
 * as skipped with the reason.
 */
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { FileNote } from '../core/analyze.js';
import { fileKind, type SourceFile } from '../core/files.js';
import { timed } from '../core/timing.js';
import { isInside, notRegular, readProjectFile, readRegularFile, specialKind } from './read-file.js';

/** Directories never worth walking into (caches, virtual environments, VCS metadata). */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache']);

export interface Collected {
  files: SourceFile[];
  skipped: FileNote[];
}

type IgnoreRules = { base: string; ig: Ignore }[];

export function toRepoPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function tooLargeNote(maxBytes: number): string {
  return `larger than ${Math.round(maxBytes / 1024)} KB (max_file_size_kb)`;
}

export function collectFiles(root: string, targets: string[], maxBytes: number, wanted: (path: string) => boolean): Collected {
  const collected: Collected = { files: [], skipped: [] };
  const realRoot = realpathSync(root);
  const seen = new Set<string>();
  const skip = (path: string, note: string) => collected.skipped.push({ path, note });

  /** `absolute` is where to read the file `path` from (a link's target). */
  const visitFile = (absolute: string, path: string) => {
    if (seen.has(path) || !fileKind(path) || !wanted(path)) return;
    seen.add(path);
    const read = timed('read', () => readRegularFile(absolute, maxBytes));
    if ('content' in read) collected.files.push({ path, content: read.content });
    else skip(path, 'tooLarge' in read ? tooLargeNote(maxBytes) : read.refused);
  };

  /** Links and special files the configuration or a .gitignore leaves out are not listed either. */
  const listed = (rules: IgnoreRules, absolute: string, path: string, isDir: boolean) => !ignored(rules, absolute, isDir) && wanted(path);

  const visitLink = (absolute: string, path: string, rules: IgnoreRules) => {
    let target: string;
    let stats: Stats;
    try {
      target = realpathSync(absolute);
      stats = statSync(target);
    } catch {
      if (listed(rules, absolute, path, false)) skip(path, 'a broken symbolic link; not followed');
      return;
    }
    if (!isInside(realRoot, target)) {
      if (listed(rules, absolute, path, false)) skip(path, 'a symbolic link to a path outside the project; not followed');
      return;
    }
    if (!listed(rules, absolute, path, stats.isDirectory())) return;
    if (stats.isDirectory()) skip(path, `a symbolic link to the directory ${toRepoPath(realRoot, target) || '.'}; not followed`);
    else if (!stats.isFile()) skip(path, `a symbolic link to ${specialKind(stats)}; not read`);
    else visitFile(target, path);
  };

  const walk = (dir: string, rules: IgnoreRules) => {
    const local = readIgnore(dir);
    const active = local ? [...rules, { base: dir, ig: local }] : rules;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skip(toRepoPath(root, dir) || '.', `could not be listed (${(error as NodeJS.ErrnoException).code})`);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const absolute = join(dir, entry.name);
      const path = toRepoPath(root, absolute);
      // A virtual environment is often a link to an interpreter's tree: skipped like the real one.
      if (ALWAYS_SKIPPED.has(entry.name) && (entry.isDirectory() || entry.isSymbolicLink())) continue;
      if (entry.isSymbolicLink()) visitLink(absolute, path, active);
      else if (ignored(active, absolute, entry.isDirectory())) continue;
      else if (entry.isDirectory()) walk(absolute, active);
      else if (entry.isFile()) visitFile(absolute, path);
      else if (wanted(path)) skip(path, notRegular(entry));
    }
  };

  for (const target of targets) {
    const path = toRepoPath(root, target);
    // A path given on the command line is taken as asked, but never out of the project either.
    if (!isInside(realRoot, realpathSync(target))) skip(path || '.', 'outside the project through a symbolic link; not read');
    else if (statSync(target).isDirectory()) walk(target, ancestorsIgnore(root, target));
    else visitFile(target, path);
  }
  return collected;
}

export interface CollectedIncludes {
  files: SourceFile[];
  /** Included paths that were not read, and why (the audit's notes say so). */
  unread: FileNote[];
}

/**
 * The files that requirements files name with `-r` / `-c`, whatever their names, by repository
 * path: read through their real paths, and only regular files inside the root. Paths with no
 * file at all are left out (the audit notes them as not in the repository).
 */
export function collectIncludes(root: string, paths: readonly string[], maxBytes: number, wanted: (path: string) => boolean): CollectedIncludes {
  const collected: CollectedIncludes = { files: [], unread: [] };
  const realRoot = realpathSync(root);
  for (const path of paths) {
    if (!wanted(path)) {
      collected.unread.push({ path, note: 'excluded by `paths` in the configuration' });
      continue;
    }
    const read = timed('read', () => readProjectFile(realRoot, path, maxBytes));
    if ('content' in read) collected.files.push({ path, content: read.content });
    else if ('tooLarge' in read) collected.unread.push({ path, note: tooLargeNote(maxBytes) });
    else if ('refused' in read) collected.unread.push({ path, note: read.refused });
  }
  return collected;
}

function ignored(rules: IgnoreRules, absolute: string, isDir: boolean): boolean {
  return rules.some(({ base, ig }) => ig.ignores(toRepoPath(base, absolute) + (isDir ? '/' : '')));
}

/** Larger `.gitignore` files than this are not patterns anyone wrote. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

function readIgnore(dir: string): Ignore | null {
  const read = readRegularFile(join(dir, '.gitignore'), MAX_GITIGNORE_BYTES);
  return 'content' in read ? ignore().add(read.content.toString('utf8')) : null;
}

/** .gitignore files between the root and a target directory inside it also apply. */
function ancestorsIgnore(root: string, target: string): IgnoreRules {
  const out: IgnoreRules = [];
  const parts = relative(root, target).split(sep).filter(Boolean);
  let dir = root;
  for (const part of parts) {
    const ig = readIgnore(dir);
    if (ig) out.push({ base: dir, ig });
    dir = join(dir, part);
  }
  return out;
}
