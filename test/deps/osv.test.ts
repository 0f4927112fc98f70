import { describe, expect, it } from '@jest/globals';
import { affects, type Advisory } from '../../src/deps/advisory.js';
import { advisoryFromRecord, oneLine, type AdvisoryRecord, type OsvRange } from '../../src/deps/osv.js';
import { SnapshotAdvisorySource } from '../../src/deps/snapshot.js';
import { advisoryRecord } from './records.js';

function record(ranges: OsvRange[], extra: Partial<AdvisoryRecord> = {}): AdvisoryRecord {
  return advisoryRecord({ ranges, ...extra });
}

const eco = (...events: OsvRange['events']): OsvRange => ({ type: 'ECOSYSTEM', events });
const affected = (advisory: Advisory, versions: string[]) => versions.filter((v) => affects(advisory, v));

describe('OSV range semantics', () => {
  it('introduced 0 → fixed: everything below the fix', () => {
    const a = advisoryFromRecord(record([eco({ introduced: '0' }, { fixed: '2.2.3' })]));
    expect(affected(a, ['0.1', '2.2.2', '2.2.3rc1', '2.2.3', '2.2.4', '3.0'])).toEqual(['0.1', '2.2.2', '2.2.3rc1']);
  });

  it('several introduced/fixed pairs in one range (Flask PYSEC-2023-62)', () => {
    const a = advisoryFromRecord(record([eco({ introduced: '0' }, { fixed: '2.2.5' }, { introduced: '2.3.0' }, { fixed: '2.3.2' })]));
    expect(affected(a, ['2.0.1', '2.2.4', '2.2.5', '2.2.9', '2.3.0', '2.3.1', '2.3.2', '3.0.0'])).toEqual(['2.0.1', '2.2.4', '2.3.0', '2.3.1']);
  });

  it('sorts events by version before walking them, "0" first', () => {
    const a = advisoryFromRecord(record([eco({ fixed: '2.3.2' }, { introduced: '2.3.0' }, { fixed: '2.2.5' }, { introduced: '0' })]));
    expect(affected(a, ['2.2.4', '2.2.5', '2.3.1', '2.3.2'])).toEqual(['2.2.4', '2.3.1']);
  });

  it('last_affected is inclusive', () => {
    const a = advisoryFromRecord(record([eco({ introduced: '5.8.0' }, { last_affected: '5.8.1' })]));
    expect(affected(a, ['5.7.9', '5.8.0', '5.8.1', '5.8.1.post1', '5.8.2'])).toEqual(['5.8.0', '5.8.1']);
    expect(a.fixedIn).toEqual([]);
  });

  it('a range with no closing event affects every later version', () => {
    const a = advisoryFromRecord(record([eco({ introduced: '1.0.0' })]));
    expect(affected(a, ['0.9', '1.0.0', '7.0', '100.0'])).toEqual(['1.0.0', '7.0', '100.0']);
  });

  it('ignores GIT ranges: their commit hashes are never read as versions', () => {
    const a = advisoryFromRecord(
      record([
        { type: 'GIT', repo: 'https://github.com/pallets/jinja', events: [{ introduced: '0' }, { fixed: 'acb672b6a179567632e032f547582f30fa2f4aa7' }] },
        eco({ introduced: '0' }, { fixed: '2.7.3' }),
      ]),
    );
    expect(a.affected.intervals).toHaveLength(1);
    expect(affected(a, ['2.7.2', '2.7.3'])).toEqual(['2.7.2']);
    expect(a.fixedIn).toEqual(['2.7.3']);
  });

  it('a record with only GIT ranges affects nothing by range', () => {
    const a = advisoryFromRecord(record([{ type: 'GIT', repo: 'r', events: [{ introduced: '0' }] }]));
    expect(affected(a, ['0.1', '1.0'])).toEqual([]);
  });

  it('an explicitly listed version is affected even outside the ranges', () => {
    const a = advisoryFromRecord(record([eco({ introduced: '2.0' }, { fixed: '2.1' })], { versions: ['1.5', '1.6.dev0'] }));
    expect(affected(a, ['1.5', '1.5.0', '1.6', '2.0.5'])).toEqual(['1.5', '1.5.0', '2.0.5']);
  });

  it('rates from the CVSS vector, else the GitHub label, else unrated (medium)', () => {
    expect(advisoryFromRecord(record([], { severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }))).toMatchObject({ severity: 'high', rating: 'CVSS 7.5' });
    expect(advisoryFromRecord(record([], { severity: 'MODERATE', ghsa_severity: 'MODERATE' }))).toMatchObject({ severity: 'medium', rating: 'GitHub: moderate' });
    expect(advisoryFromRecord(record([], { severity: null }))).toMatchObject({ severity: 'medium', rating: 'unrated' });
  });

  it('summarises with the summary, else the first informative sentence of the details', () => {
    expect(oneLine('Flask  uses\nfallback key', null)).toBe('Flask uses fallback key');
    expect(oneLine(null, 'Werkzeug is a comprehensive WSGI web application library. Prior to version 2.2.3, Werkzeug will parse v2.1.0 cookies. More.')).toBe(
      'Prior to version 2.2.3, Werkzeug will parse v2.1.0 cookies.',
    );
  });
});

