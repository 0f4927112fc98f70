/**
 * An advisory's severity: from its CVSS vector (base score, computed by ae-cvss-calculator, any
 * CVSS version), else from the GitHub label, else unrated. The seed rates known vulnerabilities
 * Critical, High or Medium depending on the vulnerability, so an unrated one counts as medium.
 */
import cvss from 'ae-cvss-calculator';
import type { Severity } from '../core/types.js';

export interface Rating {
  severity: Severity;
  /** `CVSS 7.5`, `GitHub: moderate`, or `unrated`. */
  rating: string;
}

const LABELS: Record<string, Severity> = { low: 'low', moderate: 'medium', medium: 'medium', high: 'high', critical: 'critical' };

/** Base score of a CVSS vector (v2, v3.0, v3.1, v4.0), or null when it is not a complete vector. */
export function cvssBaseScore(vector: string): number | null {
  try {
    const parsed = cvss.fromVector(vector.trim());
    if (!parsed || !parsed.isBaseFullyDefined()) return null;
    const score = (parsed.calculateScores() as { base?: number }).base;
    return typeof score === 'number' && Number.isFinite(score) ? score : null;
  } catch {
    return null;
  }
}

/** CVSS v3/v4 qualitative ratings. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** `candidates` are CVSS vectors or GitHub labels, best first; the first one usable rates it. */
export function rateAdvisory(candidates: readonly (string | null | undefined)[]): Rating {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const label = LABELS[candidate.trim().toLowerCase()];
    if (label) return { severity: label, rating: `GitHub: ${candidate.trim().toLowerCase()}` };
    const score = cvssBaseScore(candidate);
    if (score !== null) return { severity: severityOfScore(score), rating: `CVSS ${score.toFixed(1)}` };
  }
  return { severity: 'medium', rating: 'unrated' };
}
