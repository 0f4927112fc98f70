/** The contracts every part of FlaskGuard shares (see DESIGN.md, "Contracts"). */

export const CATEGORIES = [
  'debug-mode',
  'secret-key',
  'file-serving',
  'template-rendering',
  'session-cookies',
  'dependencies',
  'open-redirect',
  'csrf',
  'cors',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The strategy (from mitigations.md) or the Flask neighbour each category stands for. */
export const CATEGORY_TITLES: Record<Category, string> = {
  'debug-mode': 'Disable debug mode in production',
  'secret-key': 'Secure secret key management',
  'file-serving': 'Safe file handling with send_from_directory',
  'template-rendering': 'Secure template rendering (SSTI, XSS, CSP)',
  'session-cookies': 'Server-side sessions, cookie flags, lifetime',
  dependencies: 'Keep Flask and Werkzeug (and their ecosystem) updated',
  'open-redirect': 'Flask redirect() to request-controlled URLs',
  csrf: 'CSRF protection switched off',
  cors: 'Flask-CORS wildcard origins',
};

/** Ordered from most to least severe. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** critical = 4 … info = 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/**
 * How sure FlaskGuard is that a finding is real here (CodeQL's `@precision`, Semgrep's
 * `confidence`), from most to least sure. Severity says how bad it is if real; the two are
 * separate axes.
 */
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export function isConfidentEnough(confidence: Confidence, threshold: Confidence): boolean {
  return CONFIDENCES.indexOf(confidence) <= CONFIDENCES.indexOf(threshold);
}

/** Does a finding fail a check: at or above the fail severity, and sure enough (audit findings never fail by default)? */
export function isFailing(finding: { severity: Severity; confidence: Confidence }, failOn: Severity | 'none', minConfidence: Confidence): boolean {
  return failOn !== 'none' && isAtLeast(finding.severity, failOn) && isConfidentEnough(finding.confidence, minConfidence);
}

/** The lower of two confidences. */
export function lowerConfidence(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCES.indexOf(a) >= CONFIDENCES.indexOf(b) ? a : b;
}

/**
 * Code whose findings are withheld or lowered because of where it runs: development and test code
 * (withheld, counted, listed with --show-dev), documentation/examples and a library's own source
 * (reported at low confidence).
 */
export const OUT_OF_PRODUCTION_SCOPES = ['development', 'testing', 'documentation', 'library'] as const;
export type OutOfProductionScope = (typeof OUT_OF_PRODUCTION_SCOPES)[number];

/** A threat a rule mitigates, with the severity mitigations.md gives it. */
export interface Threat {
  name: string;
  severity: 'Critical' | 'High' | 'Medium' | 'Low';
}

/** Lines and columns are 1-based; the end column is exclusive, as in SARIF. */
export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Range {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Repository-relative path with forward slashes. */
  file: string;
  message: string;
  confidence: Confidence;
  /** Set when scope withheld or lowered the finding: the kind of code it is in. */
  scope?: OutOfProductionScope;
  /** Replacement text for exactly this finding's range, when that rewrite is safe. */
  fix?: string;
}
