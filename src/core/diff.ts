/** Unified diffs: which lines of the new version of each file a change added or modified. */

export interface FileChanges {
  /** Lines (1-based, new side) that the change added or modified. */
  added: Set<number>;
  /** Every new-side line inside a hunk (added or context): where a review comment may sit. */
  inHunks: Set<number>;
}

/**
 * Parses the hunks of one file's patch (the `patch` field of GitHub's pull request files, or the
 * part of `git diff` output after a file's headers).
 */
export function parsePatch(patch: string): FileChanges {
  const changes: FileChanges = { added: new Set(), inHunks: new Set() };
  let newLine = 0;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      newLine = Number(header[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('+')) {
      changes.added.add(newLine);
      changes.inHunks.add(newLine);
      newLine++;
    } else if (line.startsWith(' ') || line === '') {
      // A bare empty line is a context line whose leading space was trimmed by a tool.
      changes.inHunks.add(newLine);
      newLine++;
    } else if (line.startsWith('\\')) {
      // "\ No newline at end of file"
    } else if (!line.startsWith('-')) {
      inHunk = false;
    }
  }
  return changes;
}

/** Splits `git diff` output into patches per new path (deleted files are left out). */
export function parseGitDiff(diff: string): Map<string, FileChanges> {
  const files = new Map<string, FileChanges>();
  const sections = diff.split(/^diff --git /m).slice(1);
  for (const section of sections) {
    const newPath = /^\+\+\+ (?:b\/)?(.+)$/m.exec(section)?.[1];
    if (!newPath || newPath === '/dev/null') continue;
    const hunkStart = section.search(/^@@ /m);
    files.set(unquote(newPath.replace(/\t$/, '')), parsePatch(hunkStart === -1 ? '' : section.slice(hunkStart)));
  }
  return files;
}

function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  try {
    return JSON.parse(path) as string;
  } catch {
    return path.slice(1, -1);
  }
}

/** Does a finding's line range meet a changed line? */
export function touchesChangedLines(changes: FileChanges, startLine: number, endLine: number): boolean {
  for (let line = startLine; line <= endLine; line++) if (changes.added.has(line)) return true;
  return false;
}
