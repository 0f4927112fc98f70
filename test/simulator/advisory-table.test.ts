/**
 * The advisory table made from the bundled OSV snapshot: exact conversion of each kind of record,
 * and, through the simulator and the App's own GitHub Advisory Database source, the same answers
 * as the snapshot at the edges of every affected range.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProbotOctokit } from 'probot';
import { affects } from '../../src/deps/advisory.js';
import type { AdvisoryRecord as OsvRecord } from '../../src/deps/osv.js';
import { compareVersions, isVersion } from '../../src/deps/versions.js';
import { loadSnapshot, type SnapshotData } from '../../src/deps/snapshot-file.js';
import { SNAPSHOT_PATH, SnapshotAdvisorySource } from '../../src/deps/snapshot.js';
import { GitHubAdvisorySource } from '../../src/github/advisories.js';
import { advisoryRecord } from '../deps/records.js';
import { advisoryTableFromSnapshot } from './advisory-table.js';
import { throwawayKeyPair } from './app-process.js';
import { GitHubSimulator } from './simulator.js';

function osv(id: string, extra: Partial<OsvRecord>): OsvRecord {
  return advisoryRecord({ id, package: 'werkzeug', summary: null, ranges: [], ...extra });
}

function snapshotOf(records: OsvRecord[]): SnapshotData {
  return { generated: '2026-11-29', source: 'test', license: 'CC-BY-4.0', attribution: 'test', count: records.length, advisories: records };
}

/** Where answers can differ: each range's bounds and the version the package released just before each. */
function edgeVersions(records: readonly OsvRecord[]): string[] {
  const bounds = records.flatMap((r) => r.ranges.flatMap((range) => range.events.flatMap((e) => [e.introduced, e.fixed, e.last_affected])));
  const known = [...new Set([...records.flatMap((r) => r.versions), ...bounds])].filter((v): v is string => v !== undefined && isVersion(v)).sort(compareVersions);
  const edges = new Set<string>();
  for (const bound of bounds) {
    if (bound === undefined || !isVersion(bound)) continue;
    edges.add(bound);
    const before = known.filter((v) => compareVersions(v, bound) < 0).at(-1);
    if (before) edges.add(before);
  }
  return [...edges];
}

describe('advisoryTableFromSnapshot', () => {
  it('makes one GHSA advisory per record, with a vulnerability per ECOSYSTEM interval', () => {
    const table = advisoryTableFromSnapshot(
      snapshotOf([
        osv('PYSEC-2023-221', {
          aliases: ['CVE-2023-46136', 'GHSA-hrfv-mqp8-q5rw'],
          details: 'Werkzeug is a comprehensive WSGI web application library. Uploads can exhaust the CPU.',
          severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          published: '2023-10-25T18:17:00.123Z',
          ranges: [
            { type: 'GIT', repo: 'https://github.com/pallets/werkzeug', events: [{ introduced: '0' }, { fixed: 'f2300208' }] },
            { type: 'ECOSYSTEM', events: [{ introduced: '3.0.0' }, { fixed: '3.0.1' }, { introduced: '0' }, { fixed: '2.3.8' }] },
          ],
        }),
        osv('GHSA-f66q-9rf6-8795', { package: 'flask-security-too', summary: 'Open redirect', ghsa_severity: 'MODERATE', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '5.8.0' }, { last_affected: '5.8.1' }] }] }),
        osv('PYSEC-2021-337', { package: 'flask-user', aliases: ['GHSA-4298-89hc-6rfv'], summary: 'No fix', withdrawn: '2024-01-02T03:04:05Z', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }),
        osv('PYSEC-2022-203', { summary: 'No GHSA id', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.1.1' }] }] }),
      ]),
    );
    expect(table).toEqual([
      {
        ghsaId: 'GHSA-hrfv-mqp8-q5rw',
        cveId: 'CVE-2023-46136',
        summary: 'Uploads can exhaust the CPU.',
        severity: 'high',
        package: 'werkzeug',
        cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
        publishedAt: '2023-10-25T18:17:00Z',
        vulnerabilities: [
          { vulnerableVersionRange: '< 2.3.8', firstPatchedVersion: '2.3.8' },
          { vulnerableVersionRange: '>= 3.0.0, < 3.0.1', firstPatchedVersion: '3.0.1' },
        ],
      },
      {
        ghsaId: 'GHSA-f66q-9rf6-8795',
        summary: 'Open redirect',
        severity: 'medium',
        package: 'flask-security-too',
        vulnerabilities: [{ vulnerableVersionRange: '>= 5.8.0, <= 5.8.1', firstPatchedVersion: null }],
      },
      {
        ghsaId: 'GHSA-4298-89hc-6rfv',
        summary: 'No fix',
        severity: 'unknown',
        package: 'flask-user',
        withdrawnAt: '2024-01-02T03:04:05Z',
        vulnerabilities: [{ vulnerableVersionRange: '>= 0', firstPatchedVersion: null }],
      },
    ]);
  });
});

