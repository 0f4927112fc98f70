/**
 * A line with thousands of findings (a minified template) costs each finding a constant, not the
 * length of the line: suppression comments and fingerprints read each line once.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { assignFingerprints } from '../../src/core/fingerprint.js';
import { LineIndex } from '../../src/core/lines.js';
import { isSuppressed } from '../../src/core/suppress.js';
import type { Finding } from '../../src/core/types.js';

class CountingLines extends LineIndex {
  reads = 0;

  override line(line: number): string {
    this.reads++;
    return super.line(line);
  }
}

const LINE = '{{ a|safe }}'.repeat(1000);

function finding(column: number, ruleId = 'jinja-safe-filter'): Finding {
  return { ruleId, category: 'template-rendering', severity: 'medium', file: 't.html', startLine: 2, startColumn: column, endLine: 2, endColumn: column + 4, message: 'm', confidence: 'medium' };
}

describe('suppression comments', () => {
  it('are looked for once per line, however many findings it has', () => {
    const lines = new CountingLines(`{# flaskguard: ignore[other-rule] #}\n${LINE}\n`);
    const answers = Array.from({ length: 1000 }, () => isSuppressed(lines, 2, 'jinja-safe-filter'));
    expect([answers.every((a) => !a), lines.reads]).toEqual([true, 2]);
    expect([isSuppressed(lines, 2, 'other-rule'), isSuppressed(lines, 1, 'other-rule'), lines.reads]).toEqual([true, true, 2]);
  });
});

describe('fingerprints', () => {
  it('read each line once, and stay what they were: the rule, file, normalised line and occurrence hashed', () => {
    let reads = 0;
    const findings = [...Array.from({ length: 1000 }, (_, i) => finding(i * 12 + 4)), finding(4, 'other-rule')];
    const prints = assignFingerprints(findings, () => {
      reads++;
      return `  ${LINE}  `;
    });
    const expected = (rule: string, occurrence: number) => createHash('sha256').update(`${rule}\0t.html\0${LINE}\0${occurrence}`).digest('hex').slice(0, 16);
    expect(reads).toBe(1);
    expect([prints.get(findings[0] as Finding), prints.get(findings[999] as Finding), prints.get(findings[1000] as Finding)]).toEqual([
      expected('jinja-safe-filter', 0),
      expected('jinja-safe-filter', 999),
      expected('other-rule', 0),
    ]);
    expect(new Set(prints.values()).size).toBe(1001);
  });
});
