/**
 * OSV matching semantics (see data/advisories/README.md): only ECOSYSTEM ranges hold PEP 440
 * versions (GIT ranges hold commits and are ignored); within a range, events sorted by version
 * ("0" below everything) open at `introduced` and close at `fixed` (exclusive) or
 * `last_affected` (inclusive); a range left open affects every later version; a version listed
 * in `versions` is affected too. Withdrawn records are skipped by the sources.
 */
import type { Advisory, AffectedVersions } from './advisory.js';
import { normalizePackageName } from './names.js';
import { rateAdvisory } from './severity.js';
import { compareVersions, isVersion, type VersionInterval } from './versions.js';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  repo?: string;
  events: OsvEvent[];
}

/** One advisory for one package, flattened as in the bundled snapshot. */
export interface AdvisoryRecord {
  id: string;
  aliases: string[];
  package: string;
  summary: string | null;
  details: string | null;
  /** A CVSS vector, or a GitHub label, or null. */
  severity: string | null;
  ghsa_severity: string | null;
  published: string | null;
  modified: string | null;
  withdrawn: string | null;
  ranges: OsvRange[];
  versions: string[];
  references: string[];
}

function eventVersion(event: OsvEvent): string | undefined {
  return event.introduced ?? event.fixed ?? event.last_affected;
}

export function affectedVersions(record: Pick<AdvisoryRecord, 'ranges' | 'versions'>): AffectedVersions {
  const intervals: VersionInterval[] = [];
  for (const range of record.ranges) {
    if (range.type !== 'ECOSYSTEM') continue;
    const events = range.events
      .filter((e) => e.limit === undefined)
      .filter((e) => {
        const v = eventVersion(e);
        return v !== undefined && (v === '0' || isVersion(v));
      })
      .sort((a, b) => {
        const va = eventVersion(a) as string;
        const vb = eventVersion(b) as string;
        if (va === '0' || vb === '0') return va === vb ? 0 : va === '0' ? -1 : 1;
        return compareVersions(va, vb);
      });
    let open: VersionInterval | null = null;
    for (const event of events) {
      if (event.introduced !== undefined) {
        open ??= event.introduced === '0' ? {} : { lower: { version: event.introduced, inclusive: true } };
      } else if (open && event.fixed !== undefined) {
        intervals.push({ ...open, upper: { version: event.fixed, inclusive: false } });
        open = null;
      } else if (open && event.last_affected !== undefined) {
        intervals.push({ ...open, upper: { version: event.last_affected, inclusive: true } });
        open = null;
      }
    }
    if (open) intervals.push(open);
  }
  return { intervals, versions: record.versions.filter(isVersion) };
}

export function fixedVersions(record: Pick<AdvisoryRecord, 'ranges'>): string[] {
  return record.ranges
    .filter((r) => r.type === 'ECOSYSTEM')
    .flatMap((r) => r.events.map((e) => e.fixed))
    .filter((v): v is string => v !== undefined && isVersion(v));
}

/**
 * A one-line summary: the record's summary, else the first informative sentence of its details
 * (PyPA details often open with the project's blurb, "Werkzeug is a comprehensive WSGI …").
 */
export function oneLine(summary: string | null, details: string | null): string {
  if (summary) return summary.replace(/\s+/g, ' ').trim();
  const text = (details ?? '').replace(/\s+/g, ' ').trim();
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z*`"(])/).filter(Boolean);
  const sentence = sentences.find((s) => !/^[\w.-]+ is (?:a|an|the) /i.test(s)) ?? sentences[0] ?? 'no description';
  return sentence.length > 160 ? `${sentence.slice(0, 157).trimEnd()}…` : sentence;
}

export function advisoryFromRecord(record: AdvisoryRecord): Advisory {
  const rating = rateAdvisory([record.severity, record.ghsa_severity]);
  const advisory: Advisory = {
    id: record.id,
    aliases: record.aliases,
    package: normalizePackageName(record.package),
    summary: oneLine(record.summary, record.details),
    severity: rating.severity,
    rating: rating.rating,
    affected: affectedVersions(record),
    fixedIn: fixedVersions(record),
    url: `https://osv.dev/vulnerability/${record.id}`,
  };
  return advisory;
}
