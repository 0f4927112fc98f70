/**
 * `npm run bench:cli [-- --real | DIR]`, also the last part of `npm run bench -- --real` (or
 * `-- DIR`): the whole command line as a user runs it, start-up included. On each tree (with
 * `--real` Debian's Flask applications and the generated project; else DIR, or the generated
 * project) it runs, interleaved, each a fresh process pinned to one core under GNU time:
 * tree-sitter parsing of every Python file once (a process of its own, bench/parse-only.ts),
 * `flaskguard scan DIR --format json`, and the same scan with FLASKGUARD_TIMING=json for the
 * breakdown by phase; then `bandit -r` on the same tree when Bandit is installed. Prints Markdown
 * tables of medians (README's Performance section is this output).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TimingReport } from '../src/core/timing.js';
import { PACKAGE_ROOT } from '../src/version.js';
import { generateProject } from './generate-project.js';
import { CPU, ensureGnuTime, isInstalled, measure, pinning, type Measured } from './measure.js';
import { realTree } from './real-tree.js';
import { median } from './stats.js';
import { writeTree } from './write-tree.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Bandit takes several times as long: fewer runs (BENCH_BANDIT_RUNS). */
const BANDIT_RUNS = Number(process.env.BENCH_BANDIT_RUNS ?? 3);
const CLI = join(PACKAGE_ROOT, 'bin', 'flaskguard.js');
const PARSE_ONLY = fileURLToPath(new URL('./parse-only.js', import.meta.url));

interface Tree {
  label: string;
  dir: string;
  temporary: boolean;
}

/** The trees to run on, each written out only when its turn comes. */
function trees(arg: string | undefined): (() => Tree)[] {
  const generated = (): Tree => ({ label: 'the generated Flask project (bench/generate-project.ts)', dir: writeTree('flaskguard-generated-', generateProject(100_000)), temporary: true });
  const real = (): Tree => {
    const { dir, projects } = realTree();
    return { label: `Debian's Flask applications (${projects.length}: ${projects.join(', ')})`, dir, temporary: true };
  };
  if (arg === '--real') return [real, generated];
  return arg ? [() => ({ label: arg, dir: arg, temporary: false })] : [generated];
}

const ms = (n: number) => `${Math.round(n).toLocaleString('en')} ms`;
const mb = (n: number) => `${Math.round(n)} MB`;
const times = (n: number) => `${n.toFixed(2)}×`;
const perSecond = (lines: number, cpuMs: number) => Math.round(lines / (cpuMs / 1000)).toLocaleString('en');

interface Medians {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

function medians(samples: readonly Measured[]): Medians {
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)), maxRssMb: median(samples.map((s) => s.maxRssMb)) };
}

function benchTree(tree: Tree, pin: readonly string[]): void {
  const work = mkdtempSync(join(tmpdir(), 'flaskguard-bench-out-'));
  const report = join(work, 'report.json');
  const scan = [process.execPath, CLI, 'scan', tree.dir, '--format', 'json', '--output', report];
  const parse: Measured[] = [];
  const whole: Measured[] = [];
  const timed: { total: number; report: TimingReport }[] = [];
  for (let i = 0; i < RUNS; i++) {
    parse.push(measure([process.execPath, PARSE_ONLY, tree.dir], pin));
    whole.push(measure(scan, pin, { accept: [0, 1] }));
    const run = measure(scan, pin, { accept: [0, 1], env: { ...process.env, FLASKGUARD_TIMING: 'json' } });
    timed.push({ total: run.cpuMs, report: JSON.parse(run.stderr.trim().split('\n').pop() ?? '') as TimingReport });
  }
  const { files, lines } = JSON.parse(parse[0]?.stdout ?? '') as { files: number; lines: number };
  const summary = (JSON.parse(readFileSync(report, 'utf8')) as { summary: { findings: number; filesAnalyzed: number } }).summary;
  const bandit = isInstalled('bandit') ? benchBandit(tree.dir, pin, work) : undefined;
  rmSync(work, { recursive: true, force: true });

  const p = medians(parse);
  const w = medians(whole);
  console.log(`\n### ${tree.label}\n`);
  console.log(`${files.toLocaleString('en')} Python files, ${lines.toLocaleString('en')} lines; \`flaskguard scan\` analyzed ${summary.filesAnalyzed.toLocaleString('en')} files (templates and deployment files too) and reported ${summary.findings} findings.\n`);
  console.log('| | wall | CPU (user + sys) | Python lines/s (CPU) | peak RSS |');
  console.log('|---|---|---|---|---|');
  console.log(`| tree-sitter parse only, own process (${RUNS} runs) | ${ms(p.wallMs)} | ${ms(p.cpuMs)} | ${perSecond(lines, p.cpuMs)} | ${mb(p.maxRssMb)} |`);
  console.log(`| \`flaskguard scan --format json\` (${RUNS} runs) | ${ms(w.wallMs)} | ${ms(w.cpuMs)} | ${perSecond(lines, w.cpuMs)} | ${mb(w.maxRssMb)} |`);
  console.log(`| **ratio scan / parse only** | ${times(w.wallMs / p.wallMs)} | **${times(w.cpuMs / p.cpuMs)}** | | ${times(w.maxRssMb / p.maxRssMb)} |`);
  if (bandit) {
    const b = medians(bandit.samples);
    console.log(`| \`bandit -r\` ${bandit.version} (${bandit.samples.length} runs${bandit.files === files ? '' : `; it read ${bandit.files} files`}) | ${ms(b.wallMs)} | ${ms(b.cpuMs)} | ${perSecond(lines, b.cpuMs)} | ${mb(b.maxRssMb)} |`);
    console.log(`| **ratio Bandit / FlaskGuard** | ${times(b.wallMs / w.wallMs)} | **${times(b.cpuMs / w.cpuMs)}** | | |`);
  }
  console.log(`\nTargets on real code: scan within 1.5× of parse only, peak RSS at most 300 MB; Bandit at least 10× slower.\n`);
  printPhases(timed);
}

