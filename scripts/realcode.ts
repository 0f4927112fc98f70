/**
 * `npm run realcode`: FlaskGuard on Flask code nobody here wrote. Installs Debian's packaged Flask
 * applications and libraries when missing (as root, with apt-get), scans each one, and prints the
 * findings per rule, per confidence and per thousand lines, each with the verdict recorded in
 * test/fixtures/realcode/judged.json ("unjudged" when a reviewer has not read it yet).
 *
 *   npm run realcode [-- --no-install] [--project NAME]... [--all]
 *   --all lists low-confidence findings too (they are counted either way).
 */
import { CONFIDENCES, type Finding } from '../src/core/types.js';
import { installedPackages } from './realcode/assemble.js';
import { installMissing } from './realcode/install.js';
import { judgementKey, loadJudgements } from './realcode/judged.js';
import { ALL_PACKAGES, REAL_PROJECTS } from './realcode/packages.js';
import { scanProject, type ProjectScan } from './realcode/scan.js';

const args = process.argv.slice(2);
const wanted = args.flatMap((a, i) => (a === '--project' && args[i + 1] ? [args[i + 1] as string] : []));
const listLow = args.includes('--all');

if (!args.includes('--no-install')) installMissing();
const { installed } = installedPackages(ALL_PACKAGES);
const projects = REAL_PROJECTS.filter((p) => (wanted.length === 0 || wanted.includes(p.name)) && p.packages.every((pkg) => installed.includes(pkg)));
const judged = new Map(loadJudgements().map((j) => [judgementKey(j), j]));

const scans: ProjectScan[] = projects.map(scanProject);
const verdictOf = (scan: ProjectScan, f: Finding) => judged.get(judgementKey({ project: scan.project.name, file: f.file, rule: f.ruleId, code: scan.code(f) }));

const rows = scans.map((s) => {
  const by = Object.fromEntries(CONFIDENCES.map((c) => [c, s.findings.filter((f) => f.confidence === c).length]));
  const falseAlarms = s.findings.filter((f) => f.confidence !== 'low' && verdictOf(s, f)?.verdict === false).length;
  const trueFindings = s.findings.filter((f) => f.confidence !== 'low' && verdictOf(s, f)?.verdict === true).length;
  const unjudged = s.findings.filter((f) => f.confidence !== 'low' && !verdictOf(s, f)).length;
  return { project: s.project.name, kind: s.project.kind, files: s.files, kloc: (s.lines / 1000).toFixed(1), ...by, withheld: s.withheld.length, 'true (≥medium)': trueFindings, 'false alarms (≥medium)': falseAlarms, 'unjudged (≥medium)': unjudged };
});
console.table(rows);

const perRule = new Map<string, Record<string, number>>();
for (const s of scans) for (const f of s.findings) {
  const counts = perRule.get(f.ruleId) ?? Object.fromEntries(CONFIDENCES.map((c) => [c, 0]));
  counts[f.confidence] = (counts[f.confidence] ?? 0) + 1;
  perRule.set(f.ruleId, counts);
}
console.table([...perRule].sort().map(([rule, counts]) => ({ rule, ...counts })));

const totalLines = scans.reduce((n, s) => n + s.lines, 0);
const reported = scans.flatMap((s) => s.findings.filter((f) => f.confidence !== 'low'));
console.log(`${scans.length} projects, ${(totalLines / 1000).toFixed(1)} kLOC: ${reported.length} findings at medium or high confidence (${((reported.length / totalLines) * 1000).toFixed(2)} per kLOC), ${scans.reduce((n, s) => n + s.findings.length - s.findings.filter((f) => f.confidence !== 'low').length, 0)} at low, ${scans.reduce((n, s) => n + s.withheld.length, 0)} withheld in development or test code.`);

for (const s of scans) {
  for (const f of s.findings) {
    if (f.confidence === 'low' && !listLow) continue;
    const verdict = verdictOf(s, f);
    const label = verdict === undefined ? 'UNJUDGED' : verdict.verdict ? 'true' : verdict.open ? 'FALSE' : 'FIXED?';
    console.log(`${label.padEnd(8)} ${s.project.name}/${f.file}:${f.startLine} ${f.ruleId} ${f.severity}/${f.confidence}  ${s.code(f).slice(0, 100)}`);
    if (verdict) console.log(`         ${verdict.reason}`);
  }
}
