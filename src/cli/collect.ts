/**
 * The files `flaskguard scan` reads: directories walked, `.gitignore` files (at every level) and
 * the config's path globs honoured, symbolic links followed only when they stay inside the root,
 * files over the size limit skipped without being read.
 */
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { FileNote } from '../core/analyze.js';
import { fileKind, type SourceFile } from '../core/files.js';

/** Directories never worth walking into (caches, virtual environments, VCS metadata). */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache']);

export interface Collected {
  files: SourceFile[];
  skipped: FileNote[];
}

export function toRepoPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** `anyName`: take the given files whatever their names (requirements files reached through `-r`). */
export function collectFiles(root: string, targets: string[], maxBytes: number, wanted: (path: string) => boolean, anyName = false): Collected {
  const collected: Collected = { files: [], skipped: [] };
  const realRoot = realpathSync(root);
  const seen = new Set<string>();

  const visitFile = (absolute: string, size: number) => {
    const path = toRepoPath(root, absolute);
    if (seen.has(path) || (!anyName && !fileKind(path)) || !wanted(path)) return;
    seen.add(path);
    if (size > maxBytes) {
      collected.skipped.push({ path, note: `larger than ${Math.round(maxBytes / 1024)} KB (max_file_size_kb)` });
      return;
    }
    try {
      collected.files.push({ path, content: readFileSync(absolute) });
    } catch (error) {
      collected.skipped.push({ path, note: `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    }
  };

  const walk = (dir: string, rules: { base: string; ig: Ignore }[]) => {
    const local = readIgnore(dir);
    const active = local ? [...rules, { base: dir, ig: local }] : rules;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      collected.skipped.push({ path: toRepoPath(root, dir) || '.', note: `could not be listed (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const absolute = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Follow a link only when its target stays inside the root.
        let target: string;
        try {
          target = realpathSync(absolute);
        } catch {
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) continue;
        const stats = statSync(target);
        isDir = stats.isDirectory();
        isFile = stats.isFile();
        if (isDir) continue; // its target is inside the root and is walked under its real path
      }
      if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
      if (active.some(({ base, ig }) => ig.ignores(toRepoPath(base, absolute) + (isDir ? '/' : '')))) continue;
      if (isDir) walk(absolute, active);
      else if (isFile) visitFile(absolute, statSync(absolute).size);
    }
  };

  for (const target of targets) {
    const stats = statSync(target);
    if (stats.isDirectory()) walk(target, ancestorsIgnore(root, target));
    else visitFile(target, stats.size);
  }
  return collected;
}

function readIgnore(dir: string): Ignore | null {
  try {
    return ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
  } catch {
    return null;
  }
}

/** .gitignore files between the root and a target directory inside it also apply. */
function ancestorsIgnore(root: string, target: string): { base: string; ig: Ignore }[] {
  const out: { base: string; ig: Ignore }[] = [];
  const parts = relative(root, target).split(sep).filter(Boolean);
  let dir = root;
  for (const part of parts) {
    const ig = readIgnore(dir);
    if (ig) out.push({ base: dir, ig });
    dir = join(dir, part);
  }
  return out;
}
