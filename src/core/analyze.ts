/**
 * analyze(files, options) → findings. Pure: no network, no file system. Every file is parsed
 * once (when a rule first asks) and shared by all rules; a file that cannot be read is skipped
 * with a note and the rest is still analyzed; a rule that throws on one file is noted and the
 * others still run.
 */
import picomatch from 'picomatch';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { Config } from '../config/schema.js';
import { DebugSources } from './debug-sources.js';
import { deploymentFacts, type DeploymentFacts } from './deploy/index.js';
import { byteLength, decodeSource, fileKind, type FileKind, type SourceFile } from './files.js';
import { LineIndex } from './lines.js';
import { ProjectModules } from './project.js';
import { ParseFailure, PythonModule } from './python/module.js';
import { isFlaskLibrary, isPackageMetadataPath, packageIdentity } from './package-metadata.js';
import type { Report, Rule, RuleSettings } from './rule.js';
import { codeScopeOf, isDevelopmentOrTesting, PathScopes, type CodeScope, type EnvironmentScope } from './scope.js';
import { isSuppressed } from './suppress.js';
import { isRenderedTemplate, templateFolders } from './template-files.js';
import { TemplateScopes } from './template-scopes.js';
import { timedRule } from './timing.js';
import type { Finding } from './types.js';

export interface AnalyzeOptions {
  rules: readonly Rule[];
  config?: Config;
  /** Called after each file is analyzed (for progress displays). */
  onFile?: (path: string) => void;
  /**
   * How long one file's analysis may take, in ms (10 s by default): a file over it is skipped
   * with a note, and the rest of the review goes on. Checked between rules and at every finding.
   */
  fileBudgetMs?: number;
  /**
   * How long parsing one Python module may take, in ms (5 s by default): tree-sitter's error
   * recovery can take minutes on some broken files. A module over it is noted as not parsed.
   */
  parseBudgetMs?: number;
  /** The clock the budgets are measured by, in ms (tests give a fake one). */
  clock?: () => number;
}

export const DEFAULT_FILE_BUDGET_MS = 10_000;
export const DEFAULT_PARSE_BUDGET_MS = 5_000;

/** Thrown inside a rule (from its report callback) to stop a file that is over its time budget. */
class OverBudget extends Error {}

export interface FileNote {
  path: string;
  note: string;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Findings silenced by a `flaskguard: ignore` comment. */
  suppressed: Finding[];
  /**
   * Findings in development or test code, not reported (each with its `scope`); empty when
   * `report.show_dev` lists them among the findings at low confidence instead.
   */
  withheld: Finding[];
  /** Files not analyzed at all, and why. */
  skipped: FileNote[];
  /** Files analyzed with a caveat (syntax errors, undecodable bytes, a rule that failed). */
  notes: FileNote[];
  filesAnalyzed: number;
  /** The paths of the files analyzed, in order. */
  analyzed: string[];
  linesAnalyzed: number;
}

interface PreparedFile {
  path: string;
  kind: Exclude<FileKind, 'requirements'>;
  text: string;
  lines: LineIndex;
  /** Where the file's code runs, from its name and content. */
  environment: EnvironmentScope;
  /** Documentation, examples or a library's own source: reported at low confidence. */
  codeScope?: CodeScope;
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
  const analysis = new Analysis(files, options);
  for (const file of analysis.files) analysis.analyzeFile(file);
  return analysis.result();
}

/** Gives the event loop a turn. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface ReleasingOptions {
  /**
   * Called between files after every `collectEveryBytes` of source (1 MB), once their trees are
   * released: a full garbage collection (Node's `gc` under --expose-gc) frees those trees at
   * once. Without it V8, which does not see the trees' native memory, frees them only at its next
   * major collection.
   */
  collectGarbage?: () => void;
  collectEveryBytes?: number;
}

/**
 * analyze() for a long-lived process and large inputs (a pull request of a thousand files): the
 * same result, but after each file every syntax tree is released and the event loop gets a turn.
 * tree-sitter frees a tree only once its JS object is garbage-collected and Node has run the
 * finalizer from the event loop, so analyze() holds every tree of the input until it returns
 * (about 1.5 KB a line); this holds little more than the trees of the files since the last
 * collection. The cost: modules another file asks about are parsed again.
 */
