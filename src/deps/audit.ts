/**
 * auditDependencies(files, {source, config}): the dependency findings of a repository. Reads the
 * dependency files (and what they include), asks the advisory source about every pinned version
 * and every range, and checks that Flask and Werkzeug are listed when the code imports them.
 */
import { posix } from 'node:path';
import { DEFAULT_PARSE_BUDGET_MS, pathFilter, type FileNote } from '../core/analyze.js';
import { byteLength, decodeSource, type SourceFile } from '../core/files.js';
import { LineIndex } from '../core/lines.js';
import { PythonModule } from '../core/python/module.js';
import type { Rule } from '../core/rule.js';
import { isSuppressed } from '../core/suppress.js';
import { severityRank, type Confidence, type Finding, type Range, type Severity } from '../core/types.js';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { Config } from '../config/schema.js';
import { undeclaredFlaskDependency } from '../../rules/undeclared-flask-dependency.js';
import { unpinnedDependency } from '../../rules/unpinned-dependency.js';
import { unpinnedVcsDependency } from '../../rules/unpinned-vcs-dependency.js';
import { vulnerableDependency } from '../../rules/vulnerable-dependency.js';
import type { Advisory, AdvisoryAnswer, AdvisorySource } from './advisory.js';
import type { Declaration } from './declaration.js';
import { referencePin } from './direct-reference.js';
import { collectDeclarations, dependencyFileType, type CollectedDeclarations, type DependencyFileType } from './dependency-files.js';
import { alsoPinnedMessage, byWorst, libraryLockMessage, undeclaredMessage, unpinnedMessage, vulnerablePinMessage } from './messages.js';
import { FLASK_CORE_PACKAGES } from './names.js';
import { groupPins, publishedRequirementAllowingFix } from './pin-groups.js';
import { clearingCandidates, upgradeTarget } from './upgrade.js';
import { admits, admitsSomeOf, isVersion, parseSpecifierSet } from './versions.js';

export interface AuditOptions {
  source: AdvisorySource;
  config?: Config;
  /** Advisory lookups in flight at once (when the source has to be asked one package at a time). */
  concurrency?: number;
  /** Files that exist but were not read, and why: an include of one is noted with the reason. */
  unread?: readonly FileNote[];
  /** Dependency files whose names do not say what they are (`flaskguard audit deps/prod.txt`). */
  fileTypes?: ReadonlyMap<string, DependencyFileType>;
}

/** A version range that admits versions with advisories (unpinned-dependency), for the monitoring issue. */
export interface AdmittedRange {
  file: string;
  line: number;
  name: string;
  package: string;
  /** The declaration as written (`flask>=2.0`). */
  text: string;
  /** The advisories of versions the range admits, worst first. */
  advisories: Advisory[];
  /** A version to pin that clears every advisory and the range admits (else the lowest clearing one). */
  suggestion?: string;
}

/** A pinned version with advisories, as `flaskguard audit --format json` and the monitoring issue list it. */
export interface VulnerablePin {
  file: string;
  line: number;
  /** The package as the file writes it. */
  name: string;
  package: string;
  version: string;
  /** Worst first. */
  advisories: Advisory[];
  /** The lowest version that clears every advisory, when one is known. */
  fixVersion?: string;
  /** The declaration's text as it is, and as the fix writes it (when the pin can be rewritten). */
  text: string;
  fixedText?: string;
  /** Why the pin cannot be rewritten in place (hashes, a lock file), when it cannot. */
  notFixable?: string;
  /** A library's own development lock file (its published requirement admits a fixed version): affects only its developers. */
  libraryLock?: boolean;
}

export interface DependencyAudit {
  findings: Finding[];
  /** Findings silenced by a `flaskguard: ignore` comment. */
  suppressed: Finding[];
  notes: FileNote[];
  /** Dependency files that could not be audited at all (too large, binary), and why. */
  skipped: FileNote[];
  /** Which advisory source answered, for the summary (and why a fallback did, if one did). */
  advisorySource: string;
  /** The dependency files read, including the ones reached through `-r` / `-c`. */
  requirementFiles: string[];
  /** The vulnerable pins behind the vulnerable-dependency findings (suppressed ones included). */
  vulnerable: VulnerablePin[];
  /** The ranges behind the unpinned-dependency findings about advisories (suppressed ones included). */
  admitted: AdmittedRange[];
}