describe('the bundled snapshot through the simulator', () => {
  const snapshotData = loadSnapshot(SNAPSHOT_PATH);
  const snapshot = new SnapshotAdvisorySource(snapshotData);
  const keys = throwawayKeyPair();
  let sim: GitHubSimulator;
  let live: GitHubAdvisorySource;

  /** GHSA id of each snapshot advisory id (records without one are not in GitHub's database). */
  const ghsaOf = new Map(snapshotData.advisories.map((r) => [r.id, [r.id, ...r.aliases].find((id) => id.startsWith('GHSA-'))]));

  beforeAll(async () => {
    sim = await GitHubSimulator.start({ appPublicKey: keys.publicKey, advisories: advisoryTableFromSnapshot(snapshotData) });
    const octokit = new ProbotOctokit({
      baseUrl: sim.apiUrl,
      auth: { appId: sim.app.id, privateKey: keys.privateKey, installationId: sim.installationId },
      throttle: { enabled: false },
      retry: { enabled: false },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    live = new GitHubAdvisorySource(octokit, { fallback: snapshot });
  });

  afterAll(async () => {
    expect([sim.store.violations, sim.store.responseViolations]).toEqual([[], []]);
    await sim.stop();
  });

  it('affect the same versions with the same severities as the snapshot says', async () => {
    const packages = [...new Set(snapshotData.advisories.map((r) => r.package))];
    for (const pkg of packages) {
      const records = snapshotData.advisories.filter((r) => r.package === pkg);
      const versions = edgeVersions(records);
      const answer = await live.ofPackage(pkg);
      expect([pkg, answer.source]).toEqual([pkg, 'GitHub Advisory Database']);
      const expected = (await snapshot.ofPackage(pkg)).advisories.filter((a) => ghsaOf.get(a.id));
      expect(answer.advisories.map((a) => [a.id, a.severity]).sort()).toEqual(expected.map((a) => [ghsaOf.get(a.id), a.severity]).sort());
      for (const version of versions) {
        const affectedLive = answer.advisories.filter((a) => affects(a, version)).map((a) => a.id).sort();
        const affectedSnapshot = expected.filter((a) => affects(a, version)).map((a) => ghsaOf.get(a.id)).sort();
        expect([pkg, version, affectedLive]).toEqual([pkg, version, affectedSnapshot]);
      }
    }
  });

  it('answer a package@version lookup as the snapshot does', async () => {
    const [fromGitHub, fromSnapshot] = await Promise.all([live.affecting('Werkzeug', '2.1.0'), snapshot.affecting('werkzeug', '2.1.0')]);
    expect(fromGitHub.advisories.map((a) => a.id).sort()).toEqual(fromSnapshot.advisories.flatMap((a) => ghsaOf.get(a.id) ?? []).sort());
    expect(fromSnapshot.advisories.filter((a) => !ghsaOf.get(a.id)).map((a) => a.id)).toEqual(['PYSEC-2022-203']);
  });
});
