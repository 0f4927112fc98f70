/** The checks-tab summary's Markdown for findings whose message carries a list (a dependency's advisories). */
import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../rules/index.js';
import type { Finding } from '../../src/core/types.js';
import { renderSummary, type SummaryInput } from '../../src/report/summary.js';

const MESSAGE = [
  'Werkzeug 2.2.2 has 2 known advisories; upgrade Werkzeug 2.2.2 → 3.0.6.',
  '- GHSA-2g68-c3qc-8985 (CVE-2024-34069), high (CVSS 7.5): Werkzeug debugger vulnerable to remote execution',
  '- GHSA-f9vj-2wh5-fj8j (CVE-2024-49766), medium (CVSS 6.3): Werkzeug safe_join not safe on Windows',
].join('\n');

function finding(startLine: number): Finding {
  return { ruleId: 'vulnerable-dependency', category: 'dependencies', severity: 'high', file: 'requirements.txt', startLine, startColumn: 1, endLine: startLine, endColumn: 17, message: MESSAGE, confidence: 'high', fix: 'Werkzeug==3.0.6' };
}

function input(overrides: Partial<SummaryInput>): SummaryInput {
  return {
    headSha: 'abc1234def',
    lineUrl: (path, start) => `https://example.test/${path}#L${start}`,
    failOn: 'high',
    failMinConfidence: 'medium',
    lookup: (id) => RULES.find((r) => r.meta.id === id)?.meta,
    filesAnalyzed: 1,
    linesAnalyzed: 3,
    problems: [],
    onChangedLines: [],
    elsewhere: 0,
    suppressed: [],
    withheld: [],
    existingDependencyProblems: [],
    notReviewed: [],
    notes: [],
    annotationsOmitted: 0,
    annotationsMax: 1000,
    ...overrides,
  };
}

describe('summary', () => {
  it('keeps a list in a finding message a nested list, and what follows in the finding', () => {
    const summary = renderSummary(input({ onChangedLines: [finding(2)] }));
    expect(summary).toContain(
      [
        '- **High** [`requirements.txt:2`](https://example.test/requirements.txt#L2) Pinned version with known security advisories (`vulnerable-dependency`)',
        '  Werkzeug 2.2.2 has 2 known advisories; upgrade Werkzeug 2.2.2 → 3.0.6.',
        '  - GHSA-2g68-c3qc-8985 (CVE-2024-34069), high (CVSS 7.5): Werkzeug debugger vulnerable to remote execution',
        '  - GHSA-f9vj-2wh5-fj8j (CVE-2024-49766), medium (CVSS 6.3): Werkzeug safe_join not safe on Windows',
        '',
        '  Threat: Exploitation of Known Vulnerabilities (Critical)',
        '  Fix: replace with `Werkzeug==3.0.6`',
      ].join('\n'),
    );
  });

  it('nests the advisories of an existing dependency problem under it', () => {
    const summary = renderSummary(input({ existingDependencyProblems: [finding(1)] }));
    expect(summary).toContain(
      [
        '### Existing dependency problems (1)',
        '',
        '- [`requirements.txt:1`](https://example.test/requirements.txt#L1) **High**',
        '  Werkzeug 2.2.2 has 2 known advisories; upgrade Werkzeug 2.2.2 → 3.0.6.',
        '  - GHSA-2g68-c3qc-8985 (CVE-2024-34069), high (CVSS 7.5): Werkzeug debugger vulnerable to remote execution',
        '  - GHSA-f9vj-2wh5-fj8j (CVE-2024-49766), medium (CVSS 6.3): Werkzeug safe_join not safe on Windows',
      ].join('\n'),
    );
  });

  it('fits a list of 300,000 notes (a dependency file with a note per line) to the size limit', () => {
    const notes = Array.from({ length: 300_000 }, (_, i) => ({ path: 'requirements.txt', note: `line ${i + 1}: \`?\` is not a requirement pip understands; skipped` }));
    const summary = renderSummary(input({ notes }));
    expect([summary.length <= 65_535, summary.includes('### Notes (300000)')]).toEqual([true, true]);
  });
});
