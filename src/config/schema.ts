/** The `.flaskguard.yml` schema: every key a repository can set, with its default. */
import { z } from 'zod';
import { CONFIDENCES, SEVERITIES, type Severity } from '../core/types.js';
import { CONFIG_LIMITS, DEFAULTS as D } from './defaults.js';

/** YAML 1.1 reads `on`/`off` as booleans, YAML 1.2 as strings: accept both spellings. */
const onOff = z.union([z.boolean(), z.enum(['on', 'off'])]).transform((v) => v === true || v === 'on');
const globs = z.array(z.string().min(1)).max(CONFIG_LIMITS.listEntries);

export const RULE_SETTING_VALUES = ['off', ...SEVERITIES] as const;

/** Per rule: `off`, or a severity that replaces the rule's default (rule ids are checked in load.ts). */
export const ruleSettingsSchema = z
  .record(z.string(), z.union([z.enum(RULE_SETTING_VALUES), z.literal(false)]))
  .default(D.rules)
  .describe("Per rule id: off, or a severity that replaces the rule's default.");

// The descriptions are what an editor shows for each key (schema/flaskguard.schema.json).
export const configSchema = z
  .strictObject({
    fail_on: z
      .enum([...SEVERITIES, 'none'])
      .default(D.fail_on)
      .describe('Findings (on changed lines, in a pull request) at or above this severity fail the check; none: never fail.'),
    fail_min_confidence: z
      .enum(CONFIDENCES)
      .default(D.fail_min_confidence)
      .describe('...and at or above this confidence: low-confidence (audit) findings never fail by default.'),
    report: z
      .strictObject({
        min_confidence: z.enum(CONFIDENCES).default(D.report.min_confidence).describe('Findings below this confidence are left out of every output.'),
        show_dev: onOff
          .default(D.report.show_dev)
          .describe('List findings in development and test code (at low confidence) instead of only counting them.'),
      })
      .default(D.report)
      .describe('What the reports show.'),
    rules: ruleSettingsSchema,
    paths: z
      .strictObject({
        include: globs.default(D.paths.include).describe('Globs of the files to analyze; default: everything.'),
        exclude: globs.default(D.paths.exclude).describe('Globs of files never analyzed.'),
      })
      .default(D.paths)
      .describe('Which files are analyzed.'),
    production_config: globs.default(D.production_config).describe('Globs of files that configure production, whatever their names say.'),
    settings: z
      .strictObject({
        session_lifetime_max_days: z
          .number()
          .positive()
          .default(D.settings.session_lifetime_max_days)
          .describe('Permanent sessions and Flask-Login remember-me cookies living longer than this are flagged (FG504).'),
      })
      .default(D.settings)
      .describe('Thresholds some rules read.'),
    dependencies: z
      .strictObject({
        existing: z
          .enum(['summary', 'annotate', 'fail', 'off'])
          .default(D.dependencies.existing)
          .describe(
            'Problems in dependency files a pull request does not change: listed in the summary, also annotated, annotated and failing the check when a pinned version has an advisory at or above fail_on, or not shown.',
          ),
      })
      .default(D.dependencies)
      .describe('The dependency audit.'),
    review: z
      .strictObject({
        comments: onOff.default(D.review.comments).describe('GitHub App: review comments on the risky lines (off: annotations and summary only).'),
        max_comments: z.number().int().min(0).max(100).default(D.review.max_comments).describe('GitHub App: inline comments per review; the rest are counted in the review body.'),
        event: z.enum(['COMMENT', 'REQUEST_CHANGES']).default(D.review.event).describe('GitHub App: the kind of review it leaves.'),
        min_confidence: z.enum(CONFIDENCES).default(D.review.min_confidence).describe('GitHub App: only findings at or above this confidence become review comments.'),
      })
      .default(D.review)
      .describe("The GitHub App's pull request review."),
    annotations: z
      .strictObject({
        max: z.number().int().min(0).default(D.annotations.max).describe('GitHub App: annotations per check run, most severe first.'),
      })
      .default(D.annotations)
      .describe("The GitHub App's check run annotations."),
    monitor: z
      .strictObject({
        advisories: onOff.default(D.monitor.advisories).describe("GitHub App: re-audit the default branch's dependency files against new advisories on a schedule."),
        issue: onOff.default(D.monitor.issue).describe('GitHub App: keep one issue open listing the vulnerable dependencies (updated in place, closed when fixed).'),
        interval_hours: z.number().min(1).max(24 * 30).default(D.monitor.interval_hours).describe('GitHub App: hours between two audits of this repository.'),
      })
      .default(D.monitor)
      .describe('GitHub App: advisory monitoring of the default branch.'),
    skip_drafts: z.boolean().default(D.skip_drafts).describe('GitHub App: draft pull requests get a skipped check run until marked ready.'),
    max_file_size_kb: z.number().int().positive().default(D.max_file_size_kb).describe('Files larger than this are skipped with a note.'),
  })
  .describe('FlaskGuard configuration (.flaskguard.yml at the repository root).');

export type Config = z.output<typeof configSchema>;
export type RuleSetting = 'off' | Severity;
