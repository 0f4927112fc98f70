/**
 * The advisory snapshot's file format (data/advisories/pypi-advisories.json), checked with zod:
 * what the refresh script writes and the snapshot source reads.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

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

/** Reads and checks a snapshot file. */
export function loadSnapshot(file: string): SnapshotData {
  return checkSnapshot(JSON.parse(readFileSync(file, 'utf8')), file);
}

export function checkSnapshot(raw: unknown, file: string): SnapshotData {
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} is not an advisory snapshot: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
