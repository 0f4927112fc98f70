/**
 * The advisory monitoring of one repository, decided from the audit and from the App's own issue
 * as it was left: what is vulnerable now, what changed, and what to do with the issue. Pure.
 */
import type { Advisory } from '../deps/advisory.js';
import type { AdmittedRange, DependencyAudit, VulnerablePin } from '../deps/audit.js';

/** One declaration affected by advisories: a pinned version, or a range that admits affected versions. */
export interface MonitoredEntry {
  kind: 'pin' | 'range';
  file: string;
  line: number;
  name: string;
  package: string;
  /** The pinned version, or the range as written. */
  version: string;
  /** The declaration's text as it is. */
  text: string;
  advisories: Advisory[];
  fixVersion?: string;
  /** The declaration as the fix writes it, when FlaskGuard can say exactly. */
  fixedText?: string;
}

/** A library's own development lock file is left out: what its users install is not pinned there. */
export function monitoredEntries(audit: Pick<DependencyAudit, 'vulnerable' | 'admitted'>): MonitoredEntry[] {
  const pins = audit.vulnerable.filter((p) => !p.libraryLock).map((p: VulnerablePin): MonitoredEntry => ({
    kind: 'pin',
    file: p.file,
    line: p.line,
    name: p.name,
    package: p.package,
    version: p.version,
    text: p.text,
    advisories: p.advisories,
    ...(p.fixVersion ? { fixVersion: p.fixVersion } : {}),
    ...(p.fixedText ? { fixedText: p.fixedText } : {}),
  }));
  const ranges = audit.admitted.map((r: AdmittedRange): MonitoredEntry => ({
    kind: 'range',
    file: r.file,
    line: r.line,
    name: r.name,
    package: r.package,
    version: r.text,
    text: r.text,
    advisories: r.advisories,
    ...(r.suggestion ? { fixVersion: r.suggestion, fixedText: `${r.name}==${r.suggestion}` } : {}),
  }));
  return [...pins, ...ranges].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/**
 * One key per (declaration, advisory): the issue changes when one appears or goes. Line numbers
 * are left out, so that an edit above a pin does not count as a change.
 */
export const KEY_SEPARATOR = '\t';

export function stateKeys(entries: readonly MonitoredEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.advisories.map((a) => [e.file, e.package, e.version, a.id].join(KEY_SEPARATOR))))].sort();
}

export interface IssueState {
  number: number;
  open: boolean;
  /** The keys the issue was last written with (from its hidden state marker). */
  keys: string[];
}

export type IssuePlan =
  | { action: 'none' }
  | { action: 'open'; keys: string[] }
  | { action: 'update'; keys: string[]; added: string[]; removed: string[]; reopen: boolean }
  | { action: 'close'; removed: string[] };

export function planIssue(entries: readonly MonitoredEntry[], issue: IssueState | undefined): IssuePlan {
  const keys = stateKeys(entries);
  if (!issue) return keys.length === 0 ? { action: 'none' } : { action: 'open', keys };
  if (keys.length === 0) return issue.open ? { action: 'close', removed: issue.keys } : { action: 'none' };
  const before = new Set(issue.keys);
  const now = new Set(keys);
  const added = keys.filter((k) => !before.has(k));
  const removed = issue.keys.filter((k) => !now.has(k));
  if (issue.open && added.length === 0 && removed.length === 0) return { action: 'none' };
  // A closed issue whose problems are back is reopened with everything listed as new to it.
  return issue.open ? { action: 'update', keys, added, removed, reopen: false } : { action: 'update', keys, added: keys, removed: [], reopen: true };
}
