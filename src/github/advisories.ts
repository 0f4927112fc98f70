/**
 * The GitHub Advisory Database as an AdvisorySource: `GET /advisories?ecosystem=pip&affects=…`
 * through an Octokit passed in (a Probot installation's, or @octokit/rest with a token for the
 * CLI's `--online`). A prefetch asks for every advisory of all the audit's packages at once
 * (`affects=flask,werkzeug,…`), and the audit's questions are then answered from that list by
 * matching versions locally. Answers are cached with a TTL; when the API fails, times out or is
 * rate-limited, the fallback (the bundled snapshot) answers instead and says why. A rate limit
 * keeps every later lookup on the fallback until GitHub's reset time, without asking again.
 */
import type { Octokit } from '@octokit/rest';
import { affects, type Advisory, type AdvisoryAnswer, type AdvisorySource } from '../deps/advisory.js';
import { normalizePackageName } from '../deps/names.js';
import { rateAdvisory } from '../deps/severity.js';
import { isVersion, type Bound, type VersionInterval } from '../deps/versions.js';

export const GITHUB_ADVISORY_DATABASE = 'GitHub Advisory Database';

export type AdvisoryOctokit = Pick<Octokit, 'request'>;

const DEFAULT_TTL_MS = 60 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_CACHE_ENTRIES = 5000;
const MAX_PAGES = 10;
/** Packages named in one prefetch request (GitHub takes up to 1000, but URLs have limits). */
const PREFETCH_CHUNK = 100;

/** Shared by every lookup of a process (the App keeps one): cached answers and the rate-limit state. */
export class AdvisoryApiCache {
  private readonly entries = new Map<string, { expires: number; advisories: Advisory[] }>();
  /** While rate-limited: until when (epoch ms), and the sentence the summary gives. */
  blocked?: { until: number; reason: string };

  constructor(
    readonly ttlMs = DEFAULT_TTL_MS,
    readonly now: () => number = Date.now,
  ) {}

  get(key: string): Advisory[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > this.now()) return entry.advisories;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, advisories: Advisory[]): void {
    if (this.entries.size >= MAX_CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { expires: this.now() + this.ttlMs, advisories });
  }

  /** Forgets the answers; a rate limit still holds until its time. */
  clear(): void {
    this.entries.clear();
  }

  blockedReason(): string | undefined {
    if (this.blocked && this.blocked.until > this.now()) return this.blocked.reason;
    this.blocked = undefined;
    return undefined;
  }
}

export interface GitHubAdvisoryOptions {
  /** Answers when GitHub does not: the bundled snapshot. */
  fallback: AdvisorySource;
  cache?: AdvisoryApiCache;
  /** A lookup that takes longer falls back (Probot's throttling may hold a rate-limited request for long). */
  timeoutMs?: number;
}

/** The parts of a global security advisory (REST API) that FlaskGuard reads. */
interface GlobalAdvisory {
  ghsa_id: string;
  cve_id?: string | null;
  summary?: string | null;
  severity?: string | null;
  identifiers?: { type: string; value: string }[] | null;
  withdrawn_at?: string | null;
  html_url?: string | null;
  cvss?: { vector_string?: string | null } | null;
  cvss_severities?: { cvss_v3?: { vector_string?: string | null } | null; cvss_v4?: { vector_string?: string | null } | null } | null;
  vulnerabilities?:
    | {
        package?: { ecosystem?: string | null; name?: string | null } | null;
        vulnerable_version_range?: string | null;
        first_patched_version?: string | { identifier?: string | null } | null;
      }[]
    | null;
}

class LookupFailure extends Error {}

interface FetchedPages {
  items: GlobalAdvisory[];
  /** false when the answer had more than MAX_PAGES pages. */
  complete: boolean;
}

export class GitHubAdvisorySource implements AdvisorySource {
  readonly name = GITHUB_ADVISORY_DATABASE;
  private readonly cache: AdvisoryApiCache;
  private readonly timeoutMs: number;
  /** Once a lookup of this audit failed, the rest of it uses the fallback too. */
  private failure?: string;

