/**
 * Stable identities for findings, so that a finding keeps its identity when unrelated lines move:
 * the rule, the file, the text of the flagged line (whitespace-normalised) and, for identical
 * lines, which occurrence it is. Used for SARIF `partialFingerprints` and to recognise a finding
 * the App has already commented on.
 *
 * Linear in the input: a line is normalised and hashed once per rule, and each occurrence only
 * adds its number to a copy of that hash (the same digest as hashing the whole text again).
 */
import { createHash, type Hash } from 'node:crypto';
import type { Finding } from './types.js';

interface LineIdentity {
  hash: Hash;
  occurrences: number;
}

/** `lineText(file, line)` is asked once per line, however many findings the line has. */
export function assignFingerprints(findings: readonly Finding[], lineText: (file: string, line: number) => string): Map<Finding, string> {
  const out = new Map<Finding, string>();
  const normalised = new Map<string, Map<number, string>>();
  // rule → file → normalised line text → its hash so far and how often it occurred.
  const identities = new Map<string, Map<string, Map<string, LineIdentity>>>();
  for (const finding of findings) {
    const text = nested(nested(normalised, finding.file, () => new Map<number, string>()), finding.startLine, () =>
      lineText(finding.file, finding.startLine).trim().replace(/\s+/g, ' '),
    );
    const byFile = nested(nested(identities, finding.ruleId, () => new Map<string, Map<string, LineIdentity>>()), finding.file, () => new Map<string, LineIdentity>());
    const identity = nested(byFile, text, () => ({ hash: createHash('sha256').update(`${finding.ruleId}\0${finding.file}\0`).update(text), occurrences: 0 }));
    out.set(finding, identity.hash.copy().update(`\0${identity.occurrences}`).digest('hex').slice(0, 16));
    identity.occurrences++;
  }
  return out;
}

function nested<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
