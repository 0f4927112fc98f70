/** Options shared by `scan` and `diff`. */
import type { Confidence, Severity } from '../core/types.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
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

/** Thrown for bad usage or bad configuration: exit code 2 with this message. */
export class UsageError extends Error {}