export async function analyzeReleasingTrees(files: readonly SourceFile[], options: AnalyzeOptions & ReleasingOptions): Promise<AnalysisResult> {
  const analysis = new Analysis(files, options);
  const every = options.collectEveryBytes ?? 1024 * 1024;
  let sinceCollection = 0;
  for (const file of analysis.files) {
    analysis.analyzeFile(file);
    analysis.project.release();
    sinceCollection += file.text.length;
    if (options.collectGarbage && sinceCollection >= every) {
      options.collectGarbage();
      sinceCollection = 0;
    }
    await nextTurn();
  }
  return analysis.result();
}

/** One analysis: the files prepared (decoded, Python modules known to each other, not yet parsed), then analyzed one by one. */
class Analysis {
  readonly files: PreparedFile[] = [];
  readonly project: ProjectModules;
  private readonly templateScopes: TemplateScopes;
  private readonly debugSources = new DebugSources(() => this.files.filter((f) => f.kind === 'deploy'), () => this.project.all());
  private readonly config: Config;
  private readonly scopes: PathScopes;
  private readonly rules: readonly Rule[];
  private readonly settings: RuleSettings;
  private readonly found: AnalysisResult = { findings: [], suppressed: [], withheld: [], skipped: [], notes: [], filesAnalyzed: 0, analyzed: [], linesAnalyzed: 0 };

  constructor(
    input: readonly SourceFile[],
    private readonly options: AnalyzeOptions,
  ) {
    const config = options.config ?? DEFAULT_CONFIG;
    this.config = config;
    this.project = new ProjectModules({ ms: options.parseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS, clock: options.clock ?? performance.now.bind(performance) });
    this.templateScopes = new TemplateScopes(this.project, input.map((f) => f.path));
    this.scopes = new PathScopes(config.production_config);
    this.rules = options.rules.filter((r) => config.rules[r.meta.id] !== 'off' && config.rules[r.meta.id] !== false);
    this.settings = { sessionLifetimeMaxDays: config.settings.session_lifetime_max_days };
    const wanted = pathFilter(config);
    const library = isLibraryRepository(input);
    const folders = templateFolders(input);
    for (const file of input) {
      const kind = fileKind(file.path);
      if (!kind || kind === 'requirements' || kind === 'package' || !wanted(file.path)) continue;
      if (byteLength(file.content) > config.max_file_size_kb * 1024) {
        this.found.skipped.push({ path: file.path, note: `larger than ${config.max_file_size_kb} KB (max_file_size_kb)` });
        continue;
      }
      const decoded = decodeSource(file.content);
      if (!decoded.ok) {
        this.found.skipped.push({ path: file.path, note: decoded.reason });
        continue;
      }
      // An .html file that is no Jinja template (a static page, another framework's template) is not analyzed.
      if (kind === 'template' && !isRenderedTemplate(file.path, decoded.text, folders)) continue;
      if (decoded.note) this.found.notes.push({ path: file.path, note: decoded.note });
      const environment = this.scopes.scopeOf(file.path, kind, decoded.text);
      const entry: PreparedFile = { path: file.path, kind, text: decoded.text, lines: new LineIndex(decoded.text), environment };
      const codeScope = codeScopeOf(file.path, library);
      if (codeScope) entry.codeScope = codeScope;
      if (kind === 'template') this.templateScopes.addTemplate(file.path, decoded.text);
      if (kind === 'python') {
        entry.module = new PythonModule(file.path, decoded.text, this.project, environment);
        this.project.add(entry.module);
      }
      this.files.push(entry);
    }
  }

