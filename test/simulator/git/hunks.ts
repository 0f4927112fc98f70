/**
 * The lines of a GitHub `patch` that a review comment may sit on. GitHub accepts a comment on a
 * line of either side that appears in a hunk (context lines belong to both sides); a multi-line
 * comment's `start_line` must be in the same hunk, before `line`. The legacy `position` counts
 * the lines of the patch after its first `@@` header.
 */

export type Side = 'LEFT' | 'RIGHT';

interface PatchLine {
  /** Index of the line in the patch (0 = the first `@@` header). */
  position: number;
  hunk: number;
  left?: number;
  right?: number;
}

export class PatchLines {
  private readonly lines: PatchLine[] = [];
  private readonly text: string[];

  constructor(patch: string) {
    this.text = patch.split('\n');
    let hunk = -1;
    let left = 0;
    let right = 0;
    this.text.forEach((line, position) => {
      const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (header) {
        hunk++;
        left = Number(header[1]);
        right = Number(header[2]);
        return;
      }
      if (hunk < 0 || line.startsWith('\\')) return;
      if (line.startsWith('+')) this.lines.push({ position, hunk, right: right++ });
      else if (line.startsWith('-')) this.lines.push({ position, hunk, left: left++ });
      else this.lines.push({ position, hunk, left: left++, right: right++ });
    });
  }

  /** The hunk that shows this line on this side, or -1. */
  hunkOf(side: Side, line: number): number {
    return this.find(side, line)?.hunk ?? -1;
  }

  /** The line and side at a legacy `position`, or null when the position is not in the patch. */
  atPosition(position: number): { side: Side; line: number } | null {
    const found = this.lines.find((l) => l.position === position);
    if (!found) return null;
    return found.right !== undefined ? { side: 'RIGHT', line: found.right } : { side: 'LEFT', line: found.left as number };
  }

  /** The position of a line (GitHub's `position` field of a review comment). */
  positionOf(side: Side, line: number): number | null {
    return this.find(side, line)?.position ?? null;
  }

  /** GitHub's `diff_hunk` of a comment: its hunk from the `@@` header down to the commented line. */
  diffHunk(side: Side, line: number): string {
    const found = this.find(side, line);
    if (!found) return '';
    let start = found.position;
    while (start > 0 && !(this.text[start] as string).startsWith('@@')) start--;
    return this.text.slice(start, found.position + 1).join('\n');
  }

  private find(side: Side, line: number): PatchLine | undefined {
    return this.lines.find((l) => (side === 'RIGHT' ? l.right : l.left) === line);
  }
}