function benchBandit(dir: string, pin: readonly string[], work: string): { samples: Measured[]; files: number; version: string } {
  const out = join(work, 'bandit.json');
  const samples: Measured[] = [];
  for (let i = 0; i < BANDIT_RUNS; i++) samples.push(measure(['bandit', '-r', '-q', '-f', 'json', '-o', out, dir], pin, { accept: [0, 1] }));
  const metrics = (JSON.parse(readFileSync(out, 'utf8')) as { metrics: Record<string, unknown> }).metrics;
  const version = /bandit ([\d.]+)/.exec(execFileSync('bandit', ['--version'], { encoding: 'utf8' }))?.[1] ?? '';
  return { samples, files: Object.keys(metrics).filter((k) => k !== '_totals').length, version };
}

/** The phases of the timed runs (medians of each), start-up being the run's CPU time less its phases. */
function printPhases(runs: readonly { total: number; report: TimingReport }[]): void {
  const phaseNames = runs[0]?.report.phases.map((p) => p.name) ?? [];
  const phase = (name: string) => median(runs.map((r) => r.report.phases.find((p) => p.name === name)?.cpuMs ?? 0));
  const startUp = median(runs.map((r) => r.total - r.report.phases.reduce((n, p) => n + p.cpuMs, 0)));
  const total = median(runs.map((r) => r.total));
  console.log(`Phases of \`flaskguard scan\` (FLASKGUARD_TIMING=json, ${runs.length} more runs; CPU time, medians):\n`);
  console.log('| phase | CPU | share |');
  console.log('|---|---|---|');
  const row = (name: string, cpuMs: number) => console.log(`| ${name} | ${ms(cpuMs)} | ${((100 * cpuMs) / total).toFixed(0)}% |`);
  row('start-up and exit (run − phases)', startUp);
  for (const name of phaseNames) row(name, phase(name));
  row('whole run (with timing on)', total);
  const rules = (runs[0]?.report.rules ?? []).map((r) => r.name);
  const slowest = rules
    .map((name) => ({ name, cpuMs: median(runs.map((r) => r.report.rules.find((x) => x.name === name)?.cpuMs ?? 0)) }))
    .sort((a, b) => b.cpuMs - a.cpuMs)
    .slice(0, 5);
  console.log(`\nSlowest rules: ${slowest.map((r) => `${r.name} ${ms(r.cpuMs)}`).join(', ')}.`);
}

ensureGnuTime();
const pin = pinning();
console.log(`## Whole command-line runs\n`);
console.log(`${cpus()[0]?.model ?? 'CPU'} (${cpus().length} cores, shared), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ` +
  `every run a fresh process ${pin.length > 0 ? `pinned to CPU ${CPU} (\`taskset -c ${CPU}\`)` : 'NOT pinned to one core (taskset is missing or refused)'}, ` +
  `measured by GNU time (wall, user + system CPU, peak RSS of the child); medians, runs interleaved.`);
for (const write of trees(process.argv[2])) {
  const tree = write();
  try {
    benchTree(tree, pin);
  } finally {
    if (tree.temporary) rmSync(tree.dir, { recursive: true, force: true });
  }
}