const DISPLAY_NAMES: Record<(typeof FLASK_CORE_PACKAGES)[number], string> = { flask: 'Flask', werkzeug: 'Werkzeug' };

class Audit {
  readonly findings: Finding[] = [];
  readonly suppressed: Finding[] = [];
  readonly notes: FileNote[] = [];
  readonly answers: AdvisoryAnswer[] = [];
  readonly vulnerable: VulnerablePin[] = [];
  readonly admitted: AdmittedRange[] = [];
  private readonly lineIndexes = new Map<string, LineIndex>();
  private readonly packageAnswers = new Map<string, Promise<AdvisoryAnswer>>();

  constructor(
    readonly source: AdvisorySource,
    readonly config: Config,
    readonly texts: Map<string, string>,
  ) {}

  enabled(rule: Rule): boolean {
    const setting = this.config.rules[rule.meta.id];
    return setting !== 'off' && setting !== false;
  }

  report(rule: Rule, file: string, range: Range, severity: Severity, message: string, fix?: string, confidence?: Confidence): void {
    const override = this.config.rules[rule.meta.id];
    const finding: Finding = {
      ruleId: rule.meta.id,
      category: rule.meta.category,
      severity: override && override !== 'off' ? override : severity,
      file,
      ...range,
      message,
      confidence: confidence ?? rule.meta.confidence,
    };
    if (fix !== undefined) finding.fix = fix;
    let lines = this.lineIndexes.get(file);
    if (!lines) {
      lines = new LineIndex(this.texts.get(file) ?? '');
      this.lineIndexes.set(file, lines);
    }
    (isSuppressed(lines, range.startLine, rule.meta.id) ? this.suppressed : this.findings).push(finding);
  }

  async ask(question: Promise<AdvisoryAnswer>): Promise<AdvisoryAnswer> {
    const answer = await question;
    this.answers.push(answer);
    return answer;
  }

  /** Every advisory of a package, asked once per audit. */
  ofPackage(pkg: string): Promise<AdvisoryAnswer> {
    let answer = this.packageAnswers.get(pkg);
    if (!answer) {
      answer = this.ask(this.source.ofPackage(pkg));
      this.packageAnswers.set(pkg, answer);
    }
    return answer;
  }

  describeSource(): string {
    if (this.answers.length === 0) return this.source.name;
    const counts = new Map<string, number>();
    for (const a of this.answers) counts.set(a.source, (counts.get(a.source) ?? 0) + 1);
    const sources = [...counts].map(([name, n]) => (counts.size === 1 ? name : `${name} (${n} of ${this.answers.length} lookups)`));
    const reasons = [...new Set(this.answers.map((a) => a.fallbackReason).filter((r): r is string => r !== undefined))];
    return sources.join('; ') + (reasons.length > 0 ? `; fallback because ${reasons.join('; ')}` : '');
  }
}

