/** The JSON output: findings with fingerprints, suppressions, skipped files and notes, and totals. */
import { CONFIDENCES } from '../core/types.js';
import { countBySeverity, type RunReport } from './model.js';

export function toJson(report: RunReport, toolVersion: string): object {
  const withFingerprint = (f: RunReport['findings'][number]) => ({ ...f, fingerprint: report.fingerprints.get(f) });
  return {
    tool: { name: 'FlaskGuard', version: toolVersion },
    summary: {
      findings: report.findings.length,
      bySeverity: countBySeverity(report.findings),
      byConfidence: Object.fromEntries(CONFIDENCES.map((c) => [c, report.findings.filter((f) => f.confidence === c).length])),
      suppressed: report.suppressed.length,
      withheld: report.withheld.length,
      existing: report.existing.length,
      filesAnalyzed: report.filesAnalyzed,
      skipped: report.skipped.length,
      ...(report.advisorySource ? { advisorySource: report.advisorySource } : {}),
    },
    findings: report.findings.map(withFingerprint),
    suppressions: report.suppressed.map(withFingerprint),
    /** Findings in development or test code, not reported (`--show-dev` lists them). */
    withheld: report.withheld.map(withFingerprint),
    existing: report.existing.map(withFingerprint),
    skipped: report.skipped,
    notes: report.notes,
    files: report.files,
  };
}
