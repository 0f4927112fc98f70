/**
 * FlaskGuard on Debian's packaged Flask applications and libraries (see scripts/realcode.ts and
 * `npm run realcode`). Every finding at medium or high confidence must have been read by a
 * reviewer (test/fixtures/realcode/judged.json): a new one fails until it is judged, and a false
 * alarm that was fixed (judged false, not `open`) fails if it comes back.
 */
import { describe, expect, it } from '@jest/globals';
import { installedPackages } from '../scripts/realcode/assemble.js';
import { judgementKey, loadJudgements } from '../scripts/realcode/judged.js';
import { ALL_PACKAGES, REAL_PROJECTS } from '../scripts/realcode/packages.js';
import { scanProject } from '../scripts/realcode/scan.js';

const { missing } = installedPackages(ALL_PACKAGES);
const judgements = new Map(loadJudgements().map((j) => [judgementKey(j), j]));

describe('real Flask code (Debian packages)', () => {
  if (missing.length > 0) {
    it('has the packages installed', () => {
      // .ci/run installs them; elsewhere the comparison is skipped with this message.
      if (process.env.CI === 'true') throw new Error(`missing Debian packages: ${missing.join(', ')}`);
      console.warn(`real-code comparison skipped: install ${missing.join(' ')} (or run npm run realcode as root)`);
    });
    return;
  }

  it.each(REAL_PROJECTS.map((p) => [p.name, p] as const))('%s: every finding at medium or high confidence is judged, and no fixed false alarm returns', (_, project) => {
    const scan = scanProject(project);
    const reported = scan.findings.filter((f) => f.confidence !== 'low');
    const problems = reported.flatMap((f) => {
      const at = `${f.file}:${f.startLine} ${f.ruleId} (${scan.code(f)})`;
      const judged = judgements.get(judgementKey({ project: project.name, file: f.file, rule: f.ruleId, code: scan.code(f) }));
      if (!judged) return [`unjudged: ${at}`];
      if (!judged.verdict && !judged.open) return [`fixed false alarm is back: ${at} — ${judged.reason}`];
      return [];
    });
    expect(problems).toEqual([]);
  });
});
