/**
 * The GitHub Advisory Database source, against mocked HTTP (nock): the exact requests, paging,
 * the TTL cache, and the fallback to the snapshot on failures, time-outs and rate limits.
 * Any request without a matching mock, and any mock left unused, fails the test.
 */
import { describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { useGitHubMocks } from '../support/github-mocks.js';
import { auditDependencies } from '../../src/deps/audit.js';
import type { SnapshotData } from '../../src/deps/snapshot-file.js';
import { SnapshotAdvisorySource } from '../../src/deps/snapshot.js';
import { AdvisoryApiCache, GitHubAdvisorySource, parseVulnerableRange } from '../../src/github/advisories.js';
import { advisoryRecord } from '../deps/records.js';

const API = 'https://api.github.com';

const snapshotData: SnapshotData = {
  generated: '2026-11-29',
  source: 'test',
  license: 'CC-BY-4.0',
  attribution: 'test data',
  count: 1,
  advisories: [
    advisoryRecord({
      id: 'PYSEC-2023-58',
      aliases: ['CVE-2023-25577', 'GHSA-xg9f-g7g7-2323'],
      package: 'werkzeug',
      summary: 'Unlimited multipart parts',
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.2.3' }] }],
    }),
  ],
};
const snapshot = new SnapshotAdvisorySource(snapshotData);
const SNAPSHOT_NAME = "FlaskGuard's bundled advisory snapshot (2026-11-29)";

/** A global security advisory as the REST API returns it (the fields FlaskGuard reads, and a few more). */
function ghsa(id: string, vulnerabilities: { name: string; range: string; patched: string | null }[], extra: Record<string, unknown> = {}) {
  return {
    ghsa_id: id,
    cve_id: `CVE-2024-${id.slice(5, 9)}`,
    url: `${API}/advisories/${id}`,
    html_url: `https://github.com/advisories/${id}`,
    summary: `Summary of ${id}`,
    description: 'Long description',
    type: 'reviewed',
    severity: 'high',
    identifiers: [
      { type: 'GHSA', value: id },
      { type: 'CVE', value: `CVE-2024-${id.slice(5, 9)}` },
    ],
    withdrawn_at: null,
    vulnerabilities: vulnerabilities.map((v) => ({
      package: { ecosystem: 'pip', name: v.name },
      vulnerable_version_range: v.range,
      first_patched_version: v.patched,
      vulnerable_functions: [],
    })),
    cvss_severities: { cvss_v3: { vector_string: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', score: 7.5 }, cvss_v4: null },
    ...extra,
  };
}

useGitHubMocks();

function clock(start = Date.UTC(2026, 10, 29, 12, 0, 0)) {
  const state = { now: start };
  return { now: () => state.now, advance: (ms: number) => (state.now += ms) };
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const rest = () => new Octokit({ auth: 'ghp_test_token', log: quiet });

function lookup(affects: string, reply: unknown[], headers: Record<string, string> = {}) {
  return nock(API, { reqheaders: { authorization: 'token ghp_test_token' } })
    .get('/advisories')
    .query({ ecosystem: 'pip', affects, per_page: '100' })
    .reply(200, reply, headers);
}

describe('GitHubAdvisorySource', () => {
  it('asks GET /advisories?ecosystem=pip&affects=<package>@<version> and reads the answer', async () => {
    lookup('werkzeug@2.2.2', [
      ghsa('GHSA-aaaa-bbbb-cccc', [{ name: 'Werkzeug', range: '< 2.2.3', patched: '2.2.3' }]),
      // Another package's vulnerability in a shared advisory does not count for werkzeug.
      ghsa('GHSA-dddd-eeee-ffff', [
        { name: 'flask', range: '< 2.3.2', patched: '2.3.2' },
        { name: 'werkzeug', range: '>= 2.0.0, < 2.2.5', patched: '2.2.5' },
      ], { severity: 'moderate', cvss_severities: null }),
      ghsa('GHSA-gggg-hhhh-iiii', [{ name: 'werkzeug', range: '< 9.0', patched: '9.0' }], { withdrawn_at: '2025-01-01T00:00:00Z' }),
    ]);
    const source = new GitHubAdvisorySource(rest(), { fallback: snapshot });
    const answer = await source.affecting('Werkzeug', '2.2.2');
    expect(answer.source).toBe('GitHub Advisory Database');
    expect(answer.fallbackReason).toBeUndefined();
    expect(answer.advisories.map((a) => [a.id, a.aliases, a.package, a.severity, a.rating, a.fixedIn])).toEqual([
      ['GHSA-aaaa-bbbb-cccc', ['CVE-2024-aaaa'], 'werkzeug', 'high', 'CVSS 7.5', ['2.2.3']],
      ['GHSA-dddd-eeee-ffff', ['CVE-2024-dddd'], 'werkzeug', 'medium', 'GitHub: moderate', ['2.2.5']],
    ]);
    expect(answer.advisories[1]?.affected.intervals).toEqual([{ lower: { version: '2.0.0', inclusive: true }, upper: { version: '2.2.5', inclusive: false } }]);
  });

  it('follows the Link header to the next page', async () => {
    lookup('flask', [ghsa('GHSA-aaaa-bbbb-cccc', [{ name: 'flask', range: '< 1.0', patched: '1.0' }])], {
      link: `<${API}/advisories?ecosystem=pip&affects=flask&per_page=100&after=Y3Vyc29y>; rel="next"`,
    });
    nock(API)
      .get('/advisories')
      .query({ ecosystem: 'pip', affects: 'flask', per_page: '100', after: 'Y3Vyc29y' })
      .reply(200, [ghsa('GHSA-jjjj-kkkk-llll', [{ name: 'flask', range: '= 2.0.0', patched: null }])]);
    const answer = await new GitHubAdvisorySource(rest(), { fallback: snapshot }).ofPackage('Flask');
    expect(answer.advisories.map((a) => a.id)).toEqual(['GHSA-aaaa-bbbb-cccc', 'GHSA-jjjj-kkkk-llll']);
  });

  it('caches answers for the TTL, across sources that share the cache', async () => {
    const time = clock();
    const cache = new AdvisoryApiCache(60_000, time.now);
    lookup('werkzeug@2.2.2', []);
    expect((await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).affecting('werkzeug', '2.2.2')).advisories).toEqual([]);
    time.advance(59_000);
    expect((await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).affecting('werkzeug', '2.2.2')).source).toBe('GitHub Advisory Database');
    time.advance(2_000);
    lookup('werkzeug@2.2.2', [ghsa('GHSA-aaaa-bbbb-cccc', [{ name: 'werkzeug', range: '< 2.2.3', patched: '2.2.3' }])]);
    expect((await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).affecting('werkzeug', '2.2.2')).advisories).toHaveLength(1);
  });

  it('falls back to the snapshot when the API fails, and stays on it for the rest of the audit', async () => {
    nock(API).get('/advisories').query(true).reply(502, { message: 'Bad gateway' });
    const source = new GitHubAdvisorySource(rest(), { fallback: snapshot });
    const first = await source.affecting('werkzeug', '2.2.2');
    expect(first).toMatchObject({ source: SNAPSHOT_NAME, fallbackReason: 'the GitHub Advisory Database answered HTTP 502' });
    expect(first.advisories.map((a) => a.id)).toEqual(['PYSEC-2023-58']);
    // No second request: no mock is set up, and an unmatched request would fail the test.
    expect(await source.ofPackage('werkzeug')).toMatchObject({ source: SNAPSHOT_NAME, fallbackReason: 'the GitHub Advisory Database answered HTTP 502' });
  });

  it.each([403, 429])('honours retry-after on a %d: falls back, and asks nobody until it has passed', async (status) => {
    const time = clock();
    const cache = new AdvisoryApiCache(60_000, time.now);
    nock(API).get('/advisories').query(true).reply(status, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '30' });
    const reason = 'the GitHub Advisory Database is rate-limited (retry after 30 s)';
    expect(await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).affecting('werkzeug', '2.2.2')).toMatchObject({ source: SNAPSHOT_NAME, fallbackReason: reason });
    time.advance(29_000);
    expect(await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).affecting('flask', '2.0.1')).toMatchObject({ source: SNAPSHOT_NAME, fallbackReason: reason });
    time.advance(2_000);
    lookup('flask@2.0.1', []);
    expect(await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).affecting('flask', '2.0.1')).toEqual({ advisories: [], source: 'GitHub Advisory Database' });
  });

  it('waits for x-ratelimit-reset when the primary rate limit is used up', async () => {
    const time = clock();
    const cache = new AdvisoryApiCache(60_000, time.now);
    const reset = Math.floor(time.now() / 1000) + 600;
    nock(API)
      .get('/advisories')
      .query(true)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
    const reason = 'the GitHub Advisory Database rate limit is used up (until 12:10 UTC)';
    expect(await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).affecting('werkzeug', '2.2.2')).toMatchObject({ fallbackReason: reason });
    time.advance(599_000);
    expect(await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).ofPackage('flask')).toMatchObject({ fallbackReason: reason });
  });

  it('falls back when GitHub does not answer in time (as when Probot holds a throttled request)', async () => {
    const held = rest();
    held.hook.wrap('request', () => new Promise<never>(() => undefined));
    const answer = await new GitHubAdvisorySource(held, { fallback: snapshot, timeoutMs: 20 }).affecting('werkzeug', '2.2.2');
    expect(answer).toMatchObject({ source: SNAPSHOT_NAME, fallbackReason: 'the GitHub Advisory Database did not answer within 0.02 s' });
  });

  it('works with a Probot installation Octokit', async () => {
    nock(API, { reqheaders: { authorization: 'token ghs_installation' } })
      .get('/advisories')
      .query({ ecosystem: 'pip', affects: 'gunicorn@21.2.0', per_page: '100' })
      .reply(200, [ghsa('GHSA-w3h3-4rj7-4ph4', [{ name: 'gunicorn', range: '< 22.0.0', patched: '22.0.0' }])]);
    const octokit = new ProbotOctokit({ auth: { token: 'ghs_installation' }, retry: { enabled: false }, throttle: { enabled: false } });
    const answer = await new GitHubAdvisorySource(octokit, { fallback: snapshot }).affecting('gunicorn', '21.2.0');
    expect(answer.advisories.map((a) => a.id)).toEqual(['GHSA-w3h3-4rj7-4ph4']);
  });
});

