/** The part of `scan` and `diff` after the files are known: analyze, audit dependencies, report, exit code. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_IDS } from '../../rules/index.js';
import { analyze, type FileNote } from '../core/analyze.js';
import { decodeSource, type SourceFile } from '../core/files.js';
import { assignFingerprints } from '../core/fingerprint.js';
import { LineIndex } from '../core/lines.js';
import { isFailing, type Finding } from '../core/types.js';
import { withinConfidence } from '../report/confidence.js';
import { CONFIG_FILE, ConfigError, parseConfig } from '../config/load.js';
import { DEFAULT_CONFIG, type Config } from '../config/schema.js';
import { SnapshotAdvisorySource, auditDependencies, type AdvisorySource } from '../deps/index.js';
import { onlineAdvisorySource } from '../github/advisories.js';
import { toJson } from '../report/json.js';
import type { RunReport } from '../report/model.js';
import { toSarif } from '../report/sarif.js';
import { toText } from '../report/text.js';
import { HOMEPAGE, VERSION } from '../version.js';
import { UsageError, type CommonOptions } from './options.js';
import { Progress } from './progress.js';

export function loadConfig(root: string, explicit?: string): Config {
  const file = explicit ?? join(root, CONFIG_FILE);
  if (!explicit && !existsSync(file)) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  try {
    return parseConfig(text, explicit ?? CONFIG_FILE, RULE_IDS);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export interface RunInput {
  files: SourceFile[];
  skipped: FileNote[];
  config: Config;
  options: CommonOptions;
  /** Keeps only the findings a diff touches; all of them when absent. */
  keep?: (finding: Finding) => boolean;
}

/** Analyzes, audits dependencies, writes the report where asked, and returns the exit code (0 clean, 1 findings). */
export async function runAnalysis(input: RunInput): Promise<number> {
  const { files, options } = input;
  const config = withOptions(input.config, options);
  const source = await advisorySource(options);
  const progress = new Progress(files.length);
  const result = analyze(files, { rules: RULES, config, onFile: () => progress.tick() });
  progress.done();
  const audit = await auditDependencies(files, { source, config });
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
    existingMode: config.dependencies.existing === 'annotate' ? 'annotate' : 'summary',
    skipped: [...input.skipped, ...result.skipped],
    notes: [...result.notes, ...audit.notes],
    filesAnalyzed: result.filesAnalyzed,
    rules: RULES.map((r) => r.meta),
    fingerprints: assignFingerprints([...findings, ...suppressed, ...existing], lineText),
    lineText,
    advisorySource: audit.requirementFiles.length > 0 ? audit.advisorySource : undefined,
  };
  writeReport(report, options);
  const failOn = options.failOn ?? config.fail_on;
  return findings.some((f) => isFailing(f, failOn, config.fail_min_confidence)) ? 1 : 0;
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

async function advisorySource(options: CommonOptions): Promise<AdvisorySource> {
  const snapshot = SnapshotAdvisorySource.bundled();
  if (!options.online) return snapshot;
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new UsageError('--online asks the GitHub Advisory Database and needs a token in GITHUB_TOKEN.');
  return onlineAdvisorySource(token, snapshot);
}

function lineReader(files: readonly SourceFile[]): (finding: Finding) => string {
  const contents = new Map(files.map((f) => [f.path, f.content]));
  const indexes = new Map<string, LineIndex>();
  return (finding) => {
    let index = indexes.get(finding.file);
    if (!index) {
      const decoded = decodeSource(contents.get(finding.file) ?? '');
      index = new LineIndex(decoded.ok ? decoded.text : '');
      indexes.set(finding.file, index);
    }
    return index.line(finding.startLine);
  };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.startLine - b.startLine || a.startColumn - b.startColumn));
}

function writeReport(report: RunReport, options: CommonOptions): void {
  const toFile = options.output !== undefined;
  const colour = !toFile && options.format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const body =
    options.format === 'json' ? `${JSON.stringify(toJson(report, VERSION), null, 2)}\n`
    : options.format === 'sarif' ? `${JSON.stringify(toSarif(report, { toolVersion: VERSION, homepage: HOMEPAGE }), null, 2)}\n`
    : toText(report, colour);
  if (!toFile) {
    process.stdout.write(body);
    return;
  }
  try {
    writeFileSync(options.output as string, body);
  } catch (error) {
    throw new UsageError(`Cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}
