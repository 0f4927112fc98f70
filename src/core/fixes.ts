/**
 * The safe fixes of one file's findings applied to its text, as `scan --fix` does. Ranges are
 * taken in order of position; a fix whose range overlaps or touches one already taken is left
 * out (as Ruff does), for a later round to reconsider once the text has changed. Pure.
 */
import { LineIndex } from './lines.js';
import type { Finding } from './types.js';

export interface AppliedFixes {
  text: string;
  applied: Finding[];
  /** Fixes left out because they overlap or touch one applied before them. */
  overlapping: Finding[];
}

export function applyFixes(text: string, findings: readonly Finding[]): AppliedFixes {
  const lines = new LineIndex(text);
  const offset = (line: number, column: number) => lines.lineStart(line) + column - 1;
  const edits = findings
    .filter((f) => f.fix !== undefined)
    .map((finding) => ({ finding, start: offset(finding.startLine, finding.startColumn), end: offset(finding.endLine, finding.endColumn) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: Finding[] = [];
  const overlapping: Finding[] = [];
  const pieces: string[] = [];
  let taken = -1;
  for (const edit of edits) {
    if (edit.start <= taken) {
      overlapping.push(edit.finding);
      continue;
    }
    pieces.push(text.slice(Math.max(taken, 0), edit.start), edit.finding.fix as string);
    taken = edit.end;
    applied.push(edit.finding);
  }
  pieces.push(text.slice(Math.max(taken, 0)));
  return { text: applied.length === 0 ? text : pieces.join(''), applied, overlapping };
}
