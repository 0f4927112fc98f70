import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildSnapshot, inSnapshotScope, mergeByAlias, recordsOf, serializeSnapshot } from '../../src/deps/osv-import.js';
import type { AdvisoryRecord } from '../../src/deps/osv.js';
import { projectFile } from '../../src/deps/project-root.js';
import type { SnapshotData } from '../../src/deps/snapshot-file.js';
import { SNAPSHOT_PATH } from '../../src/deps/snapshot.js';

/** An OSV record as osv.dev and the PyPA advisory database publish it. */
function osv(id: string, extra: Record<string, unknown> = {}) {
  return {
    schema_version: '1.6.0',
    id,
    aliases: ['CVE-2023-30861'],
    summary: 'Possible disclosure of permanent session cookie',
    details: 'x'.repeat(700),
    modified: '2024-01-02T00:00:00Z',
    published: '2023-05-02T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Flask' },
        ranges: [
          { type: 'GIT', repo: 'https://github.com/pallets/flask', events: [{ introduced: '0' }, { fixed: 'afd63b1' }] },
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.2.5' }, { introduced: '2.3.0' }, { fixed: '2.3.2' }] },
        ],
        versions: ['2.2.4', '2.3.1'],
      },
      { package: { ecosystem: 'npm', name: 'flask' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] },
    ],
    references: [{ type: 'WEB', url: 'https://example.org/a' }, { type: 'FIX', url: 'https://example.org/a' }],
    ...extra,
  };
}

const flaskOnly = (pkg: string) => pkg === 'flask';

describe('reading OSV data', () => {
  it('flattens a standard OSV record to one record per wanted PyPI package', () => {
    const { records, skipped } = recordsOf(osv('PYSEC-2023-62', { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N' }] }), 'a.json', flaskOnly);
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(1);
    const [record] = records as [AdvisoryRecord];
    expect(record).toMatchObject({
      id: 'PYSEC-2023-62',
      package: 'flask',
      aliases: ['CVE-2023-30861'],
      severity: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
      ghsa_severity: null,
      withdrawn: null,
      versions: ['2.2.4', '2.3.1'],
      references: ['https://example.org/a'],
    });
    expect(record.details).toHaveLength(600);
    expect(record.ranges.map((r) => r.type)).toEqual(['GIT', 'ECOSYSTEM']);
  });

  it('takes the GitHub label when there is no CVSS vector, and keeps withdrawn dates', () => {
    const [record] = recordsOf(osv('GHSA-m2qf-hxjv-5gpq', { database_specific: { severity: 'HIGH' }, withdrawn: '2024-05-01T00:00:00Z' }), 'g.json', flaskOnly).records;
    expect(record).toMatchObject({ severity: 'HIGH', ghsa_severity: 'HIGH', withdrawn: '2024-05-01T00:00:00Z' });
  });

  it('reads lists, snapshot-like files, and says what it skipped', () => {
    const list = recordsOf([osv('PYSEC-1'), { not: 'an advisory' }], 'list.json', flaskOnly);
    expect(list.records.map((r) => r.id)).toEqual(['PYSEC-1']);
    expect(list.skipped).toEqual(['list.json[1]: not an OSV record']);
    const bundled = JSON.parse(readFileSync(projectFile(SNAPSHOT_PATH), 'utf8'));
    expect(recordsOf(bundled, 'snapshot.json', inSnapshotScope).records).toHaveLength(81);
  });

  it('keeps the Flask ecosystem by default', () => {
    expect(['flask', 'werkzeug', 'jinja2', 'gunicorn', 'waitress', 'flask-cors', 'flask-appbuilder'].every(inSnapshotScope)).toBe(true);
    expect(['django', 'requests', 'flaskx'].some(inSnapshotScope)).toBe(false);
  });
});

describe('merging by alias', () => {
  const pysec = recordsOf(osv('PYSEC-2023-62'), 'p', flaskOnly).records[0] as AdvisoryRecord;
  const ghsa = recordsOf(osv('GHSA-m2qf-hxjv-5gpq', { database_specific: { severity: 'HIGH' }, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }] }), 'g', flaskOnly).records[0] as AdvisoryRecord;

  it('folds a GHSA record into the PYSEC record of the same vulnerability', () => {
    const [merged, ...rest] = mergeByAlias([ghsa, pysec]);
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({
      id: 'PYSEC-2023-62',
      aliases: ['CVE-2023-30861', 'GHSA-m2qf-hxjv-5gpq'],
      severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
      ghsa_severity: 'HIGH',
    });
  });

  it('never merges withdrawn records, nor records of other packages; drops records without versions', () => {
    const withdrawn = { ...ghsa, withdrawn: '2024-01-01T00:00:00Z' };
    const otherPackage = { ...ghsa, id: 'GHSA-other', package: 'werkzeug' };
    const empty = { ...pysec, id: 'PYSEC-empty', aliases: [], ranges: [], versions: [] };
    expect(mergeByAlias([pysec, withdrawn, otherPackage, empty]).map((r) => [r.package, r.id, r.withdrawn])).toEqual([
      ['flask', 'GHSA-m2qf-hxjv-5gpq', '2024-01-01T00:00:00Z'],
      ['flask', 'PYSEC-2023-62', null],
      ['werkzeug', 'GHSA-other', null],
    ]);
  });
});

describe('the bundled snapshot file', () => {
  it('is exactly what the refresh script builds from its own data', () => {
    const text = readFileSync(projectFile(SNAPSHOT_PATH), 'utf8');
    const data = JSON.parse(text) as SnapshotData;
    const rebuilt = buildSnapshot(recordsOf(JSON.parse(text), SNAPSHOT_PATH, inSnapshotScope).records, { generated: data.generated, source: data.source });
    expect(serializeSnapshot(rebuilt)).toBe(text);
  });

  it('dates a snapshot built from plain OSV records by its newest record', () => {
    const built = buildSnapshot(recordsOf([osv('PYSEC-1'), osv('PYSEC-2', { aliases: [], modified: '2025-03-04T05:06:07Z' })], 'x', flaskOnly).records, {});
    expect(built).toMatchObject({ generated: '2025-03-04', count: 2, license: 'CC-BY-4.0', source: 'OSV records' });
  });
});
