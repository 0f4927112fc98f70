/**
 * `git diff-tree` output as the files of a pull request: status, blob SHAs, line counts and the
 * `patch` GitHub shows (the hunks of the unified diff, from the first `@@` on, without git's
 * file headers; absent for binary files and for diffs larger than GitHub renders).
 */

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed';

export interface ChangedFile {
  path: string;
  /** Renamed and copied files: the path in the base. */
  previousPath?: string;
  status: FileStatus;
  /** Blob SHAs in the base and the head (all zeros on the side where the file does not exist). */
  oldSha: string;
  newSha: string;
  additions: number;
  deletions: number;
  patch?: string;
}

const STATUS: Record<string, FileStatus> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed' };

/** Reads the three outputs of `diff-tree -r -z --no-abbrev -M`, `-r -z -M --numstat` and `-r -M -p` for the same two commits. */
export function readDiff(raw: string, numstat: string, patches: string, maxPatchBytes: number): ChangedFile[] {
  const files = readRaw(raw);
  const counts = readNumstat(numstat);
  // diff-tree prints one section per file, in the same order as the raw listing.
  const sections = patches.split(/^diff --git /m).slice(1);
  if (counts.length !== files.length || sections.length !== files.length) {
    throw new Error(`git diff outputs disagree: ${files.length} files, ${counts.length} counts, ${sections.length} patches`);
  }
  files.forEach((file, index) => {
    const count = counts[index] as { additions: number; deletions: number } | null;
    file.additions = count?.additions ?? 0;
    file.deletions = count?.deletions ?? 0;
    const patch = hunksOf(sections[index] as string);
    // Binary files (no counts) and oversized diffs have no patch on GitHub.
    if (count && patch !== undefined && Buffer.byteLength(patch) <= maxPatchBytes) file.patch = patch;
  });
  return files;
}

function readRaw(raw: string): ChangedFile[] {
  const fields = raw.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const header = /^:(\d+) (\d+) ([0-9a-f]{40}) ([0-9a-f]{40}) ([A-Z])\d*$/.exec(fields[i++] as string);
    if (!header) throw new Error(`unexpected git diff-tree output: ${fields[i - 1]}`);
    const letter = header[5] as string;
    const status = STATUS[letter];
    if (!status) throw new Error(`unexpected git diff status ${letter}`);
    const file: ChangedFile = { path: '', status, oldSha: header[3] as string, newSha: header[4] as string, additions: 0, deletions: 0 };
    if (letter === 'R' || letter === 'C') file.previousPath = fields[i++] as string;
    file.path = fields[i++] as string;
    files.push(file);
  }
  return files;
}

/** Line counts per file, null for binary files. */
function readNumstat(numstat: string): Array<{ additions: number; deletions: number } | null> {
  const fields = numstat.split('\0');
  const counts: Array<{ additions: number; deletions: number } | null> = [];
  for (let i = 0; i < fields.length - 1; ) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[i++] as string);
    if (!match) throw new Error(`unexpected git numstat output: ${fields[i - 1]}`);
    // A rename leaves the path empty and gives the old and the new path as two more fields.
    if (match[3] === '') i += 2;
    counts.push(match[1] === '-' ? null : { additions: Number(match[1]), deletions: Number(match[2]) });
  }
  return counts;
}

/** The hunks of one file's section, without the trailing newline; undefined when it has none. */
function hunksOf(section: string): string | undefined {
  const start = section.search(/^@@ /m);
  if (start === -1) return undefined;
  return section.slice(start).replace(/\n$/, '');
}