describe('the bundled snapshot', () => {
  const snapshot = SnapshotAdvisorySource.bundled();
  const ids = async (pkg: string, version: string) => (await snapshot.affecting(pkg, version)).advisories.map((a) => a.id).sort();

  it('holds the 81 records of the shared data, with its CC-BY attribution', async () => {
    const data = await snapshot.load();
    expect(data.count).toBe(81);
    expect(data.advisories).toHaveLength(81);
    expect(data.license).toBe('CC-BY-4.0');
    expect(data.attribution).toContain('https://github.com/pypa/advisory-database');
    expect(data.attribution).toContain('https://github.com/github/advisory-database');
  });

  it('matches the spot checks of the data README', async () => {
    expect(await ids('werkzeug', '2.2.2')).toContain('PYSEC-2023-58');
    expect(await ids('Werkzeug', '2.2.3')).not.toContain('PYSEC-2023-58');
    expect(await ids('werkzeug', '3.0.2')).toContain('GHSA-2g68-c3qc-8985');
    expect(await ids('werkzeug', '3.0.3')).not.toContain('GHSA-2g68-c3qc-8985');
    expect(await ids('flask', '2.2.4')).toContain('PYSEC-2023-62');
    expect(await ids('flask', '2.2.5')).not.toContain('PYSEC-2023-62');
    expect(await ids('flask', '2.3.1')).toContain('PYSEC-2023-62');
    expect(await ids('flask', '2.3.2')).not.toContain('PYSEC-2023-62');
    expect(await ids('jinja2', '2.11.3')).toEqual(expect.not.arrayContaining(['GHSA-gmj6-6f8f-6699']));
    expect(await ids('jinja2', '3.1.4')).toEqual(['GHSA-cpwx-vrp4-4pq7', 'GHSA-gmj6-6f8f-6699', 'GHSA-q2x7-8rv6-6q7h']);
    expect(await ids('jinja2', '3.1.6')).toEqual([]);
  });

  it('never returns withdrawn records', async () => {
    // PYSEC-2021-13 (flask-caching, introduced 1.0.0, never fixed) is withdrawn.
    expect(await ids('flask-caching', '1.10.1')).toEqual([]);
    expect((await snapshot.ofPackage('flask-caching')).advisories).toEqual([]);
    // GHSA-gxjj-f44v-qm94 (withdrawn duplicate) would affect flask-security-too 4.0.1.
    expect(await ids('flask-security-too', '4.0.1')).toEqual(['PYSEC-2021-123', 'PYSEC-2023-248']);
  });

  it('affects every version when a record has no fixed version (flask-user)', async () => {
    expect(await ids('Flask_User', '1.0.2.2')).toEqual(['PYSEC-2021-337']);
    expect(await ids('flask-user', '99.0')).toEqual(['PYSEC-2021-337']);
  });

  it('says nothing about MarkupSafe', async () => {
    expect(await ids('markupsafe', '3.0.2')).toEqual([]);
    expect((await snapshot.ofPackage('MarkupSafe')).advisories).toEqual([]);
  });
});
