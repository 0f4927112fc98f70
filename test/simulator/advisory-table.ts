/**
 * The simulator's advisory table from FlaskGuard's bundled OSV snapshot, so that the App's live
 * GitHub Advisory Database path gets realistic answers. GitHub's database holds GHSA advisories:
 * a record becomes the advisory of its GHSA id (its own, or its first GHSA alias), and a record
 * without one is left out. Each OSV ECOSYSTEM interval becomes one `vulnerabilities` entry
 * (">= 2.0, < 2.2.3"); the severity is GitHub's label, else the CVSS vector's rating, else
 * "unknown".
 */
import { fileURLToPath } from 'node:url';
import { oneLine, type AdvisoryRecord as OsvRecord, type OsvEvent } from '../../src/deps/osv.js';
import { cvssBaseScore, severityOfScore } from '../../src/deps/severity.js';
import { loadSnapshot, type SnapshotData } from '../../src/deps/snapshot-file.js';
import { SNAPSHOT_PATH } from '../../src/deps/snapshot.js';
import { compareVersions, isVersion } from '../../src/deps/versions.js';
import type { AdvisoryRecord, AdvisoryTable, AffectedRange } from './routes/advisories.js';

const LABELS: Record<string, AdvisoryRecord['severity']> = { critical: 'critical', high: 'high', moderate: 'medium', medium: 'medium', low: 'low' };

export function advisoryTableFromSnapshot(snapshot: SnapshotData): AdvisoryTable {
  return snapshot.advisories.flatMap((record) => {
    const advisory = fromOsv(record as OsvRecord);
    return advisory ? [advisory] : [];
  });
}

/** The table of the snapshot in data/advisories/. */
export function bundledAdvisoryTable(): AdvisoryTable {
  return advisoryTableFromSnapshot(loadSnapshot(fileURLToPath(new URL(`../../${SNAPSHOT_PATH}`, import.meta.url))));
}

function fromOsv(record: OsvRecord): AdvisoryRecord | null {
  const ghsaId = [record.id, ...record.aliases].find((id) => id.startsWith('GHSA-'));
  if (!ghsaId) return null;
  const vulnerabilities = record.ranges.filter((r) => r.type === 'ECOSYSTEM').flatMap((r) => githubRanges(r.events));
  if (vulnerabilities.length === 0) return null;
  const cveId = record.aliases.find((id) => id.startsWith('CVE-'));
  const cvssVector = record.severity?.startsWith('CVSS:') ? record.severity : undefined;
  const advisory: AdvisoryRecord = {
    ghsaId,
    summary: oneLine(record.summary, record.details),
    severity: severityOf(record, cvssVector),
    package: record.package,
    vulnerabilities,
  };
  if (cveId) advisory.cveId = cveId;
  if (cvssVector) advisory.cvssVector = cvssVector;
  if (record.published) advisory.publishedAt = githubTime(record.published);
  if (record.withdrawn) advisory.withdrawnAt = githubTime(record.withdrawn);
  return advisory;
}

function severityOf(record: OsvRecord, cvssVector: string | undefined): AdvisoryRecord['severity'] {
  const label = LABELS[(record.ghsa_severity ?? '').toLowerCase()];
  if (label) return label;
  const score = cvssVector ? cvssBaseScore(cvssVector) : null;
  if (score === null) return 'unknown';
  const rated = severityOfScore(score);
  return rated === 'info' ? 'low' : rated;
}

/** OSV events (sorted by version, "0" first) as GitHub ranges: one per introduced…fixed interval. */
function githubRanges(events: readonly OsvEvent[]): AffectedRange[] {
  const version = (e: OsvEvent) => (e.introduced ?? e.fixed ?? e.last_affected) as string;
  const sorted = events
    .filter((e) => e.limit === undefined && (version(e) === '0' || isVersion(version(e))))
    .sort((a, b) => (version(a) === '0' ? -1 : version(b) === '0' ? 1 : compareVersions(version(a), version(b))));
  const ranges: AffectedRange[] = [];
  let lower: string | undefined;
  let open = false;
  for (const event of sorted) {
    if (event.introduced !== undefined) {
      if (open) continue;
      open = true;
      lower = event.introduced === '0' ? undefined : event.introduced;
    } else if (open && event.fixed !== undefined) {
      ranges.push({ vulnerableVersionRange: range(lower, `< ${event.fixed}`), firstPatchedVersion: event.fixed });
      open = false;
    } else if (open && event.last_affected !== undefined) {
      ranges.push({ vulnerableVersionRange: range(lower, `<= ${event.last_affected}`), firstPatchedVersion: null });
      open = false;
    }
  }
  if (open) ranges.push({ vulnerableVersionRange: lower ? `>= ${lower}` : '>= 0', firstPatchedVersion: null });
  return ranges;
}

function range(lower: string | undefined, upper: string): string {
  return lower ? `>= ${lower}, ${upper}` : upper;
}

/** "2026-04-30T14:16:36.433Z" → "2026-04-30T14:16:36Z", as GitHub writes times. */
function githubTime(time: string): string {
  return new Date(time).toISOString().replace(/\.\d+Z$/, 'Z');
}
