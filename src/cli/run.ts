/** The part of `scan` and `diff` after the files are known: analyze, audit dependencies, report, exit code. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_IDS } from '../../rules/index.js';
import { analyze, type FileNote } from '../core/analyze.js';
import type { RuleMeta } from '../core/rule.js';
import { decodeSource, type SourceFile } from '../core/files.js';
import { assignFingerprints } from '../core/fingerprint.js';
import { LineIndex } from '../core/lines.js';
import { timed, timedAsync } from '../core/timing.js';
import { isFailing, type Finding } from '../core/types.js';
import { CONFIG_FILE, CONFIG_LIMITS, configSizeProblem, DEFAULT_CONFIG } from '../config/defaults.js';
import type { Config } from '../config/schema.js';
import type { AdvisorySource } from '../deps/advisory.js';
import { auditDependencies } from '../deps/audit.js';
import { SnapshotAdvisorySource } from '../deps/snapshot.js';
import { withinConfidence } from '../report/confidence.js';
import { failingExisting } from '../review/outcome.js';
import { toGithubCommands } from '../report/github.js';
import { toJson } from '../report/json.js';
import type { RunReport } from '../report/model.js';
import { toSarif } from '../report/sarif.js';
import { toText } from '../report/text.js';
import { HOMEPAGE, VERSION } from '../version.js';
import { UsageError, type CommonOptions } from './options.js';
import { Progress } from './progress.js';
import { readRegularFile } from './read-file.js';
import { writeOutput } from './write-output.js';

/** The YAML parser and the schema are loaded only when there is a config file. */
export async function loadConfig(root: string, explicit?: string): Promise<Config> {
  const file = explicit ?? join(root, CONFIG_FILE);
  if (!explicit && !existsSync(file)) return DEFAULT_CONFIG;
  const name = explicit ?? CONFIG_FILE;
  const read = readRegularFile(file, CONFIG_LIMITS.bytes);
  if ('refused' in read) throw new UsageError(`Cannot use the config file ${file}: ${read.refused}.`);
  const { ConfigError, parseConfig } = await import('../config/load.js');
  if ('tooLarge' in read) throw new UsageError(new ConfigError(name, [{ key: '', message: configSizeProblem(read.bytes ?? CONFIG_LIMITS.bytes + 1) }]).message);
  try {
    return parseConfig(read.content.toString('utf8'), name, RULE_IDS);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export interface RunInput {
  /** The project root the files' paths are relative to. */
  root: string;
  files: SourceFile[];
  skipped: FileNote[];
  /** Files found but not read (skipped ones, and includes refused), for the audit's notes. */
  unread?: FileNote[];
  config: Config;
  options: CommonOptions;
  /** Keeps only the findings a diff touches; all of them when absent. */
  keep?: (finding: Finding) => boolean;
}

/** Analyzes, audits dependencies, writes the report where asked, and returns the exit code (0 clean, 1 findings). */
export async function runAnalysis(input: RunInput): Promise<number> {
  const source = await timedAsync('dependency files', () => advisorySource(input.options));
  const report = await timedAsync('report', () => buildReport(input, source));
  timed('report', () => writeReport(report, input.options, input.root));
  return exitCode(report, input);
}

/** Exit code 1 when a finding fails the run (`--fail-on`, else `fail_on`, and `fail_min_confidence`), else 0. */
export function exitCode(report: RunReport, input: Pick<RunInput, 'config' | 'options'>): number {
  const failOn = input.options.failOn ?? input.config.fail_on;
  const failing = [...report.findings, ...failingExisting(report.existing, { ...input.config, fail_on: failOn })];
  return failing.some((f) => isFailing(f, failOn, input.config.fail_min_confidence)) ? 1 : 0;
}

/** The findings of the files: the analysis, the dependency audit, what the diff keeps. */
export async function buildReport(input: RunInput, source: AdvisorySource): Promise<RunReport> {
  const { files, options } = input;
  const config = withOptions(input.config, options);
  const progress = new Progress(files.length);
  const result = timed('rules', () => analyze(files, { rules: RULES, config, onFile: () => progress.tick() }));
  progress.done();
  const audit = await timedAsync('dependency files', () => auditDependencies(files, { source, config, unread: input.unread ?? input.skipped }));
  const keep = input.keep ?? (() => true);
  // Dependency problems outside the change are existing ones: shown, never failing the run.
  const existing = config.dependencies.existing === 'off' ? [] : audit.findings.filter((f) => !keep(f));
  const findings = sortFindings(withinConfidence([...result.findings, ...audit.findings].filter(keep), config));
  const suppressed = sortFindings([...result.suppressed, ...audit.suppressed].filter(keep));
  const lineText = lineReader(files);
  const report: RunReport = {
    findings,
    suppressed,
    withheld: result.withheld.filter(keep),
    existing,
    existingMode: config.dependencies.existing === 'annotate' || config.dependencies.existing === 'fail' ? 'annotate' : 'summary',
    existingFails: config.dependencies.existing === 'fail',
    skipped: [...input.skipped, ...result.skipped, ...audit.skipped],
    notes: [...result.notes, ...audit.notes],
    filesAnalyzed: result.filesAnalyzed,
    files: { analyzed: result.analyzed, audited: audit.requirementFiles },
    rules: RULES.map((r) => effectiveMeta(r.meta, config)),
    fingerprints: assignFingerprints([...findings, ...suppressed, ...existing], lineText),
    lineText: (finding) => lineText(finding.file, finding.startLine),
    advisorySource: audit.requirementFiles.length > 0 ? audit.advisorySource : undefined,
  };
  return report;
}

/** The command line's --min-confidence and --show-dev replace the config's values. */
function withOptions(config: Config, options: CommonOptions): Config {
  return {
    ...config,
    report: {
      min_confidence: options.minConfidence ?? config.report.min_confidence,
      show_dev: options.showDev ?? config.report.show_dev,
    },
  };
}

/** A rule's metadata with the severity the config gives it (SARIF's default level and security-severity). */
function effectiveMeta(meta: RuleMeta, config: Config): RuleMeta {
  const setting = config.rules[meta.id];
  return setting && setting !== 'off' ? { ...meta, severity: setting } : meta;
}

export async function advisorySource(options: CommonOptions): Promise<AdvisorySource> {
  const snapshot = SnapshotAdvisorySource.bundled();
  if (!options.online) return snapshot;
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new UsageError('--online asks the GitHub Advisory Database and needs a token in GITHUB_TOKEN.');
  const { onlineAdvisorySource } = await import('../github/advisories.js');
  return onlineAdvisorySource(token, snapshot);
}

export function lineReader(files: readonly SourceFile[]): (file: string, line: number) => string {
  const contents = new Map(files.map((f) => [f.path, f.content]));
  const indexes = new Map<string, LineIndex>();
  return (file, line) => {
    let index = indexes.get(file);
    if (!index) {
      const decoded = decodeSource(contents.get(file) ?? '');
      index = new LineIndex(decoded.ok ? decoded.text : '');
      indexes.set(file, index);
    }
    return index.line(line);
  };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.startLine - b.startLine || a.startColumn - b.startColumn));
}

export function writeReport(report: RunReport, options: CommonOptions, root: string): void {
  writeOutput(renderReport(report, options, root), options.output);
}

/** The report in the chosen format; `jsonExtra` adds keys to the JSON output (audit's `dependencies`). */
export function renderReport(report: RunReport, options: Pick<CommonOptions, 'format' | 'output'>, root: string, jsonExtra: object = {}): string {
  const colour = options.output === undefined && options.format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  return options.format === 'json' ? `${JSON.stringify({ ...toJson(report, VERSION), ...jsonExtra }, null, 2)}\n`
    : options.format === 'sarif' ? `${JSON.stringify(toSarif(report, { toolVersion: VERSION, homepage: HOMEPAGE, root }), null, 2)}\n`
    : options.format === 'github' ? toGithubCommands(report)
    : toText(report, colour);
}
