/** Check-run annotations for findings on changed lines. Pure. */
import { SEVERITIES, type Finding } from '../core/types.js';
import { lastLine } from '../review/outcome.js';
import { capitalize, ruleInfo, threatList, truncate, type RuleMetaLookup } from './rule-info.js';

/** GitHub accepts at most 50 annotations per check-run request. */
export const ANNOTATIONS_PER_REQUEST = 50;
const TITLE_MAX = 255;
const MESSAGE_MAX = 64 * 1024;

export type AnnotationLevel = 'failure' | 'warning' | 'notice';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}

/** Low-confidence (audit) findings are notices whatever their severity: they never look like a failure. */
export function annotationLevel({ severity, confidence }: Pick<Finding, 'severity' | 'confidence'>): AnnotationLevel {
  if (confidence === 'low') return 'notice';
  if (severity === 'critical' || severity === 'high') return 'failure';
  return severity === 'medium' ? 'warning' : 'notice';
}

export function toAnnotation(finding: Finding, lookup: RuleMetaLookup): Annotation {
  const info = ruleInfo(finding, lookup);
  const endLine = lastLine(finding);
  const annotation: Annotation = {
    path: finding.file,
    start_line: finding.startLine,
    end_line: endLine,
    annotation_level: annotationLevel(finding),
    title: truncate(`${capitalize(finding.severity)}: ${info.title} (${finding.ruleId})`, TITLE_MAX),
    message: truncate(annotationMessage(finding, info.threats.length > 0 ? threatList(info.threats) : undefined), MESSAGE_MAX),
  };
  // GitHub takes columns only for single-line annotations; its end column is inclusive, a finding's exclusive.
  if (finding.startLine === endLine && finding.endLine === endLine) {
    annotation.start_column = finding.startColumn;
    annotation.end_column = Math.max(finding.startColumn, finding.endColumn - 1);
  }
  return annotation;
}

function annotationMessage(finding: Finding, threats: string | undefined): string {
  const parts = [finding.message];
  if (finding.confidence !== 'high') parts.push(`Confidence: ${finding.confidence}${finding.scope ? ` (${finding.scope} code)` : ''}.`);
  if (threats) parts.push(`Mitigates: ${threats}.`);
  if (finding.fix !== undefined) parts.push(`Suggested fix: ${finding.fix}`);
  return parts.join('\n');
}

export interface AnnotationPlan {
  /** In request order, at most `max` of them. */
  annotations: Annotation[];
  /** Findings left without an annotation because of `annotations.max`. */
  omitted: number;
}

/** The most severe findings first, so that the `annotations.max` cap drops the least severe. */
export function planAnnotations(findings: readonly Finding[], lookup: RuleMetaLookup, max: number): AnnotationPlan {
  const ordered = [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const kept = ordered.slice(0, max);
  return { annotations: kept.map((f) => toAnnotation(f, lookup)), omitted: ordered.length - kept.length };
}

/** Splits annotations into the batches of successive check-run requests. */
export function annotationBatches<T>(annotations: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < annotations.length; i += size) batches.push(annotations.slice(i, i + size));
  return batches;
}