  analyzeFile(file: PreparedFile): void {
    const result = this.found;
    const before = { findings: result.findings.length, suppressed: result.suppressed.length, withheld: result.withheld.length, notes: result.notes.length };
    const clock = this.options.clock ?? performance.now.bind(performance);
    const budget = this.options.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS;
    const started = clock();
    const checkBudget = () => {
      if (clock() - started > budget) throw new OverBudget();
    };
    try {
      this.runRules(file, checkBudget);
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      // What the file's rules found before the budget ran out is dropped with it: half a file's findings would mislead.
      result.findings.length = before.findings;
      result.suppressed.length = before.suppressed;
      result.withheld.length = before.withheld;
      result.notes.length = before.notes;
      result.skipped.push({ path: file.path, note: `analysis took longer than ${budget / 1000} s (the time budget of one file); skipped` });
      this.options.onFile?.(file.path);
      return;
    }
    result.filesAnalyzed++;
    result.analyzed.push(file.path);
    result.linesAnalyzed += file.lines.lineCount;
    this.options.onFile?.(file.path);
  }

  private runRules(file: PreparedFile, checkBudget: () => void): void {
    const result = this.found;
    const fileScope = file.environment;
    for (const rule of this.rules) {
      // A rule with nothing to look at in this kind of file costs neither a context nor a timer.
      if (file.module ? !rule.python : file.kind === 'template' ? !rule.template : !(file.kind === 'deploy' && rule.deploy)) continue;
      checkBudget();
      const report = (r: Report) => {
        checkBudget();
        const finding = toFinding(rule, file, r, this.config);
        if (isSuppressed(file.lines, finding.startLine, finding.ruleId)) result.suppressed.push(finding);
        else if ((finding.scope === 'development' || finding.scope === 'testing') && !this.config.report.show_dev) result.withheld.push(finding);
        else result.findings.push(finding);
      };
      const base = { path: file.path, text: file.text, lines: file.lines, settings: this.settings, fileScope, report };
      try {
        timedRule(rule.meta.id, () => {
          if (file.module) rule.python?.({ ...base, module: file.module, values: this.templateScopes.valuesFor(file.path) });
          else if (file.kind === 'template') {
            const scopes = this.templateScopes;
            rule.template?.({ ...base, values: scopes.valuesFor(file.path), records: scopes.recordsFor(file.path), get tags() { return scopes.tagsOf(file.path); } });
          }
          else if (file.kind === 'deploy' && rule.deploy) rule.deploy({ ...base, facts: deploymentFactsOf(file, result), debugSources: this.debugSources });
        });
      } catch (error) {
        if (error instanceof OverBudget) throw error;
        if (error instanceof ParseFailure && error.path === file.path) {
          result.notes.push({ path: file.path, note: `could not be parsed (${error.message}): only the rules that need no syntax tree looked at it` });
          break;
        }
        if (error instanceof ParseFailure) {
          result.notes.push({ path: file.path, note: `rule ${rule.meta.id} stopped: ${error.path} could not be parsed (${error.message})` });
          continue;
        }
        result.notes.push({ path: file.path, note: `rule ${rule.meta.id} failed: ${(error as Error).message}` });
      }
    }
    // Files are parsed only when a rule finds something to look at; a file no rule needed the
    // tree of has nothing a parse could change.
    if (file.module?.isParsed && file.module.hasSyntaxErrors) result.notes.push({ path: file.path, note: 'syntax errors: analyzed best-effort' });
  }

  result(): AnalysisResult {
    this.found.findings = sortAndDedupe(this.found.findings);
    this.found.suppressed = sortAndDedupe(this.found.suppressed);
    this.found.withheld = sortAndDedupe(this.found.withheld);
    return this.found;
  }
}

/** Does the repository's root packaging metadata say it is Flask, Werkzeug or a Flask extension? */
function isLibraryRepository(files: readonly SourceFile[]): boolean {
  return files.some((file) => {
    if (!isPackageMetadataPath(file.path)) return false;
    const decoded = decodeSource(file.content);
    const identity = decoded.ok ? packageIdentity(file.path, decoded.text) : undefined;
    return identity !== undefined && isFlaskLibrary(identity);
  });
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
    confidence: report.confidence ?? rule.meta.confidence,
  };
  const environment = report.environment ?? file.environment;
  if (isDevelopmentOrTesting(environment)) {
    // Withheld and counted; `report.show_dev` lists it instead, at low confidence.
    finding.scope = environment;
    if (config.report.show_dev) finding.confidence = 'low';
  } else if (file.codeScope) {
    finding.scope = file.codeScope;
    finding.confidence = 'low';
  }
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