export async function auditDependencies(files: readonly SourceFile[], options: AuditOptions): Promise<DependencyAudit> {
  const config = options.config ?? DEFAULT_CONFIG;
  const wanted = pathFilter(config);
  const texts = new Map<string, string>();
  const python: { path: string; text: string }[] = [];
  const skipped: FileNote[] = [];
  const unread = new Map((options.unread ?? []).map((n) => [n.path, n.note]));
  const byPath = new Map(files.filter((f) => wanted(f.path)).map((f) => [f.path, f]));
  const read = (path: string): string | undefined => {
    const known = texts.get(path);
    if (known !== undefined) return known;
    const file = byPath.get(path);
    if (!file) return undefined;
    // Python files are only searched for imports; analyze() already notes those it cannot read.
    const note = (reason: string) => {
      unread.set(path, reason);
      if (!path.endsWith('.py')) skipped.push({ path, note: `${reason}; not audited` });
    };
    if (byteLength(file.content) > config.max_file_size_kb * 1024) {
      note(`larger than ${config.max_file_size_kb} KB (max_file_size_kb)`);
      return undefined;
    }
    const decoded = decodeSource(file.content);
    if (!decoded.ok) {
      note(decoded.reason);
      return undefined;
    }
    texts.set(path, decoded.text);
    return decoded.text;
  };
  for (const path of byPath.keys()) {
    if (!path.endsWith('.py')) continue;
    const text = read(path);
    if (text !== undefined) python.push({ path, text });
  }

  for (const file of files) if (!wanted(file.path)) unread.set(file.path, 'excluded by `paths` in the configuration');
  const collected = collectDeclarations(byPath.keys(), read, (path) => unread.get(path), options.fileTypes);
  const audit = new Audit(options.source, config, texts);
  for (const n of collected.notes) audit.notes.push(n);
  const concurrency = options.concurrency ?? 6;
  await options.source.prefetch?.(packagesAskedAbout(audit, collected));
  if (audit.enabled(vulnerableDependency)) await checkPins(audit, collected, concurrency);
  if (audit.enabled(unpinnedDependency)) await checkRanges(audit, collected, concurrency);
  if (audit.enabled(undeclaredFlaskDependency)) await checkUndeclared(audit, collected, python);
  if (audit.enabled(unpinnedVcsDependency)) checkDirectReferences(audit, collected);
  return {
    findings: sortFindings(audit.findings),
    suppressed: sortFindings(audit.suppressed),
    notes: audit.notes,
    skipped,
    advisorySource: audit.describeSource(),
    requirementFiles: collected.files,
    vulnerable: audit.vulnerable,
    admitted: audit.admitted,
  };
}

/** The packages checkPins and checkRanges will ask the source about. */
function packagesAskedAbout(audit: Audit, collected: CollectedDeclarations): string[] {
  const asked = collected.declarations.filter((d) => !d.url && (d.pin ? audit.enabled(vulnerableDependency) && isVersion(d.pin.version) : audit.enabled(unpinnedDependency) && d.specifiers.length > 0));
  return [...new Set(asked.map((d) => d.package))];
}

async function checkPins(audit: Audit, collected: CollectedDeclarations, concurrency: number): Promise<void> {
  const pinned = collected.declarations.filter((d) => d.pin && !d.url);
  for (const d of pinned) {
    if (!isVersion((d.pin as NonNullable<Declaration['pin']>).version))
      audit.notes.push({ path: d.file, note: `line ${d.range.startLine}: ${d.name} ${d.pin?.version} is not a PEP 440 version; not audited` });
  }
  const keys = [...new Set(pinned.filter((d) => isVersion(d.pin?.version ?? '')).map((d) => `${d.package}@${d.pin?.version}`))];
  const results = new Map<string, { advisories: Advisory[]; upgrade?: string }>();
  await inPool(keys, concurrency, async (key) => {
    const at = key.lastIndexOf('@');
    const [pkg, version] = [key.slice(0, at), key.slice(at + 1)];
    const answer = await audit.ask(audit.source.affecting(pkg, version));
    if (answer.advisories.length === 0) return;
    const target = await upgradeTarget(audit.source, pkg, version, answer.advisories);
    audit.answers.push(...target.answers);
    results.set(key, { advisories: answer.advisories, ...(target.version ? { upgrade: target.version } : {}) });
  });
  const vulnerable = pinned.filter((d) => results.has(`${d.package}@${d.pin?.version}`));
  for (const { primary: d, others } of groupPins(vulnerable)) {
    const pin = d.pin as NonNullable<Declaration['pin']>;
    const result = results.get(`${d.package}@${pin.version}`) as { advisories: Advisory[]; upgrade?: string };
    const worst = byWorst(result.advisories)[0] as Advisory;
    const fix = result.upgrade && !pin.notFixable ? `${pin.before}${result.upgrade}${pin.after}` : undefined;
    const published = d.origin === 'lock' ? publishedRequirementAllowingFix(d, result.advisories, collected, (path) => audit.texts.get(path)) : undefined;
    audit.vulnerable.push({
      file: d.file,
      line: d.range.startLine,
      name: d.name,
      package: d.package,
      version: pin.version,
      advisories: byWorst(result.advisories),
      ...(result.upgrade ? { fixVersion: result.upgrade } : {}),
      text: d.text,
      ...(fix !== undefined ? { fixedText: replacePin(d, fix) } : {}),
      ...(pin.notFixable ? { notFixable: pin.notFixable } : {}),
      ...(published ? { libraryLock: true } : {}),
    });
    const message = [
      vulnerablePinMessage(d, pin.version, result.advisories, result.upgrade),
      ...(others.length > 0 ? [alsoPinnedMessage(others)] : []),
      ...(published ? [libraryLockMessage(d, published)] : []),
    ].join('\n');
    audit.report(vulnerableDependency, d.file, pin.range, worst.severity, message, fix, published ? 'low' : undefined);
  }
}

