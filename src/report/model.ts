/** What every output format is made from: the findings of one run and what happened to the files. */
import type { FileNote } from '../core/analyze.js';
import type { RuleMeta } from '../core/rule.js';
import type { Finding, Severity } from '../core/types.js';
import { SEVERITIES } from '../core/types.js';

export interface RunReport {
  findings: Finding[];
  suppressed: Finding[];
  /** Findings in development or test code, counted but not reported (see `report.show_dev`). */
  withheld: Finding[];
  /** Dependency problems outside the change (diff mode): shown, but never failing the run. */
  existing: Finding[];
  /** `annotate`: existing problems are also results in SARIF; `summary`: only listed. */
  existingMode: 'summary' | 'annotate';
  /** `dependencies.existing: fail`: vulnerable pins among the existing problems fail the run. */
  existingFails?: boolean;
  skipped: FileNote[];
  notes: FileNote[];
  filesAnalyzed: number;
  /** Which files were analyzed and which dependency files audited: with `skipped`, every file the run was given. */
  files: { analyzed: string[]; audited: string[] };
  /** Metadata of every rule that could have reported (for SARIF's rule table and help texts). */
  rules: readonly RuleMeta[];
  /** Fingerprint of each finding (see core/fingerprint.ts). */
  fingerprints: Map<Finding, string>;
  /** Text of a finding's first line, for display. */
  lineText(finding: Finding): string;
  /** Which advisory source answered the dependency checks, when they ran. */
  advisorySource?: string;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/**
 * "3 findings in development or test code not reported (--show-dev lists them); 2 in documentation,
 * examples or library code reported at low confidence" — empty when scope changed nothing.
 */
export function scopeSentence(withheld: readonly Finding[], findings: readonly Finding[], showDevHint: string): string {
  const lowered = findings.filter((f) => f.scope === 'documentation' || f.scope === 'library').length;
  const shownDev = findings.filter((f) => f.scope === 'development' || f.scope === 'testing').length;
  const parts: string[] = [];
  if (withheld.length > 0) parts.push(`${withheld.length} ${plural(withheld.length, 'finding')} in development or test code not reported (${showDevHint} lists them)`);
  if (shownDev > 0) parts.push(`${shownDev} ${plural(shownDev, 'finding')} in development or test code listed at low confidence`);
  if (lowered > 0) parts.push(`${lowered} ${plural(lowered, 'finding')} in documentation, examples or library code reported at low confidence`);
  return parts.join('; ');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** "2 high, 1 medium" (empty string when there are none). */
export function severityList(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}
