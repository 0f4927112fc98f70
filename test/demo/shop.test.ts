/**
 * The demo's repository keeps showing what it promises as rules change: the first pull request
 * has findings in every category the rule registry covers, its later push fixes exactly the
 * debugger, and main's only problems are its old Flask and Werkzeug, which the second pull
 * request upgrades away.
 */
import { describe, expect, it } from '@jest/globals';
import { DEBUG_FIX, FEATURE, MAIN_ADDS_CORS, MAIN_FILES, MERGED_UPGRADE, UPGRADE } from '../../demo/shop.js';
import { RULES } from '../../rules/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { analyze } from '../../src/core/analyze.js';
import type { SourceFile } from '../../src/core/files.js';
import { auditDependencies, SnapshotAdvisorySource } from '../../src/deps/index.js';

const snapshot = SnapshotAdvisorySource.bundled();

async function findings(files: Record<string, string>): Promise<Array<[string, number, string]>> {
  const sources: SourceFile[] = Object.entries(files).map(([path, text]) => ({ path, content: Buffer.from(text) }));
  const analysis = analyze(sources, { rules: RULES, config: DEFAULT_CONFIG });
  const audit = await auditDependencies(sources, { source: snapshot, config: DEFAULT_CONFIG });
  return [...analysis.findings, ...audit.findings].map((f) => [f.file, f.startLine, f.ruleId] as [string, number, string]).sort();
}

function categoryOf(ruleId: string): string | undefined {
  return RULES.find((r) => r.meta.id === ruleId)?.meta.category;
}

describe('the demo repository', () => {
  it('has no problem on main but its old Flask and Werkzeug', async () => {
    expect(await findings(MAIN_FILES)).toEqual([
      ['requirements.txt', 1, 'vulnerable-dependency'],
      ['requirements.txt', 2, 'vulnerable-dependency'],
    ]);
  });

  it('gets a first pull request with findings in every category the rules cover', async () => {
    const head = await findings({ ...MAIN_FILES, ...FEATURE.files });
    const categories = new Set(head.map(([, , rule]) => categoryOf(rule)));
    expect([...categories].sort()).toEqual([...new Set(RULES.map((r) => r.meta.category))].sort());
  });

  it('gets a push that fixes the debugger and nothing else', async () => {
    const before = await findings({ ...MAIN_FILES, ...FEATURE.files });
    const after = await findings({ ...MAIN_FILES, ...FEATURE.files, ...DEBUG_FIX.files });
    expect(before.filter((f) => !after.some((g) => g.join() === f.join()))).toEqual([['run.py', 6, 'flask-run-debug']]);
    expect(after.filter((f) => !before.some((g) => g.join() === f.join()))).toEqual([]);
  });

  it('gets a second pull request that upgrades main out of its problems', async () => {
    expect(await findings({ ...MAIN_FILES, ...UPGRADE.files })).toEqual([]);
  });

  it('after the merge, gets a push to main that adds a vulnerable Flask-CORS, then the merged upgrade that leaves nothing vulnerable', async () => {
    expect(await findings({ ...MAIN_FILES, ...MAIN_ADDS_CORS.files })).toEqual([
      ['requirements.txt', 1, 'vulnerable-dependency'],
      ['requirements.txt', 2, 'vulnerable-dependency'],
      ['requirements.txt', 5, 'vulnerable-dependency'],
    ]);
    expect(await findings({ ...MAIN_FILES, ...MERGED_UPGRADE.files })).toEqual([]);
  });
});