/** The declaration's text with its pin replaced (the pin's range lies inside the declaration's, on its first line). */
function replacePin(d: Declaration, fix: string): string {
  const pin = d.pin as NonNullable<Declaration['pin']>;
  if (pin.range.startLine !== d.range.startLine || pin.range.endLine !== pin.range.startLine) return d.text;
  const start = pin.range.startColumn - d.range.startColumn;
  const end = pin.range.endColumn - d.range.startColumn;
  if (start < 0 || end > d.text.length) return d.text;
  return d.text.slice(0, start) + fix + d.text.slice(end);
}

/**
 * Is the package pinned where it counts for this declaration: an applying constraints file, a
 * lock file beside it, or (for a pip-tools input, `requirements.in`) the `.txt` compiled from it?
 * The pins are grouped by package once, so each range looks only at its own.
 */
function pinnedElsewhere(collected: CollectedDeclarations): (d: Declaration) => boolean {
  // package → the files that pin it, and the directories of the lock files that do.
  const pins = new Map<string, { files: Set<string>; lockDirs: Set<string> }>();
  for (const other of collected.declarations) {
    if (other.pin === undefined) continue;
    let where = pins.get(other.package);
    if (!where) {
      where = { files: new Set(), lockDirs: new Set() };
      pins.set(other.package, where);
    }
    where.files.add(other.file);
    if (other.origin === 'lock') where.lockDirs.add(posix.dirname(other.file));
  }
  return (d) => {
    const where = pins.get(d.package);
    if (!where) return false;
    if (where.lockDirs.has(posix.dirname(d.file))) return true;
    const compiled = /\.in$/i.test(d.file) ? `${d.file.slice(0, -3)}.txt` : undefined;
    if (compiled !== undefined && where.files.has(compiled)) return true;
    return [...(collected.constraintsOf.get(d.file) ?? [])].some((file) => where.files.has(file));
  };
}

async function checkRanges(audit: Audit, collected: CollectedDeclarations, concurrency: number): Promise<void> {
  const pinned = pinnedElsewhere(collected);
  const ranges = collected.declarations.filter((d) => !d.pin && !d.url && d.specifiers.length > 0 && !pinned(d));
  await inPool([...new Set(ranges.map((d) => d.package))], concurrency, (pkg) => audit.ofPackage(pkg).then(() => undefined));
  for (const d of ranges) {
    const { advisories } = await audit.ofPackage(d.package);
    const sets = d.specifiers.map(parseSpecifierSet).filter((s) => s !== null);
    const admitted = advisories.filter((a) =>
      sets.some((set) => a.affected.intervals.some((i) => admitsSomeOf(set, i)) || a.affected.versions.some((v) => admits(set, v))),
    );
    if (admitted.length === 0) continue;
    const safe = clearingCandidates(advisories, undefined);
    const suggestion = safe.find((v) => sets.some((set) => admits(set, v))) ?? safe[0];
    audit.admitted.push({ file: d.file, line: d.range.startLine, name: d.name, package: d.package, text: d.text, advisories: byWorst(admitted), ...(suggestion ? { suggestion } : {}) });
    audit.report(unpinnedDependency, d.file, d.range, unpinnedDependency.meta.severity, unpinnedMessage(d, admitted, suggestion));
  }
}

