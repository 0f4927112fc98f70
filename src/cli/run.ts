/** The part of `scan` and `diff` after the files are known: analyze, report, exit code. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_IDS } from '../../rules/index.js';
import { analyze, type FileNote } from '../core/analyze.js';
import { assignFingerprints } from '../core/fingerprint.js';
import { LineIndex } from '../core/lines.js';
import { isAtLeast, type Finding } from '../core/types.js';
import { decodeSource, type SourceFile } from '../core/files.js';
import { CONFIG_FILE, ConfigError, parseConfig } from '../config/load.js';
import { DEFAULT_CONFIG, type Config } from '../config/schema.js';
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

/** Analyzes, writes the report where asked, and returns the exit code (0 clean, 1 findings). */
export function runAnalysis(input: RunInput): number {
  const { files, config, options } = input;
  const progress = new Progress(files.length);
  const result = analyze(files, { rules: RULES, config, onFile: () => progress.tick() });
  progress.done();
  const keep = input.keep ?? (() => true);
  const findings = result.findings.filter(keep);
  const texts = new Map(files.map((f) => [f.path, f.content]));
  const lineIndexes = new Map<string, LineIndex>();
  const lineText = (finding: Finding) => {
    let index = lineIndexes.get(finding.file);
    if (!index) {
      const decoded = decodeSource(texts.get(finding.file) ?? '');
      index = new LineIndex(decoded.ok ? decoded.text : '');
      lineIndexes.set(finding.file, index);
    }
    return index.line(finding.startLine);
  };
  const suppressed = result.suppressed.filter(keep);
  const report: RunReport = {
    findings,
    suppressed,
    skipped: [...input.skipped, ...result.skipped],
    notes: result.notes,
    filesAnalyzed: result.filesAnalyzed,
    rules: RULES.map((r) => r.meta),
    fingerprints: assignFingerprints([...findings, ...suppressed], lineText),
    lineText,
  };
  writeReport(report, options);
  const failOn = options.failOn ?? config.fail_on;
  return failOn !== 'none' && findings.some((f) => isAtLeast(f.severity, failOn)) ? 1 : 0;
}

function writeReport(report: RunReport, options: CommonOptions): void {
  const toFile = options.output !== undefined;
  const colour = !toFile && options.format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const body =
    options.format === 'json' ? `${JSON.stringify(toJson(report, VERSION), null, 2)}\n`
    : options.format === 'sarif' ? `${JSON.stringify(toSarif(report, sarifOptions), null, 2)}\n`
    : toText(report, colour);
  if (toFile) {
    try {
      writeFileSync(options.output as string, body);
    } catch (error) {
      throw new UsageError(`Cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
  } else {
    process.stdout.write(body);
  }
}

const sarifOptions = { toolVersion: VERSION, homepage: HOMEPAGE };
