/** Which findings a report shows, by confidence (`report.min_confidence`). */
import type { Config } from '../config/schema.js';
import { isConfidentEnough, type Finding } from '../core/types.js';

export function withinConfidence(findings: readonly Finding[], config: Pick<Config, 'report'>): Finding[] {
  return findings.filter((f) => isConfidentEnough(f.confidence, config.report.min_confidence));
}
