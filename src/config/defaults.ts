/**
 * What a repository without `.flaskguard.yml` gets, and what every key it leaves out gets. The
 * schema takes its defaults from here, so that a run without a config file never loads zod.
 */
import type { Config } from './schema.js';

export const CONFIG_FILE = '.flaskguard.yml';

/** A real configuration is a few hundred bytes; these bounds keep a hostile one from exhausting memory. */
export const CONFIG_LIMITS = { bytes: 64 * 1024, listEntries: 1000, aliases: 50 } as const;

/** The problem with a configuration file of `bytes` over CONFIG_LIMITS.bytes. */
export function configSizeProblem(bytes: number): string {
  return `is ${Math.ceil(bytes / 1024)} KB; a configuration file may be at most ${CONFIG_LIMITS.bytes / 1024} KB`;
}

/** The defaults as literals, for the schema (typing them as Config would make the types circular). */
export const DEFAULTS = {
  fail_on: 'high' as const,
  fail_min_confidence: 'medium' as const,
  report: { min_confidence: 'low' as const, show_dev: false },
  rules: {},
  paths: { include: [], exclude: [] },
  production_config: [],
  settings: { session_lifetime_max_days: 31 },
  dependencies: { existing: 'summary' as const },
  review: { comments: true, max_comments: 25, event: 'COMMENT' as const, min_confidence: 'medium' as const },
  annotations: { max: 1000 },
  skip_drafts: false,
  monitor: { advisories: true, issue: true, interval_hours: 24 },
  max_file_size_kb: 2048,
};

export const DEFAULT_CONFIG: Config = DEFAULTS;
