/**
 * `flaskguard audit [PATH...]`: the dependency files alone against the advisories, as pip-audit
 * does — for CI and terminals. `--fix` rewrites vulnerable pins to the lowest version that clears
 * every advisory (the pin's text only: comments, markers, extras and spacing stay as written).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unpinnedDependency } from '../../rules/unpinned-dependency.js';
import { vulnerableDependency } from '../../rules/vulnerable-dependency.js';
import { applyFixes } from '../core/fixes.js';
import { decodeSource, type SourceFile } from '../core/files.js';
import { assignFingerprints } from '../core/fingerprint.js';
import type { Finding } from '../core/types.js';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { Config } from '../config/schema.js';
import type { AdvisorySource } from '../deps/advisory.js';
import { auditDependencies, type DependencyAudit, type VulnerablePin } from '../deps/audit.js';
import { withinConfidence } from '../report/confidence.js';
import type { RunReport } from '../report/model.js';
import { collectAuditFiles, type AuditFiles } from './audit-files.js';
import { writeFixedFiles } from './fix.js';
import { UsageError, type CommonOptions } from './options.js';
import { advisorySource, exitCode, lineReader, loadConfig, renderReport } from './run.js';
import { projectRoot } from './scan.js';
import { writeOutput } from './write-output.js';

export interface AuditCliOptions extends Pick<CommonOptions, 'format' | 'output' | 'config' | 'failOn' | 'online'> {
  fix?: boolean;
}

const KNOWN_FILES = 'requirements*.txt, requirements/*.txt, constraints*.txt, *.in, pyproject.toml, Pipfile, poetry.lock, uv.lock, Pipfile.lock';

export async function audit(paths: string[], options: AuditCliOptions, cwd = process.cwd()): Promise<number> {
  const targets = (paths.length > 0 ? paths : ['.']).map((p) => resolve(cwd, p));
  for (const target of targets) if (!existsSync(target)) throw new UsageError(`No such file or directory: ${target}`);
  const root = projectRoot(targets[0] as string);
  for (const target of targets) {
    if (target !== root && !target.startsWith(`${root}/`)) throw new UsageError(`All paths must be inside one project; ${target} is outside ${root}.`);
  }
  const config = await loadConfig(root, options.config && resolve(cwd, options.config));
  const collected = collectAuditFiles(root, targets, config);
  if (collected.files.length === 0) throw new UsageError(`No dependency files to audit in ${paths.length > 0 ? paths.join(', ') : '.'} (looked for ${KNOWN_FILES}).`);
  const source = await advisorySource({ format: options.format, ...(options.online ? { online: true } : {}) });
  let result = await auditFiles(collected, config, source);
  if (options.fix) {
    const changes = fixPins(collected.files, result);
    const { written, stale } = writeFixedFiles(root, changes);
    for (const change of written) for (const pin of change.pins) process.stderr.write(`fixed: ${pin.file}:${pin.line} ${pin.name} ${pin.version} → ${pin.fixVersion}\n`);
    for (const path of stale) process.stderr.write(`flaskguard: ${path} changed since it was read; left as it is.\n`);
    for (const pin of result.audit.vulnerable.filter((p) => p.fixedText === undefined)) process.stderr.write(`not fixed: ${pin.file}:${pin.line} ${pin.name} ${pin.version}: ${whyNotFixed(pin)}\n`);
    const files = collected.files.map((f) => ({ path: f.path, content: readFileSync(join(root, f.path)) }));
    result = await auditFiles({ ...collected, files }, config, source);
  }
  writeOutput(renderReport(result.report, options, root, { dependencies: result.audit.vulnerable.map(jsonPin) }), options.output);
  return exitCode(result.report, { config, options });
}

interface AuditResult {
  audit: DependencyAudit;
  report: RunReport;
}

async function auditFiles(collected: AuditFiles, config: Config, source: AdvisorySource): Promise<AuditResult> {
  // The files were chosen already (a file named on the command line is audited even when `paths` leaves it out).
  const audit = await auditDependencies(collected.files, { source, config: { ...config, paths: DEFAULT_CONFIG.paths }, unread: collected.unread, fileTypes: collected.fileTypes });
  const findings = withinConfidence(audit.findings, config);
  const lineText = lineReader(collected.files);
  const rules = [vulnerableDependency, unpinnedDependency].map((r) => {
    const setting = config.rules[r.meta.id];
    return setting && setting !== 'off' ? { ...r.meta, severity: setting } : r.meta;
  });
  const report: RunReport = {
    findings,
    suppressed: audit.suppressed,
    withheld: [],
    existing: [],
    existingMode: 'summary',
    skipped: [...collected.skipped, ...audit.skipped],
    notes: audit.notes,
    filesAnalyzed: audit.requirementFiles.length,
    files: { analyzed: [], audited: audit.requirementFiles },
    rules,
    fingerprints: assignFingerprints([...findings, ...audit.suppressed], lineText),
    lineText: (finding) => lineText(finding.file, finding.startLine),
    advisorySource: audit.advisorySource,
  };
  return { audit, report };
}

function whyNotFixed(pin: VulnerablePin): string {
  if (pin.fixVersion === undefined) return 'no release is known to clear every advisory';
  return pin.notFixable ?? 'the pin cannot be rewritten in place';
}

interface PinChange {
  path: string;
  original: Uint8Array | string;
  text: string;
  fixed: Finding[];
  pins: VulnerablePin[];
}

/** The dependency files with their vulnerable pins rewritten, in memory. */
function fixPins(files: readonly SourceFile[], result: AuditResult): PinChange[] {
  const changes: PinChange[] = [];
  for (const file of files) {
    const fixes = result.audit.findings.filter((f) => f.file === file.path && f.ruleId === vulnerableDependency.meta.id && f.fix !== undefined);
    if (fixes.length === 0) continue;
    const decoded = decodeSource(file.content);
    // Undecodable bytes would be lost on writing: such a file is never fixed.
    if (!decoded.ok || decoded.note !== undefined) continue;
    const applied = applyFixes(decoded.text, fixes);
    const lines = new Set(applied.applied.map((f) => f.startLine));
    const pins = result.audit.vulnerable.filter((p) => p.file === file.path && p.fixedText !== undefined && lines.has(p.line));
    changes.push({ path: file.path, original: file.content, text: applied.text, fixed: applied.applied, pins });
  }
  return changes;
}

/** pip-audit's shape: the package, its version and its vulnerabilities, with where it is pinned and the fix. */
function jsonPin(pin: VulnerablePin): object {
  return {
    name: pin.name,
    package: pin.package,
    version: pin.version,
    file: pin.file,
    line: pin.line,
    fixVersion: pin.fixVersion ?? null,
    fixedText: pin.fixedText ?? null,
    vulns: pin.advisories.map((a) => ({ id: a.id, aliases: a.aliases, severity: a.severity, summary: a.summary, fixVersions: a.fixedIn, ...(a.url ? { url: a.url } : {}) })),
  };
}
