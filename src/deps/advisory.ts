/** Security advisories as FlaskGuard matches them, and the interface of the sources that supply them. */
import type { Severity } from '../core/types.js';
import { compareVersions, inInterval, type VersionInterval } from './versions.js';

/** The versions an advisory affects: intervals, and explicitly listed versions. */
export interface AffectedVersions {
  intervals: VersionInterval[];
  versions: string[];
}

export interface Advisory {
  /** The advisory's own id (PYSEC-…, GHSA-…). */
  id: string;
  /** Other ids of the same vulnerability (CVE-…, GHSA-…, PYSEC-…). */
  aliases: string[];
  /** PEP 503-normalised package name. */
  package: string;
  /** One line. */
  summary: string;
  severity: Severity;
  /** Where the severity comes from, for the message: `CVSS 7.5`, `GitHub: moderate`, `unrated`. */
  rating: string;
  affected: AffectedVersions;
  /** Versions that fix it: the candidates for an upgrade. */
  fixedIn: string[];
  url?: string;
}

export function affects(advisory: Advisory, version: string): boolean {
  const { intervals, versions } = advisory.affected;
  return versions.some((v) => compareVersions(v, version) === 0) || intervals.some((i) => inInterval(version, i));
}

export interface AdvisoryAnswer {
  advisories: Advisory[];
  /** The source that answered, as the summary names it. */
  source: string;
  /** Why the preferred source did not answer, when a fallback did. */
  fallbackReason?: string;
}

/**
 * Where advisories come from: the bundled snapshot, or the GitHub Advisory Database (src/github).
 * Package names are PEP 503-normalised; withdrawn advisories are never returned.
 */
export interface AdvisorySource {
  /** How the summary names this source when it answers. */
  readonly name: string;
  /** The advisories that affect this version of the package. */
  affecting(pkg: string, version: string): Promise<AdvisoryAnswer>;
  /** Every advisory of the package, whichever versions it affects. */
  ofPackage(pkg: string): Promise<AdvisoryAnswer>;
  /**
   * A hint that these packages are about to be asked about: a remote source may fetch all their
   * advisories at once (GitHub: one request per 100 packages) and answer the questions from
   * memory. Never fails; a source that cannot prefetch answers the questions as usual.
   */
  prefetch?(packages: readonly string[]): Promise<void>;
}

/** All ids of an advisory, its own first, then CVE, GHSA, PYSEC and others. */
export function advisoryIds(advisory: Advisory): string[] {
  const order = (id: string) => ['CVE', 'GHSA', 'PYSEC'].findIndex((p) => id.startsWith(`${p}-`)) >>> 0;
  const others = [...new Set(advisory.aliases)].filter((a) => a !== advisory.id).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return [advisory.id, ...others];
}
