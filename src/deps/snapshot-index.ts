/** A snapshot's advisories by normalized package name (withdrawn ones kept, marked). */
import type { Advisory } from './advisory.js';
import { normalizePackageName } from './names.js';
import { advisoryFromRecord, type AdvisoryRecord } from './osv.js';
import type { SnapshotData } from './snapshot-file.js';

export type SnapshotIndex = Map<string, { withdrawn: boolean; advisory: Advisory }[]>;

export function indexSnapshot(data: SnapshotData): SnapshotIndex {
  const index: SnapshotIndex = new Map();
  for (const record of data.advisories as AdvisoryRecord[]) {
    const pkg = normalizePackageName(record.package);
    const list = index.get(pkg) ?? [];
    list.push({ withdrawn: record.withdrawn !== null, advisory: advisoryFromRecord(record) });
    index.set(pkg, list);
  }
  return index;
}
