import type { AdvisoryRecord } from '../../src/deps/osv.js';

/** An advisory record in the snapshot's format, with empty defaults for what a test does not care about. */
export function advisoryRecord(fields: Partial<AdvisoryRecord> & Pick<AdvisoryRecord, 'ranges'>): AdvisoryRecord {
  return {
    id: 'PYSEC-0000-1',
    aliases: [],
    package: 'demo',
    summary: 'Demo advisory',
    details: null,
    severity: null,
    ghsa_severity: null,
    published: null,
    modified: null,
    withdrawn: null,
    versions: [],
    references: [],
    ...fields,
  };
}
