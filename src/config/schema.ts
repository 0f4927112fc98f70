/** The `.flaskguard.yml` schema: every key a repository can set, with its default. */
import { z } from 'zod';
import { CONFIDENCES, SEVERITIES, type Severity } from '../core/types.js';

/** YAML 1.1 reads `on`/`off` as booleans, YAML 1.2 as strings: accept both spellings. */
const onOff = z.union([z.boolean(), z.enum(['on', 'off'])]).transform((v) => v === true || v === 'on');
const globs = z.array(z.string().min(1));

export const RULE_SETTING_VALUES = ['off', ...SEVERITIES] as const;

export const configSchema = z.strictObject({
  /** Findings on changed lines at or above this severity fail the check (`none`: never fail). */
  fail_on: z.enum([...SEVERITIES, 'none']).default('high'),
  /** …and at or above this confidence: low-confidence (audit) findings never fail by default. */
  fail_min_confidence: z.enum(CONFIDENCES).default('medium'),
  report: z
    .strictObject({
      /** Findings below this confidence are left out of every output. */
      min_confidence: z.enum(CONFIDENCES).default('low'),
      /** List findings in development and test code (at low confidence) instead of only counting them. */
      show_dev: onOff.default(false),
    })
    .default({ min_confidence: 'low', show_dev: false }),
  /** Per rule: `off`, or a severity that replaces the rule's default. */
  rules: z.record(z.string(), z.union([z.enum(RULE_SETTING_VALUES), z.literal(false)])).default({}),
  paths: z
    .strictObject({
      include: globs.default([]),
      exclude: globs.default([]),
    })
    .default({ include: [], exclude: [] }),
  /** Files that configure production, whatever their names say. */
  production_config: globs.default([]),
  settings: z
    .strictObject({
      session_lifetime_max_days: z.number().positive().default(31),
    })
    .default({ session_lifetime_max_days: 31 }),
  dependencies: z
    .strictObject({
      /** Problems in requirements files the pull request does not change. */
      existing: z.enum(['summary', 'annotate', 'off']).default('summary'),
    })
    .default({ existing: 'summary' }),
  review: z
    .strictObject({
      comments: onOff.default(true),
      max_comments: z.number().int().min(0).max(100).default(25),
      event: z.enum(['COMMENT', 'REQUEST_CHANGES']).default('COMMENT'),
      /** Only findings at or above this confidence become review comments. */
      min_confidence: z.enum(CONFIDENCES).default('medium'),
    })
    .default({ comments: true, max_comments: 25, event: 'COMMENT', min_confidence: 'medium' }),
  annotations: z
    .strictObject({
      max: z.number().int().min(0).default(1000),
    })
    .default({ max: 1000 }),
  skip_drafts: z.boolean().default(false),
  /** Files larger than this are skipped with a note. */
  max_file_size_kb: z.number().int().positive().default(2048),
});

export type Config = z.output<typeof configSchema>;
export type RuleSetting = 'off' | Severity;

export const DEFAULT_CONFIG: Config = configSchema.parse({});
