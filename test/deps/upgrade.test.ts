import { describe, expect, it } from '@jest/globals';
import type { AdvisoryAnswer, AdvisorySource } from '../../src/deps/advisory.js';
import { advisoryFromRecord, type AdvisoryRecord, type OsvEvent } from '../../src/deps/osv.js';
import { SnapshotAdvisorySource } from '../../src/deps/snapshot.js';
import { clearingCandidates, upgradeTarget } from '../../src/deps/upgrade.js';
import { advisoryRecord } from './records.js';

function record(id: string, ...events: OsvEvent[]): AdvisoryRecord {
  return advisoryRecord({ id, summary: id, ranges: [{ type: 'ECOSYSTEM', events }] });
}

const source = (records: AdvisoryRecord[]) =>
  new SnapshotAdvisorySource({ generated: 'test', source: 'test', license: 'CC-BY-4.0', attribution: 'test', count: records.length, advisories: records });

/** Records every question, to show which candidates were checked. */
function recording(inner: AdvisorySource): AdvisorySource & { asked: string[] } {
  const asked: string[] = [];
  return {
    name: inner.name,
    asked,
    affecting: (pkg: string, version: string): Promise<AdvisoryAnswer> => {
      asked.push(version);
      return inner.affecting(pkg, version);
    },
    ofPackage: (pkg: string) => inner.ofPackage(pkg),
  };
}

describe('upgrade target', () => {
  it('is the lowest fix above the current version that no known advisory affects', () => {
    const advisories = [record('A', { introduced: '0' }, { fixed: '2.2.5' }, { introduced: '2.3.0' }, { fixed: '2.3.2' }), record('B', { introduced: '0' }, { fixed: '2.2.3' })].map(advisoryFromRecord);
    expect(clearingCandidates(advisories, '2.2.2')).toEqual(['2.2.5', '2.3.2']);
    expect(clearingCandidates(advisories, '2.3.0')).toEqual(['2.3.2']);
    expect(clearingCandidates(advisories, undefined)).toEqual(['2.2.5', '2.3.2']);
  });

  it('skips pre-release fixes unless the current version is a pre-release', () => {
    const advisories = [record('A', { introduced: '0' }, { fixed: '3.0.0rc1' }), record('B', { introduced: '0' }, { fixed: '3.0.1' })].map(advisoryFromRecord);
    expect(clearingCandidates(advisories, '2.0')).toEqual(['3.0.1']);
    expect(clearingCandidates([advisories[0]!], '3.0.0a1')).toEqual(['3.0.0rc1']);
  });

  it('moves past a candidate that an advisory starting there affects', async () => {
    const data = source([record('OLD', { introduced: '0' }, { fixed: '2.0' }), record('NEW', { introduced: '2.0' }, { fixed: '2.1' })]);
    const asking = recording(data);
    const current = await data.affecting('demo', '1.5');
    expect(current.advisories.map((a) => a.id)).toEqual(['OLD']);
    const target = await upgradeTarget(asking, 'demo', '1.5', current.advisories);
    expect(target.version).toBe('2.1');
    expect(asking.asked).toEqual(['2.0', '2.1']);
  });

  it('has no target when no fix is known (last_affected, or an open range)', async () => {
    const data = source([record('OPEN', { introduced: '1.0' }), record('LAST', { introduced: '0' }, { last_affected: '3.0' })]);
    const current = await data.affecting('demo', '2.0');
    expect((await upgradeTarget(data, 'demo', '2.0', current.advisories)).version).toBeUndefined();
  });
});