describe('prefetch', () => {
  it('asks for every advisory of the packages in one request, then answers from memory', async () => {
    lookup('flask,werkzeug,gunicorn', [
      ghsa('GHSA-aaaa-bbbb-cccc', [{ name: 'Werkzeug', range: '< 2.2.3', patched: '2.2.3' }]),
      ghsa('GHSA-dddd-eeee-ffff', [
        { name: 'flask', range: '< 2.3.2', patched: '2.3.2' },
        { name: 'werkzeug', range: '>= 2.0.0, < 2.2.5', patched: '2.2.5' },
      ]),
    ]);
    const source = new GitHubAdvisorySource(rest(), { fallback: snapshot });
    await source.prefetch(['Flask', 'werkzeug', 'flask', 'gunicorn']);
    // No more requests: an unmatched one would fail the test.
    const ids = async (answer: Promise<{ advisories: { id: string }[]; source: string }>) => {
      const { advisories, source: name } = await answer;
      return [name, advisories.map((a) => a.id)];
    };
    expect(await ids(source.affecting('werkzeug', '2.2.2'))).toEqual(['GitHub Advisory Database', ['GHSA-aaaa-bbbb-cccc', 'GHSA-dddd-eeee-ffff']]);
    expect(await ids(source.affecting('Werkzeug', '2.2.3'))).toEqual(['GitHub Advisory Database', ['GHSA-dddd-eeee-ffff']]);
    expect(await ids(source.affecting('flask', '2.3.2'))).toEqual(['GitHub Advisory Database', []]);
    expect(await ids(source.ofPackage('flask'))).toEqual(['GitHub Advisory Database', ['GHSA-dddd-eeee-ffff']]);
    expect(await ids(source.affecting('gunicorn', '20.0.0'))).toEqual(['GitHub Advisory Database', []]);
  });

  it('names at most 100 packages a request, and skips packages already cached', async () => {
    const cache = new AdvisoryApiCache();
    const names = Array.from({ length: 101 }, (_, i) => `pkg-${i}`);
    lookup(names.slice(0, 100).join(','), []);
    lookup('pkg-100', []);
    await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).prefetch(names);
    await new GitHubAdvisorySource(rest(), { fallback: snapshot, cache }).prefetch(['pkg-7', 'pkg-100']);
  });

  it('leaves packages whose answer runs past ten pages to lookups one by one', async () => {
    const link = (n: number) => ({ link: `<${API}/advisories?ecosystem=pip&affects=django%2Cflask&per_page=100&after=${n}>; rel="next"` });
    lookup('django,flask', [], link(1));
    for (let n = 1; n <= 9; n++) nock(API).get('/advisories').query({ ecosystem: 'pip', affects: 'django,flask', per_page: '100', after: String(n) }).reply(200, [], link(n + 1));
    const source = new GitHubAdvisorySource(rest(), { fallback: snapshot });
    await source.prefetch(['django', 'flask']);
    lookup('flask@2.0.0', [ghsa('GHSA-dddd-eeee-ffff', [{ name: 'flask', range: '< 2.3.2', patched: '2.3.2' }])]);
    expect((await source.affecting('flask', '2.0.0')).advisories.map((a) => a.id)).toEqual(['GHSA-dddd-eeee-ffff']);
  });

  it('falls back to the snapshot for every later question when it fails', async () => {
    nock(API).get('/advisories').query(true).reply(500, { message: 'Server Error' });
    const source = new GitHubAdvisorySource(rest(), { fallback: snapshot });
    await source.prefetch(['werkzeug']);
    expect(await source.affecting('werkzeug', '2.2.2')).toMatchObject({ source: SNAPSHOT_NAME, fallbackReason: 'the GitHub Advisory Database answered HTTP 500' });
  });
});

