/** What a review concludes from its findings. Pure. */
import type { Config } from '../config/schema.js';
import { touchesChangedLines, type FileChanges } from '../core/diff.js';
import { isFailing, SEVERITIES, type Finding, type Severity } from '../core/types.js';

export interface ScopedFindings {
  /** Findings that meet a line the pull request added or changed: these decide the conclusion. */
  onChangedLines: Finding[];
  /** Findings elsewhere in the files read (unchanged lines, unchanged requirements files). */
  elsewhere: Finding[];
}

export function scopeFindings(findings: readonly Finding[], changes: ReadonlyMap<string, FileChanges>): ScopedFindings {
  const scoped: ScopedFindings = { onChangedLines: [], elsewhere: [] };
  for (const finding of findings) {
    const fileChanges = changes.get(finding.file);
    const changed = fileChanges !== undefined && touchesChangedLines(fileChanges, finding.startLine, lastLine(finding));
    (changed ? scoped.onChangedLines : scoped.elsewhere).push(finding);
  }
  return scoped;
}

/** The last line a finding really covers: a range ending at column 1 stops on the line before. */
export function lastLine(finding: Finding): number {
  return finding.endLine > finding.startLine && finding.endColumn === 1 ? finding.endLine - 1 : finding.endLine;
}

export type Conclusion = 'success' | 'failure';

/**
 * With `dependencies.existing: fail`, the pinned versions with advisories at or above the fail
 * level in dependency files the change does not touch: they fail the check too ("fail the build
 * if any vulnerabilities are found in Flask or Werkzeug"). Empty in every other mode.
 */
export function failingExisting(existing: readonly Finding[], config: Pick<Config, 'fail_on' | 'fail_min_confidence' | 'dependencies'>): Finding[] {
  if (config.dependencies.existing !== 'fail') return [];
  return existing.filter((f) => f.ruleId === 'vulnerable-dependency' && isFailing(f, config.fail_on, config.fail_min_confidence));
}

export function conclusionFor(onChangedLines: readonly Finding[], config: Pick<Config, 'fail_on' | 'fail_min_confidence'>): Conclusion {
  return onChangedLines.some((f) => isFailing(f, config.fail_on, config.fail_min_confidence)) ? 'failure' : 'success';
}

/** "2 high, 1 medium in 3 files", most severe first. */
export function countsTitle(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings on changed lines';
  const counts = severityCounts(findings);
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const files = new Set(findings.map((f) => f.file)).size;
  return `${parts.join(', ')} in ${files} ${files === 1 ? 'file' : 'files'}`;
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Most severe first, then by file and line: the order of annotations and review comments. */
export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || compareText(a.file, b.file) || a.startLine - b.startLine || a.startColumn - b.startColumn;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
