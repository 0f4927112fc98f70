/**
 * analyze(files, options) → findings. Pure: no network, no file system. Every file is parsed
 * once and shared by all rules; a file that cannot be read is skipped with a note and the rest
 * is still analyzed; a rule that throws on one file is noted and the others still run.
 */
import picomatch from 'picomatch';
import { DEFAULT_CONFIG, type Config } from '../config/schema.js';
import { deploymentFacts, type DeploymentFacts } from './deploy/index.js';
import { byteLength, decodeSource, fileKind, type FileKind, type SourceFile } from './files.js';
import { LineIndex } from './lines.js';
import { ProjectModules } from './project.js';
import { PythonModule } from './python/module.js';
import type { Report, Rule, RuleSettings } from './rule.js';
import { PathScopes } from './scope.js';
import { isSuppressed } from './suppress.js';
import type { Finding } from './types.js';

export interface AnalyzeOptions {
  rules: readonly Rule[];
  config?: Config;
  /** Called after each file is analyzed (for progress displays). */
  onFile?: (path: string) => void;
}

export interface FileNote {
  path: string;
  note: string;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Findings silenced by a `flaskguard: ignore` comment. */
  suppressed: Finding[];
  /** Files not analyzed at all, and why. */
  skipped: FileNote[];
  /** Files analyzed with a caveat (syntax errors, undecodable bytes, a rule that failed). */
  notes: FileNote[];
  filesAnalyzed: number;
  linesAnalyzed: number;
}

interface PreparedFile {
  path: string;
  kind: Exclude<FileKind, 'requirements'>;
  text: string;
  lines: LineIndex;
  module?: PythonModule;
  facts?: DeploymentFacts;
}

/** Does the config's `paths` section let this file in? */
export function pathFilter(config: Config): (path: string) => boolean {
  const include = config.paths.include.length > 0 ? picomatch(config.paths.include, { dot: true }) : () => true;
  const exclude = config.paths.exclude.length > 0 ? picomatch(config.paths.exclude, { dot: true }) : () => false;
  return (path) => include(path) && !exclude(path);
}

export function analyze(files: readonly SourceFile[], options: AnalyzeOptions): AnalysisResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const result: AnalysisResult = { findings: [], suppressed: [], skipped: [], notes: [], filesAnalyzed: 0, linesAnalyzed: 0 };
  const scopes = new PathScopes(config.production_config);
  const rules = options.rules.filter((r) => config.rules[r.meta.id] !== 'off' && config.rules[r.meta.id] !== false);
  const settings: RuleSettings = { sessionLifetimeMaxDays: config.settings.session_lifetime_max_days };
  const project = new ProjectModules();
  const prepared: PreparedFile[] = [];
  const wanted = pathFilter(config);

  for (const file of files) {
    const kind = fileKind(file.path);
    if (!kind || kind === 'requirements' || !wanted(file.path)) continue;
    if (byteLength(file.content) > config.max_file_size_kb * 1024) {
      result.skipped.push({ path: file.path, note: `larger than ${config.max_file_size_kb} KB (max_file_size_kb)` });
      continue;
    }
    const decoded = decodeSource(file.content);
    if (!decoded.ok) {
      result.skipped.push({ path: file.path, note: decoded.reason });
      continue;
    }
    if (decoded.note) result.notes.push({ path: file.path, note: decoded.note });
    const entry: PreparedFile = { path: file.path, kind, text: decoded.text, lines: new LineIndex(decoded.text) };
    if (kind === 'python') {
      try {
        entry.module = new PythonModule(file.path, decoded.text, project, scopes.scopeOf(file.path));
      } catch (error) {
        result.skipped.push({ path: file.path, note: `could not be parsed (${(error as Error).message})` });
        continue;
      }
      if (entry.module.hasSyntaxErrors) result.notes.push({ path: file.path, note: 'syntax errors: analyzed best-effort' });
      project.add(entry.module);
    }
    prepared.push(entry);
  }

  for (const file of prepared) {
    result.filesAnalyzed++;
    result.linesAnalyzed += file.lines.lineCount;
    const fileScope = scopes.scopeOf(file.path);
    for (const rule of rules) {
      const report = (r: Report) => {
        const finding = toFinding(rule, file, r, config);
        if (isSuppressed(file.lines, finding.startLine, finding.ruleId)) result.suppressed.push(finding);
        else result.findings.push(finding);
      };
      const base = { path: file.path, text: file.text, lines: file.lines, settings, fileScope, report };
      try {
        if (file.module) rule.python?.({ ...base, module: file.module });
        else if (file.kind === 'template') rule.template?.(base);
        else if (file.kind === 'deploy' && rule.deploy) rule.deploy({ ...base, facts: deploymentFactsOf(file, result) });
      } catch (error) {
        result.notes.push({ path: file.path, note: `rule ${rule.meta.id} failed: ${(error as Error).message}` });
      }
    }
    options.onFile?.(file.path);
  }
  result.findings = sortAndDedupe(result.findings);
  result.suppressed = sortAndDedupe(result.suppressed);
  return result;
}

function deploymentFactsOf(file: PreparedFile, result: AnalysisResult): DeploymentFacts {
  if (!file.facts) {
    file.facts = deploymentFacts(file.path, file.text);
    if (file.facts.problem) result.notes.push({ path: file.path, note: file.facts.problem });
  }
  return file.facts;
}

function toFinding(rule: Rule, file: PreparedFile, report: Report, config: Config): Finding {
  let start: number;
  let end: number;
  if (report.node) {
    start = report.node.startIndex;
    end = report.node.endIndex;
  } else if (report.offsets) {
    ({ start, end } = report.offsets);
    while (end > start && /\s/.test(file.text[end - 1] as string)) end--;
  } else {
    throw new Error(`rule ${rule.meta.id} reported without a node or offsets`);
  }
  const from = file.lines.position(start);
  const to = file.lines.position(end);
  const override = config.rules[rule.meta.id];
  const severity = override && override !== 'off' ? override : (report.severity ?? rule.meta.severity);
  const finding: Finding = {
    ruleId: rule.meta.id,
    category: rule.meta.category,
    severity,
    file: file.path,
    startLine: from.line,
    startColumn: from.column,
    endLine: to.line,
    endColumn: to.column,
    message: report.message,
  };
  if (report.fix !== undefined) finding.fix = report.fix;
  return finding;
}

function sortAndDedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : a.startLine - b.startLine || a.startColumn - b.startColumn || a.ruleId.localeCompare(b.ruleId),
    )
    .filter((f) => {
      const key = `${f.file}:${f.ruleId}:${f.startLine}:${f.startColumn}:${f.endLine}:${f.endColumn}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
