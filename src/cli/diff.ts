/**
 * `flaskguard diff --base REF [--head REF]`: the files a change touches, findings on changed lines
 * only. Dependency files the change does not touch are read too: their problems are listed as
 * existing ones (`dependencies.existing` in the config), without failing the run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathFilter, type FileNote } from '../core/analyze.js';
import { parseGitDiff, touchesChangedLines } from '../core/diff.js';
import { byteLength, fileKind, type SourceFile } from '../core/files.js';
import { isDependencyFile } from '../deps/dependency-files.js';
import { missingDependencyFiles } from '../deps/missing.js';
import { GitError, diffText, gitRoot, listFiles, showFile, verifyCommit } from './git.js';
import { UsageError, type CommonOptions } from './options.js';
import { loadConfig, runAnalysis } from './run.js';

export async function diff(base: string, head: string | undefined, options: CommonOptions, cwd = process.cwd()): Promise<number> {
  const root = gitRoot(cwd);
  if (!root) throw new UsageError('flaskguard diff must run inside a git repository.');
  try {
    verifyCommit(root, base);
    if (head) verifyCommit(root, head);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
  const config = await loadConfig(root, options.config && resolve(cwd, options.config));
  const changes = parseGitDiff(diffText(root, base, head));
  const wanted = pathFilter(config);
  const files: SourceFile[] = [];
  const skipped: FileNote[] = [];
  const read = (path: string) => {
    try {
      const content = head ? showFile(root, head, path) : readWorkingTree(root, path);
      if (byteLength(content) > config.max_file_size_kb * 1024) skipped.push({ path, note: `larger than ${config.max_file_size_kb} KB (max_file_size_kb)` });
      else files.push({ path, content });
    } catch (error) {
      skipped.push({ path, note: `could not be read (${(error as Error).message.split('\n')[0]})` });
    }
  };
  for (const path of changes.keys()) if (fileKind(path) && wanted(path)) read(path);
  if (config.dependencies.existing !== 'off') {
    for (const path of listFiles(root, head)) if (isDependencyFile(path) && !changes.has(path) && wanted(path)) read(path);
  }
  for (let round = 0; round < 10; round++) {
    const missing = missingDependencyFiles(files).filter((p) => !files.some((f) => f.path === p) && !skipped.some((s) => s.path === p));
    if (missing.length === 0) break;
    missing.forEach(read);
  }
  return runAnalysis({
    root,
    files,
    skipped,
    config,
    options,
    keep: (f) => {
      const fileChanges = changes.get(f.file);
      return fileChanges !== undefined && touchesChangedLines(fileChanges, f.startLine, f.endLine);
    },
  });
}

function readWorkingTree(root: string, path: string): Buffer {
  const absolute = join(root, path);
  if (!existsSync(absolute)) throw new Error('deleted in the working tree');
  return readFileSync(absolute);
}