  constructor(
    private readonly octokit: AdvisoryOctokit,
    private readonly options: GitHubAdvisoryOptions,
  ) {
    this.cache = options.cache ?? new AdvisoryApiCache();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  affecting(pkg: string, version: string): Promise<AdvisoryAnswer> {
    const name = normalizePackageName(pkg);
    const all = this.cache.get(name);
    if (all) return Promise.resolve({ advisories: all.filter((a) => affects(a, version)), source: this.name });
    return this.lookup(`${name}@${version}`, name, () => this.options.fallback.affecting(name, version));
  }

  ofPackage(pkg: string): Promise<AdvisoryAnswer> {
    const name = normalizePackageName(pkg);
    return this.lookup(name, name, () => this.options.fallback.ofPackage(name));
  }

  async prefetch(packages: readonly string[]): Promise<void> {
    const names = [...new Set(packages.map(normalizePackageName))].filter((n) => !this.cache.get(n));
    for (let start = 0; start < names.length; start += PREFETCH_CHUNK) {
      if (this.failure ?? this.cache.blockedReason()) return;
      const chunk = names.slice(start, start + PREFETCH_CHUNK);
      try {
        const { items, complete } = await this.fetch(chunk.join(','));
        // Past MAX_PAGES the list is cut short: those packages are asked about one by one instead.
        if (!complete) continue;
        for (const name of chunk) this.cache.set(name, items.flatMap((item) => toAdvisory(item, name) ?? []));
      } catch (error) {
        this.failure = this.describeFailure(error);
      }
    }
  }

  private async lookup(query: string, pkg: string, fallback: () => Promise<AdvisoryAnswer>): Promise<AdvisoryAnswer> {
    const cached = this.cache.get(query);
    if (cached) return { advisories: cached, source: this.name };
    const reason = this.failure ?? this.cache.blockedReason();
    if (reason === undefined) {
      try {
        const { items } = await this.fetch(query);
        const advisories = items.flatMap((item) => toAdvisory(item, pkg) ?? []);
        this.cache.set(query, advisories);
        return { advisories, source: this.name };
      } catch (error) {
        this.failure = this.describeFailure(error);
      }
    }
    return { ...(await fallback()), fallbackReason: this.failure ?? (reason as string) };
  }

  /** `query`: the `affects` parameter (`werkzeug@2.2.2`, `flask`, `flask,werkzeug`). */
  private async fetch(query: string): Promise<FetchedPages> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new LookupFailure(`the ${this.name} did not answer within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([this.fetchPages(query, controller.signal), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchPages(query: string, signal: AbortSignal): Promise<FetchedPages> {
    const items: GlobalAdvisory[] = [];
    let response: { data: unknown; headers: { link?: string } } = await this.octokit.request('GET /advisories', { ecosystem: 'pip', affects: query, per_page: 100, request: { signal } });
    for (let page = 1; ; page++) {
      items.push(...(response.data as GlobalAdvisory[]));
      const next = nextPage(response.headers.link);
      if (!next) return { items, complete: true };
      if (page >= MAX_PAGES) return { items, complete: false };
      response = await this.octokit.request({ method: 'GET', url: next, request: { signal } });
    }
  }

  private describeFailure(error: unknown): string {
    if (error instanceof LookupFailure) return error.message;
    const status = (error as { status?: number }).status;
    const headers = ((error as { response?: { headers?: Record<string, string | number | undefined> } }).response?.headers ?? {}) as Record<string, string | number | undefined>;
    const retryAfter = Number(headers['retry-after']);
    const now = this.cache.now();
    if ((status === 403 || status === 429) && Number.isFinite(retryAfter) && retryAfter > 0) {
      const reason = `the ${this.name} is rate-limited (retry after ${retryAfter} s)`;
      this.cache.blocked = { until: now + retryAfter * 1000, reason };
      return reason;
    }
    if ((status === 403 || status === 429) && String(headers['x-ratelimit-remaining']) === '0') {
      const reset = Number(headers['x-ratelimit-reset']) * 1000;
      const until = Number.isFinite(reset) && reset > now ? reset : now + 60_000;
      const reason = `the ${this.name} rate limit is used up (until ${new Date(until).toISOString().slice(11, 16)} UTC)`;
      this.cache.blocked = { until, reason };
      return reason;
    }
    if (status !== undefined) return `the ${this.name} answered HTTP ${status}`;
    return `the ${this.name} could not be reached (${(error as Error).message ?? String(error)})`;
  }
}

function nextPage(link: string | undefined): string | undefined {
  return link ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
}

/** `>= 2.0.0, < 2.2.5`, `= 1.0`, `<= 0.4.1` as an interval. */
export function parseVulnerableRange(range: string): VersionInterval | null {
  const interval: VersionInterval = {};
  for (const clause of range.split(',')) {
    const match = /^\s*(>=|<=|>|<|=)\s*(\S+)\s*$/.exec(clause);
    if (!match || !isVersion(match[2] as string)) return null;
    const bound: Bound = { version: match[2] as string, inclusive: match[1] !== '>' && match[1] !== '<' };
    if (match[1] === '=') {
      interval.lower = bound;
      interval.upper = bound;
    } else if (match[1]?.startsWith('>')) interval.lower = bound;
    else interval.upper = bound;
  }
  return interval;
}

function toAdvisory(item: GlobalAdvisory, pkg: string): Advisory | null {
  if (item.withdrawn_at) return null;
  const intervals: VersionInterval[] = [];
  const fixedIn: string[] = [];
  for (const vulnerability of item.vulnerabilities ?? []) {
    const { package: affected, vulnerable_version_range: range, first_patched_version: patched } = vulnerability;
    if (affected?.ecosystem !== 'pip' || !affected.name || normalizePackageName(affected.name) !== pkg) continue;
    const interval = range ? parseVulnerableRange(range) : {};
    if (interval) intervals.push(interval);
    const fix = typeof patched === 'string' ? patched : patched?.identifier;
    if (fix && isVersion(fix)) fixedIn.push(fix);
  }
  if (intervals.length === 0) return null;
  const label = item.severity && item.severity !== 'unknown' ? item.severity : null;
  const rating = rateAdvisory([item.cvss_severities?.cvss_v3?.vector_string, item.cvss_severities?.cvss_v4?.vector_string, item.cvss?.vector_string, label]);
  const aliases = [...new Set([...(item.identifiers ?? []).map((i) => i.value), item.cve_id].filter((id): id is string => !!id && id !== item.ghsa_id))];
  const advisory: Advisory = {
    id: item.ghsa_id,
    aliases,
    package: pkg,
    summary: (item.summary ?? '').replace(/\s+/g, ' ').trim() || 'no description',
    severity: rating.severity,
    rating: rating.rating,
    affected: { intervals, versions: [] },
    fixedIn,
  };
  if (item.html_url) advisory.url = item.html_url;
  return advisory;
}

/** For the CLI's `--online`: the GitHub Advisory Database with a token, the snapshot as fallback. */
export async function onlineAdvisorySource(token: string, fallback: AdvisorySource): Promise<AdvisorySource> {
  const { Octokit } = await import('@octokit/rest');
  // Failed requests are reported through the advisory source's answer, not printed by Octokit.
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  return new GitHubAdvisorySource(new Octokit({ auth: token, log: quiet, userAgent: 'flaskguard-cli' }), { fallback });
}
