/** Options shared by `scan` and `diff`. */
import type { Confidence, Severity } from '../core/types.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface CommonOptions {
  format: Format;
  output?: string;
  config?: string;
  failOn?: Severity | 'none';
  /** Leave out findings below this confidence (replaces `report.min_confidence`). */
  minConfidence?: Confidence;
  /** List findings in development and test code instead of counting them (`report.show_dev`). */
  showDev?: boolean;
  /** Ask the GitHub Advisory Database (token from GITHUB_TOKEN) instead of the bundled snapshot. */
  online?: boolean;
}

export interface ScanOptions extends CommonOptions {
  /** Apply the rules' safe fixes in place. */
  fix?: boolean;
  /** Print the safe fixes as a unified diff; write nothing. */
  diff?: boolean;
}

/** Thrown for bad usage or bad configuration: exit code 2 with this message. */
export class UsageError extends Error {}
