/**
 * Where a review comment goes and what its suggestion holds, for findings of one and of several
 * lines: GitHub rejects a whole review for one comment outside the diff, and a suggestion replaces
 * exactly the lines its comment covers.
 */
import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../rules/index.js';
import { parsePatch } from '../../src/core/diff.js';
import { LineIndex } from '../../src/core/lines.js';
import type { Finding } from '../../src/core/types.js';
import { placeComment, suggestedLines } from '../../src/report/review.js';

const lookup = (id: string) => RULES.find((r) => r.meta.id === id)?.meta;

const SOURCE = [
  'from flask import Flask', // 1
  'app = Flask(__name__)', // 2
  '', // 3
  'if __name__ == "__main__":', // 4
  '    app.run(', // 5
  '        host="0.0.0.0",', // 6
  '        debug=True,', // 7
  '    )', // 8
  '',
].join('\n');
const lines = new LineIndex(SOURCE);

/** The new file's lines 4-8 added in one hunk, with line 3 as context. */
const ADDED_RUN = parsePatch(
  ['@@ -1,3 +1,8 @@', ' from flask import Flask', ' app = Flask(__name__)', ' ', '+if __name__ == "__main__":', '+    app.run(', '+        host="0.0.0.0",', '+        debug=True,', '+    )'].join('\n'),
);
/** Only line 7 changed; the hunk's context covers lines 4-8. */
const ONE_LINE_CHANGED = parsePatch(
  ['@@ -4,5 +4,5 @@', ' if __name__ == "__main__":', '     app.run(', '         host="0.0.0.0",', '-        debug=False,', '+        debug=True,', '     )'].join('\n'),
);
/** Only line 7 changed, with no context lines around it. */
const BARE_LINE = parsePatch(['@@ -7 +7 @@', '-        debug=False,', '+        debug=True,'].join('\n'));

function finding(range: Pick<Finding, 'startLine' | 'startColumn' | 'endLine' | 'endColumn'>, fix?: string): Finding {
  return { ruleId: 'flask-run-debug', category: 'debug-mode', severity: 'critical', file: 'app.py', message: 'Debugger on.', confidence: 'high', ...range, ...(fix === undefined ? {} : { fix }) };
}

describe('review comment placement', () => {
  const keyword = finding({ startLine: 7, startColumn: 9, endLine: 7, endColumn: 19 }, 'debug=False');
  const wholeCall = finding({ startLine: 5, startColumn: 5, endLine: 8, endColumn: 6 });

  it('puts a one-line finding on its line, with a suggestion of that line rewritten', () => {
    const placed = placeComment(keyword, 'f1', lines, ONE_LINE_CHANGED, lookup);
    expect(placed?.draft).toMatchObject({ path: 'app.py', line: 7, side: 'RIGHT' });
    expect(placed?.draft.start_line).toBeUndefined();
    expect(placed?.safe).toBe(true);
    expect(placed?.draft.body).toContain('```suggestion\n        debug=False,\n```');
    expect(placed?.draft.body).toContain('<!-- flaskguard:fingerprint=f1 -->');
  });

  it('spans a several-line finding whose lines are all in one hunk: start_line to line', () => {
    const placed = placeComment(wholeCall, 'f2', lines, ADDED_RUN, lookup);
    expect(placed?.draft).toMatchObject({ path: 'app.py', start_line: 5, start_side: 'RIGHT', line: 8, side: 'RIGHT' });
    // A range is the placement GitHub is least sure to take: the App retries without it on a 422.
    expect(placed?.safe).toBe(false);
  });

  it('also spans hunk context lines, which GitHub accepts comments on', () => {
    const placed = placeComment(wholeCall, 'f3', lines, ONE_LINE_CHANGED, lookup);
    expect(placed?.draft).toMatchObject({ start_line: 5, line: 8 });
  });

  it('falls back to the first changed line, without a suggestion, when the finding leaves the diff', () => {
    const placed = placeComment(finding({ startLine: 5, startColumn: 5, endLine: 8, endColumn: 6 }, 'app.run()'), 'f4', lines, BARE_LINE, lookup);
    expect(placed?.draft).toMatchObject({ line: 7, side: 'RIGHT' });
    expect(placed?.draft.start_line).toBeUndefined();
    expect(placed?.draft.body).not.toContain('```suggestion');
    expect(placed?.safe).toBe(true);
  });

  it('gives no comment for a finding with no line in the diff', () => {
    expect(placeComment(finding({ startLine: 1, startColumn: 1, endLine: 2, endColumn: 5 }), 'f5', lines, BARE_LINE, lookup)).toBeNull();
  });
});

describe('suggested lines', () => {
  it('rewrites a several-line range inside its first and last lines', () => {
    const call = finding({ startLine: 5, startColumn: 5, endLine: 8, endColumn: 6 }, 'app.run(host="127.0.0.1")');
    expect(suggestedLines(call, lines)).toBe('    app.run(host="127.0.0.1")');
  });

  it('keeps the line break a range ending at column 1 swallows, and refuses a fix that drops it', () => {
    const lines6and7 = finding({ startLine: 6, startColumn: 1, endLine: 8, endColumn: 1 }, '        debug=False,\n');
    expect(suggestedLines(lines6and7, lines)).toBe('        debug=False,');
    expect(suggestedLines({ ...lines6and7, fix: '        debug=False,' }, lines)).toBeUndefined();
  });

  it('gives none on a line too long to repeat in a comment (minified code); the comment names the fix instead', () => {
    const long = new LineIndex(`${'app.run(debug=True);'.repeat(5000)}\n`);
    const debug = finding({ startLine: 1, startColumn: 9, endLine: 1, endColumn: 19 }, 'debug=False');
    expect(suggestedLines(debug, long)).toBeUndefined();
    const placed = placeComment(debug, 'f6', long, parsePatch('@@ -0,0 +1 @@\n+x'), lookup);
    expect(placed?.draft.body).not.toContain('```suggestion');
    expect(placed?.draft.body).toContain('replace the flagged code with `debug=False`');
  });
});
