/**
 * `flaskguard diff --base REF [--head REF]`: the files a change touches, findings on changed lines
 * only. Dependency files the change does not touch are read too: their problems are listed as
 * existing ones (`dependencies.existing` in the config), without failing the run.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathFilter, type FileNote } from '../core/analyze.js';
import { parseGitDiff, touchesChangedLines } from '../core/diff.js';
import { byteLength, fileKind, type SourceFile } from '../core/files.js';
import { isDependencyFile, MAX_INCLUDE_DEPTH } from '../deps/dependency-files.js';
import { missingDependencyFiles } from '../deps/missing.js';
import { GitError, diffText, gitRoot, listFiles, showFile, verifyCommit } from './git.js';
import { UsageError, type CommonOptions } from './options.js';
import { readProjectFile } from './read-file.js';
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
  const maxBytes = config.max_file_size_kb * 1024;
  const realRoot = realpathSync(root);
  const read = (path: string) => {
    try {
      const content = head ? showFile(root, head, path) : readWorkingTree(realRoot, path, maxBytes);
      if (byteLength(content) > maxBytes) skipped.push({ path, note: `larger than ${config.max_file_size_kb} KB (max_file_size_kb)` });
      else files.push({ path, content });
    } catch (error) {
      skipped.push({ path, note: error instanceof Unread ? error.message : `could not be read (${(error as Error).message.split('\n')[0]})` });
    }
  };
  for (const path of changes.keys()) if (fileKind(path) && wanted(path)) read(path);
  const listed = new Set(listFiles(root, head));
  if (config.dependencies.existing !== 'off') {
    for (const path of listed) if (isDependencyFile(path) && !changes.has(path) && wanted(path)) read(path);
  }
  // Files that `-r` / `-c` name, a level of the chains per round; a path the repository does not
  // list is left to the audit's note (not in the repository), a directory is noted here.
  const isDirectory = (path: string) => path === '.' || [...listed].some((p) => p.startsWith(`${path}/`));
  for (let depth = 0; depth < MAX_INCLUDE_DEPTH; depth++) {
    const before = files.length;
    for (const path of missingDependencyFiles(files, skipped)) {
      if (listed.has(path)) read(path);
      else if (isDirectory(path)) skipped.push({ path, note: 'a directory, not a regular file' });
    }
    if (files.length === before) break;
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

/** Why a file of the working tree was not read (as readProjectFile says). */
class Unread extends Error {}

function readWorkingTree(realRoot: string, path: string, maxBytes: number): Buffer {
  const read = readProjectFile(realRoot, path, maxBytes);
  if ('missing' in read) throw new Unread('could not be read (deleted in the working tree)');
  if ('refused' in read) throw new Unread(read.refused);
  if ('tooLarge' in read) throw new Unread(`larger than ${Math.round(maxBytes / 1024)} KB (max_file_size_kb)`);
  return read.content;
}
