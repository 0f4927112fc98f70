/**
 * What a Flask security reviewer said of each finding on real code: `true` (worth a reviewer's
 * comment) or `false` (a false alarm), with the reason. Findings are matched by project, file,
 * rule and the text of the flagged line, so that the list survives unrelated line moves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';

export interface Judgement {
  project: string;
  file: string;
  rule: string;
  /** The flagged line, trimmed. */
  code: string;
  verdict: boolean;
  reason: string;
  /** A false alarm not fixed yet: it is still reported, and counted as such by `npm run realcode`. */
  open?: boolean;
}

export const JUDGED_FILE = join(PACKAGE_ROOT, 'test', 'fixtures', 'realcode', 'judged.json');

export function loadJudgements(): Judgement[] {
  return JSON.parse(readFileSync(JUDGED_FILE, 'utf8')) as Judgement[];
}

export function judgementKey(j: Pick<Judgement, 'project' | 'file' | 'rule' | 'code'>): string {
  return `${j.project}\u0000${j.file}\u0000${j.rule}\u0000${j.code}`;
}
