/**
 * Builds the bundled advisory snapshot from OSV data: standard OSV records (osv.dev exports,
 * the PyPA advisory-database YAML, GitHub's OSV files) or records already flattened like the
 * snapshot's. Keeps the PyPI advisories of the chosen packages, merges records that name the
 * same vulnerability (same package, shared id or alias; a PYSEC record stays the record), keeps
 * withdrawn records marked as withdrawn (never merged), and drops records with no versions.
 * Pure: scripts/refresh-advisories.ts does the reading and writing.
 */
import { normalizePackageName } from './names.js';
import type { AdvisoryRecord, OsvRange } from './osv.js';
import { recordSchema, type SnapshotData } from './snapshot-file.js';

/** The packages the bundled snapshot covers, beside every `flask-*` package. */
export const SNAPSHOT_PACKAGES = ['flask', 'werkzeug', 'jinja2', 'markupsafe', 'itsdangerous', 'click', 'blinker', 'gunicorn', 'waitress'];

export const ATTRIBUTION =
  'Contains data from the PyPA Advisory Database (https://github.com/pypa/advisory-database) and the GitHub Advisory Database ' +
  '(https://github.com/github/advisory-database), both CC-BY 4.0. Records are trimmed (`details` cut to 600 characters) and ' +
  'PYSEC and GHSA records of the same vulnerability are merged by alias.';

const DETAILS_LIMIT = 600;

export function inSnapshotScope(pkg: string): boolean {
  return SNAPSHOT_PACKAGES.includes(pkg) || pkg.startsWith('flask-');
}

interface OsvDocument {
  id?: unknown;
  aliases?: unknown;
  summary?: unknown;
  details?: unknown;
  severity?: unknown;
  published?: unknown;
  modified?: unknown;
  withdrawn?: unknown;
  affected?: unknown;
  references?: unknown;
  database_specific?: unknown;
}

export interface ImportResult {
  records: AdvisoryRecord[];
  /** Documents that were not advisories, and why. */
  skipped: string[];
}

/**
 * The advisory records in one parsed document: a snapshot-like `{advisories: [...]}`, a list, or
 * one OSV record. `origin` names the document in messages.
 */
export function recordsOf(document: unknown, origin: string, wanted: (pkg: string) => boolean): ImportResult {
  const result: ImportResult = { records: [], skipped: [] };
  const items = Array.isArray(document)
    ? document
    : document && typeof document === 'object' && Array.isArray((document as { advisories?: unknown }).advisories)
      ? ((document as { advisories: unknown[] }).advisories)
      : [document];
  items.forEach((item, index) => {
    const where = items.length > 1 ? `${origin}[${index}]` : origin;
    const flat = recordSchema.safeParse(item);
    if (flat.success) {
      if (wanted(normalizePackageName(flat.data.package))) result.records.push({ ...flat.data, package: normalizePackageName(flat.data.package) });
      return;
    }
    if (!item || typeof item !== 'object' || typeof (item as OsvDocument).id !== 'string') {
      result.skipped.push(`${where}: not an OSV record`);
      return;
    }
    result.records.push(...fromOsv(item as OsvDocument, wanted));
  });
  return result;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The best severity: a CVSS v3 vector, then v4, then v2, then GitHub's label. */
function severityOf(doc: OsvDocument): { severity: string | null; ghsa: string | null } {
  const scores = Array.isArray(doc.severity) ? (doc.severity as { type?: unknown; score?: unknown }[]) : [];
  const vector = ['CVSS_V3', 'CVSS_V4', 'CVSS_V2'].map((t) => scores.find((s) => s.type === t)?.score).find((s) => typeof s === 'string') as string | undefined;
  const specific = doc.database_specific as { severity?: unknown } | undefined;
  const ghsa = typeof specific?.severity === 'string' ? specific.severity.toUpperCase() : null;
  return { severity: vector ?? ghsa, ghsa };
}

function fromOsv(doc: OsvDocument, wanted: (pkg: string) => boolean): AdvisoryRecord[] {
  const affected = Array.isArray(doc.affected) ? (doc.affected as { package?: { ecosystem?: unknown; name?: unknown }; ranges?: unknown; versions?: unknown }[]) : [];
  const { severity, ghsa } = severityOf(doc);
  const details = text(doc.details);
  const byPackage = new Map<string, AdvisoryRecord>();
  for (const entry of affected) {
    if (entry.package?.ecosystem !== 'PyPI' || typeof entry.package.name !== 'string') continue;
    const pkg = normalizePackageName(entry.package.name);
    if (!wanted(pkg)) continue;
    const ranges = (Array.isArray(entry.ranges) ? entry.ranges : []) as OsvRange[];
    const record = byPackage.get(pkg) ?? {
      id: doc.id as string,
      aliases: sortIds(strings(doc.aliases)),
      package: pkg,
      summary: text(doc.summary),
      details: details && details.length > DETAILS_LIMIT ? details.slice(0, DETAILS_LIMIT) : details,
      severity,
      ghsa_severity: ghsa,
      published: text(doc.published),
      modified: text(doc.modified),
      withdrawn: text(doc.withdrawn),
      ranges: [],
      versions: [],
      references: [],
    };
    record.ranges.push(...ranges.map((r) => ({ ...r, events: [...r.events] })));
    record.versions.push(...strings(entry.versions).filter((v) => !record.versions.includes(v)));
    const urls = (Array.isArray(doc.references) ? doc.references : []).map((r: { url?: unknown }) => r?.url).filter((u): u is string => typeof u === 'string');
    record.references = [...new Set(urls)];
    byPackage.set(pkg, record);
  }
  return [...byPackage.values()];
}

function idRank(id: string): number {
  const rank = ['CVE', 'GHSA', 'PYSEC'].findIndex((p) => id.startsWith(`${p}-`));
  return rank < 0 ? 3 : rank;
}

export function sortIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => idRank(a) - idRank(b) || a.localeCompare(b));
}

