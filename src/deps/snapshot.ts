/**
 * The advisory snapshot bundled with FlaskGuard (data/advisories/), as an AdvisorySource: the
 * CLI's default, and the App's fallback when the GitHub Advisory Database does not answer.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Advisory, AdvisoryAnswer, AdvisorySource } from './advisory.js';
import { affects } from './advisory.js';
import { normalizePackageName } from './names.js';
import { advisoryFromRecord, type AdvisoryRecord } from './osv.js';
import { projectFile } from './project-root.js';

export const SNAPSHOT_PATH = 'data/advisories/pypi-advisories.json';

const eventSchema = z.object({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});

export const recordSchema = z.object({
  id: z.string().min(1),
  aliases: z.array(z.string()),
  package: z.string().min(1),
  summary: z.string().nullable(),
  details: z.string().nullable(),
  severity: z.string().nullable(),
  ghsa_severity: z.string().nullable(),
  published: z.string().nullable(),
  modified: z.string().nullable(),
  withdrawn: z.string().nullable(),
  ranges: z.array(z.object({ type: z.string(), repo: z.string().optional(), events: z.array(eventSchema) })),
  versions: z.array(z.string()),
  references: z.array(z.string()),
});

export const snapshotSchema = z.object({
  /** When the data was taken from its sources (not when the file was written). */
  generated: z.string(),
  source: z.string(),
  license: z.string(),
  attribution: z.string(),
  count: z.number().int(),
  advisories: z.array(recordSchema),
});

export type SnapshotData = z.output<typeof snapshotSchema>;

export class SnapshotAdvisorySource implements AdvisorySource {
  readonly name: string;
  private readonly byPackage = new Map<string, { withdrawn: boolean; advisory: Advisory }[]>();

  constructor(readonly data: SnapshotData) {
    this.name = `FlaskGuard's bundled advisory snapshot (${data.generated})`;
    for (const record of data.advisories as AdvisoryRecord[]) {
      const pkg = normalizePackageName(record.package);
      const list = this.byPackage.get(pkg) ?? [];
      list.push({ withdrawn: record.withdrawn !== null, advisory: advisoryFromRecord(record) });
      this.byPackage.set(pkg, list);
    }
  }

  /** Reads and checks the snapshot shipped in data/advisories/. */
  static bundled(): SnapshotAdvisorySource {
    return new SnapshotAdvisorySource(loadSnapshot(projectFile(SNAPSHOT_PATH)));
  }

  private current(pkg: string): Advisory[] {
    return (this.byPackage.get(normalizePackageName(pkg)) ?? []).filter((e) => !e.withdrawn).map((e) => e.advisory);
  }

  async affecting(pkg: string, version: string): Promise<AdvisoryAnswer> {
    return { advisories: this.current(pkg).filter((a) => affects(a, version)), source: this.name };
  }

  async ofPackage(pkg: string): Promise<AdvisoryAnswer> {
    return { advisories: this.current(pkg), source: this.name };
  }
}

export function loadSnapshot(file: string): SnapshotData {
  const parsed = snapshotSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not an advisory snapshot: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
