/**
 * GET /advisories: the global security advisories, answered from a small table given to the
 * simulator. Filters `ecosystem`, `affects` (`package` or `package@version`, several comma
 * separated), `severity`, `is_withdrawn` and `type` like GitHub; cursor pagination (`after`) with a
 * `Link` header.
 */
import { createRequire } from 'node:module';
import type { SimRequest } from '../http.js';
import { json } from '../http.js';
import type { RouteContext, Routes } from './context.js';

const require = createRequire(import.meta.url);
const pep440 = require('@renovatebot/pep440') as { satisfies(version: string, specifier: string): boolean };

/** One advisory of the table: the facts; the route dresses them as GitHub does. */
export interface AdvisoryRecord {
  ghsaId: string;
  cveId?: string;
  summary: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'unknown';
  /** The PyPI package it affects. */
  package: string;
  /** The affected ranges, one `vulnerabilities` entry each. */
  vulnerabilities: readonly AffectedRange[];
  cvssVector?: string;
  publishedAt?: string;
  withdrawnAt?: string;
}

export interface AffectedRange {
  /** GitHub's range syntax: ">= 2.0.0, < 2.2.5", "< 1.0", "= 1.2.3". */
  vulnerableVersionRange: string;
  firstPatchedVersion: string | null;
}

export type AdvisoryTable = readonly AdvisoryRecord[];

function matches(record: AdvisoryRecord, query: URLSearchParams): boolean {
  const ecosystem = query.get('ecosystem');
  if (ecosystem && ecosystem !== 'pip') return false;
  const severity = query.get('severity');
  if (severity && severity !== record.severity) return false;
  const withdrawn = query.get('is_withdrawn');
  if (withdrawn !== null && (withdrawn === 'true') !== Boolean(record.withdrawnAt)) return false;
  const type = query.get('type') ?? 'reviewed';
  if (type !== 'reviewed') return false;
  const affects = query.getAll('affects').flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
  if (affects.length === 0) return true;
  return affects.some((entry) => {
    const at = entry.lastIndexOf('@');
    const name = at > 0 ? entry.slice(0, at) : entry;
    if (normalize(name) !== normalize(record.package)) return false;
    return at > 0 ? record.vulnerabilities.some((v) => inRange(entry.slice(at + 1), v.vulnerableVersionRange)) : true;
  });
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** ">= 2.0.0, < 2.2.5" as a PEP 440 specifier. */
function inRange(version: string, range: string): boolean {
  const specifier = range
    .split(',')
    .map((clause) => clause.trim().replace(/^=\s*/, '==').replace(/\s+/g, ''))
    .join(',');
  try {
    return pep440.satisfies(version, specifier);
  } catch {
    return false;
  }
}

function advisoryShape(record: AdvisoryRecord, context: RouteContext) {
  const published = record.publishedAt ?? '2024-01-01T00:00:00Z';
  const identifiers = [{ type: 'GHSA', value: record.ghsaId }, ...(record.cveId ? [{ type: 'CVE', value: record.cveId }] : [])];
  return {
    ghsa_id: record.ghsaId,
    cve_id: record.cveId ?? null,
    url: `${context.urls.api}/advisories/${record.ghsaId}`,
    html_url: `${context.urls.web}/advisories/${record.ghsaId}`,
    repository_advisory_url: null,
    summary: record.summary,
    description: record.summary,
    type: 'reviewed',
    severity: record.severity,
    source_code_location: null,
    identifiers,
    references: [`${context.urls.web}/advisories/${record.ghsaId}`],
    published_at: published,
    updated_at: published,
    github_reviewed_at: published,
    nvd_published_at: null,
    withdrawn_at: record.withdrawnAt ?? null,
    vulnerabilities: record.vulnerabilities.map((v) => ({
      package: { ecosystem: 'pip', name: record.package },
      vulnerable_version_range: v.vulnerableVersionRange,
      first_patched_version: v.firstPatchedVersion,
      vulnerable_functions: [],
    })),
    cvss: record.cvssVector ? { vector_string: record.cvssVector, score: null } : null,
    cwes: [],
    credits: [],
  };
}

function listAdvisories(request: SimRequest, context: RouteContext) {
  const found = context.advisories.filter((a) => matches(a, request.query));
  const perPage = Math.min(100, Number(request.query.get('per_page') ?? 30) || 30);
  const after = request.query.get('after');
  const start = after ? Number(Buffer.from(after, 'base64url').toString()) || 0 : 0;
  const page = found.slice(start, start + perPage);
  const headers: Record<string, string> = {};
  if (start + perPage < found.length) {
    const next = new URLSearchParams(request.query);
    next.set('after', Buffer.from(String(start + perPage)).toString('base64url'));
    headers.link = `<${context.urls.api}/advisories?${next.toString()}>; rel="next"`;
  }
  return json(200, page.map((a) => advisoryShape(a, context)), headers);
}

export const advisoryRoutes: Routes = {
  'GET /advisories': listAdvisories,
};
