/**
 * Stable identities for findings, so that a finding keeps its identity when unrelated lines move:
 * the rule, the file, the text of the flagged line (whitespace-normalised) and, for identical
 * lines, which occurrence it is. Used for SARIF `partialFingerprints` and to recognise a finding
 * the App has already commented on.
 */
import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

export function assignFingerprints(findings: readonly Finding[], lineText: (finding: Finding) => string): Map<Finding, string> {
  const out = new Map<Finding, string>();
  const occurrences = new Map<string, number>();
  for (const finding of findings) {
    const base = `${finding.ruleId}\0${finding.file}\0${lineText(finding).trim().replace(/\s+/g, ' ')}`;
    const occurrence = occurrences.get(base) ?? 0;
    occurrences.set(base, occurrence + 1);
    out.set(finding, createHash('sha256').update(`${base}\0${occurrence}`).digest('hex').slice(0, 16));
  }
  return out;
}