describe('auditDependencies with the live source', () => {
  it('asks GitHub once for every package, reports the pin with its upgrade, and names GitHub as the source', async () => {
    lookup('werkzeug,flask', [
      ghsa('GHSA-aaaa-bbbb-cccc', [{ name: 'werkzeug', range: '< 2.2.3', patched: '2.2.3' }]),
      ghsa('GHSA-dddd-eeee-ffff', [{ name: 'werkzeug', range: '< 3.0.3', patched: '3.0.3' }], { severity: 'critical', cvss_severities: null }),
    ]);
    const audit = await auditDependencies([{ path: 'requirements.txt', content: 'Werkzeug==2.2.2\nflask>=2.3\n' }], {
      source: new GitHubAdvisorySource(rest(), { fallback: snapshot }),
    });
    expect(audit.findings.map((f) => [f.ruleId, f.startLine, f.severity, f.fix])).toEqual([['vulnerable-dependency', 1, 'critical', 'Werkzeug==3.0.3']]);
    expect(audit.findings[0]?.message).toContain('upgrade Werkzeug 2.2.2 → 3.0.3');
    expect(audit.advisorySource).toBe('GitHub Advisory Database');
  });

  it('moves the upgrade past a fix version that another advisory affects', async () => {
    lookup('werkzeug', [
      ghsa('GHSA-aaaa-bbbb-cccc', [{ name: 'werkzeug', range: '< 2.2.3', patched: '2.2.3' }]),
      ghsa('GHSA-mmmm-nnnn-oooo', [{ name: 'werkzeug', range: '>= 2.2.3, < 2.3.8', patched: '2.3.8' }]),
    ]);
    const audit = await auditDependencies([{ path: 'requirements.txt', content: 'werkzeug==2.2.2\n' }], {
      source: new GitHubAdvisorySource(rest(), { fallback: snapshot }),
    });
    expect(audit.findings.map((f) => f.fix)).toEqual(['werkzeug==2.3.8']);
  });

  it('says in the summary that the snapshot answered, and why', async () => {
    nock(API).get('/advisories').query(true).reply(500, { message: 'Server Error' });
    const audit = await auditDependencies([{ path: 'requirements.txt', content: 'werkzeug==2.2.2\n' }], {
      source: new GitHubAdvisorySource(rest(), { fallback: snapshot }),
    });
    expect(audit.findings.map((f) => f.fix)).toEqual(['werkzeug==2.2.3']);
    expect(audit.advisorySource).toBe(`${SNAPSHOT_NAME}; fallback because the GitHub Advisory Database answered HTTP 500`);
  });
});

describe('vulnerable_version_range', () => {
  it.each([
    ['< 2.2.3', { upper: { version: '2.2.3', inclusive: false } }],
    ['>= 2.0.0, < 2.2.5', { lower: { version: '2.0.0', inclusive: true }, upper: { version: '2.2.5', inclusive: false } }],
    ['<= 0.4.1', { upper: { version: '0.4.1', inclusive: true } }],
    ['> 1.0, <= 1.2', { lower: { version: '1.0', inclusive: false }, upper: { version: '1.2', inclusive: true } }],
    ['= 1.0', { lower: { version: '1.0', inclusive: true }, upper: { version: '1.0', inclusive: true } }],
  ])('%s', (range, interval) => {
    expect(parseVulnerableRange(range)).toEqual(interval);
  });

  it('refuses what it cannot read', () => {
    expect(parseVulnerableRange('~> 1.0')).toBeNull();
  });
});