/** URL and VCS requirements that do not fix one tree (lock files record the commit they resolved). */
function checkDirectReferences(audit: Audit, collected: CollectedDeclarations): void {
  for (const d of collected.declarations) {
    if (!d.url || d.origin === 'lock') continue;
    const pin = referencePin(d.url, d.vcsReference);
    const what = `${d.name} is installed from ${d.url.length > 80 ? `${d.url.slice(0, 77)}…` : d.url}`;
    const fixIt = 'Pin the full commit hash (40 hex digits), or use a released version from the package index.';
    if (pin.kind === 'none' || pin.kind === 'branch') {
      const ref = pin.kind === 'none' ? 'with no reference, so the default branch' : `at the branch \`${pin.ref}\``;
      audit.report(unpinnedVcsDependency, d.file, d.range, 'low', `${what} ${ref}: each build installs whatever it holds that day, which no advisory check can vouch for. ${fixIt}`);
    } else if (pin.kind === 'tag' || pin.kind === 'archive') {
      const ref = pin.kind === 'tag' ? `at \`${pin.ref}\` (a tag or short reference, which can be moved)` : 'as an archive without a hash';
      audit.report(unpinnedVcsDependency, d.file, d.range, 'low', `${what} ${ref}. ${fixIt}`, undefined, 'low');
    }
  }
}

const IMPORT_HINT = /\b(flask|werkzeug)\b/;

async function checkUndeclared(audit: Audit, collected: CollectedDeclarations, python: { path: string; text: string }[]): Promise<void> {
  const listed = new Set(collected.declarations.filter((d) => d.origin !== 'constraints').map((d) => d.package));
  const importsPackage = importChecker();
  for (const pkg of FLASK_CORE_PACKAGES) {
    if (listed.has(pkg)) continue;
    const importer = python.find((f) => IMPORT_HINT.test(f.text) && importsPackage(f, pkg));
    if (!importer) continue;
    const name = DISPLAY_NAMES[pkg];
    const target = nearestDependencyFile(importer.path, collected.files);
    if (!target) {
      audit.notes.push({ path: importer.path, note: `imports ${pkg}, but the repository has no dependency file (requirements.txt, pyproject.toml, Pipfile) to list ${name} in` });
      continue;
    }
    const { advisories } = await audit.ofPackage(pkg);
    const suggestion = clearingCandidates(advisories, undefined)[0];
    const firstLine = (audit.texts.get(target) ?? '').split('\n')[0]?.replace(/\r$/, '') ?? '';
    const range = { startLine: 1, startColumn: 1, endLine: 1, endColumn: firstLine.length + 1 };
    audit.report(undeclaredFlaskDependency, target, range, undeclaredFlaskDependency.meta.severity, undeclaredMessage(importer.path, name, suggestion));
  }
}

/** Does the file import the package? Each file is parsed once, within the parse budget (a file too slow to parse counts as not importing it). */
function importChecker(): (file: { path: string; text: string }, pkg: string) => boolean {
  const lookup = { find: () => undefined, parseLimit: { ms: DEFAULT_PARSE_BUDGET_MS, clock: performance.now.bind(performance) } };
  const modules = new Map<string, PythonModule>();
  return (file, pkg) => {
    let module = modules.get(file.path);
    if (!module) {
      module = new PythonModule(file.path, file.text, lookup);
      modules.set(file.path, module);
    }
    try {
      return module.importsFrom(pkg);
    } catch {
      return false;
    }
  };
}

/** The dependency file in the importing file's directory or the closest one above it; declaring files before lock and constraints files. */
function nearestDependencyFile(importer: string, files: readonly string[]): string | undefined {
  const dirOf = (p: string) => (posix.dirname(p) === '.' ? '' : posix.dirname(p));
  const isAncestor = (dir: string) => dir === '' || importer.startsWith(`${dir}/`);
  const preference = (p: string) => {
    const name = posix.basename(p);
    if (name === 'requirements.txt') return 0;
    if (name === 'pyproject.toml') return 1;
    if (name === 'Pipfile') return 2;
    const type = dependencyFileType(p);
    return type === 'requirements' ? 3 : type === 'lock' ? 4 : 5;
  };
  const declaring = files.filter((f) => dependencyFileType(f) !== 'commands');
  const candidates = declaring.filter((f) => isAncestor(dirOf(f)));
  const pool = candidates.length > 0 ? candidates : declaring;
  return pool.sort((a, b) => dirOf(b).length - dirOf(a).length || preference(a) - preference(b) || a.localeCompare(b))[0];
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(limit, 1), items.length) }, worker));
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.startLine - b.startLine || a.startColumn - b.startColumn || severityRank(b.severity) - severityRank(a.severity)));
}

