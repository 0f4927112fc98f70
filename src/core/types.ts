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
  cors: 'Flask-CORS wildcard origins with credentials',
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
  /** Replacement text for exactly this finding's range, when that rewrite is safe. */
  fix?: string;
}