/** Which of two records of one vulnerability stays the record: PYSEC, then GHSA, then the older id. */
function preferred(a: AdvisoryRecord, b: AdvisoryRecord): [AdvisoryRecord, AdvisoryRecord] {
  const rank = (r: AdvisoryRecord) => (r.id.startsWith('PYSEC-') ? 0 : r.id.startsWith('GHSA-') ? 1 : 2);
  return rank(a) < rank(b) || (rank(a) === rank(b) && a.id <= b.id) ? [a, b] : [b, a];
}

/** Merges records of the same package that share an id or alias; withdrawn records stay apart. */
export function mergeByAlias(records: readonly AdvisoryRecord[]): AdvisoryRecord[] {
  const merged: AdvisoryRecord[] = [];
  for (const incoming of records) {
    if (incoming.ranges.length === 0 && incoming.versions.length === 0) continue;
    const names = new Set([incoming.id, ...incoming.aliases]);
    const same = incoming.withdrawn
      ? -1
      : merged.findIndex((m) => !m.withdrawn && m.package === incoming.package && [m.id, ...m.aliases].some((id) => names.has(id)));
    if (same < 0) {
      merged.push(incoming);
      continue;
    }
    const [keep, fold] = preferred(merged[same] as AdvisoryRecord, incoming);
    merged[same] = {
      ...keep,
      aliases: sortIds([...keep.aliases, ...fold.aliases, fold.id].filter((id) => id !== keep.id)),
      summary: keep.summary ?? fold.summary,
      details: keep.details ?? fold.details,
      severity: keep.severity ?? fold.severity,
      ghsa_severity: keep.ghsa_severity ?? fold.ghsa_severity,
      references: [...new Set([...keep.references, ...fold.references])],
    };
  }
  return merged.sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
}

export interface SnapshotMeta {
  generated?: string;
  source?: string;
}

/** The snapshot file's content. `generated` defaults to the newest `modified` date of the data. */
export function buildSnapshot(records: readonly AdvisoryRecord[], meta: SnapshotMeta): SnapshotData {
  const advisories = mergeByAlias(records);
  const newest = advisories.map((a) => a.modified ?? '').sort().at(-1)?.slice(0, 10);
  return {
    generated: meta.generated ?? newest ?? 'unknown',
    source: meta.source ?? 'OSV records',
    license: 'CC-BY-4.0',
    attribution: ATTRIBUTION,
    count: advisories.length,
    advisories,
  };
}

/** One advisory per line, so that refreshes make readable diffs. */
export function serializeSnapshot(data: SnapshotData): string {
  const { advisories, ...head } = data;
  const header = JSON.stringify(head, null, 1).replace(/\n}$/, '');
  const lines = advisories.map((a) => JSON.stringify(a)).join(',\n');
  return `${header},\n "advisories": [\n${lines}\n]\n}\n`;
}
