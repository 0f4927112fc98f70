/**
 * Which files of a pull request FlaskGuard reads, and which of their lines the pull request
 * changed. Pure: decided from the metadata `pulls.listFiles` returns.
 */
import { CONFIG_FILE } from '../config/load.js';
import type { FileNote } from '../core/analyze.js';
import { parsePatch, type FileChanges } from '../core/diff.js';
import { fileKind } from '../core/files.js';

/** One entry of a pull request's file list. */
export interface PullFile {
  /** Path at the head (the new name of a renamed file). */
  path: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** Blob SHA of the file at the head. */
  blobSha: string;
  /** Lines added plus lines deleted. */
  changes: number;
  /** Missing for binary files and diffs GitHub considers too large. */
  patch?: string;
}

/** A file to read at the head, with the lines the pull request changed (all of them for a new file without a patch). */
export interface ScopedFile {
  path: string;
  blobSha: string;
  changes: FileChanges | 'whole-file';
}

export interface PullRequestScope {
  /** Files the engine analyzes (Python, templates, deployment files). */
  sources: ScopedFile[];
  /** Requirements files the pull request changed (the dependency audit reads them with the others). */
  requirements: ScopedFile[];
  /** The pull request's own `.flaskguard.yml`, when it adds or changes one. */
  proposedConfig?: ScopedFile;
  /** Reviewable files left out, and why. */
  notReviewed: FileNote[];
}

/**
 * `wanted` is the config's path filter. Removed files and files FlaskGuard has no rules for are
 * left out silently; a changed file whose diff GitHub did not send cannot be scoped to changed
 * lines, so it is reported as not reviewed rather than reviewed whole.
 */
export function scopePullRequest(files: readonly PullFile[], wanted: (path: string) => boolean): PullRequestScope {
  const scope: PullRequestScope = { sources: [], requirements: [], notReviewed: [] };
  for (const file of files) {
    if (file.status === 'removed' || file.status === 'unchanged') continue;
    if (file.path === CONFIG_FILE) {
      // Validated whole whatever its diff shows (a deletion alone can break it, a huge diff has no patch).
      scope.proposedConfig = { path: file.path, blobSha: file.blobSha, changes: 'whole-file' };
      continue;
    }
    const kind = fileKind(file.path);
    if (kind === null || !wanted(file.path)) continue;
    const changes = changedLines(file);
    if (changes === null) {
      scope.notReviewed.push({ path: file.path, note: 'not reviewed: diff too large for GitHub to show' });
      continue;
    }
    if (changes !== 'whole-file' && changes.added.size === 0) continue;
    const scoped: ScopedFile = { path: file.path, blobSha: file.blobSha, changes };
    if (kind === 'requirements') scope.requirements.push(scoped);
    else scope.sources.push(scoped);
  }
  return scope;
}

/** null when the lines cannot be known (no patch for a changed file). */
function changedLines(file: PullFile): FileChanges | 'whole-file' | null {
  if (file.patch !== undefined) return parsePatch(file.patch);
  // A pure rename or a mode change has no patch and no changed line.
  if (file.changes === 0) return { added: new Set(), inHunks: new Set() };
  return file.status === 'added' ? 'whole-file' : null;
}

/** Every line of a new file counts as changed, and review comments may sit on any of them. */
export function wholeFileChanges(lineCount: number): FileChanges {
  const lines = new Set<number>();
  for (let line = 1; line <= lineCount; line++) lines.add(line);
  return { added: lines, inHunks: new Set(lines) };
}
