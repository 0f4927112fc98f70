/**
 * `npm run bench:cli [-- --real | DIR] [--readme]`, also the last part of `npm run bench -- --real` (or
 * `-- DIR`): the whole command line as a user runs it, start-up included. On each tree (with
 * `--real` Debian's Flask applications and the generated project; else DIR, or the generated
 * project) it runs, interleaved, each a fresh process pinned to one core under GNU time:
 * tree-sitter parsing of every Python file once (a process of its own, bench/parse-only.ts),
 * `flaskguard scan DIR --format json`, and the same scan with FLASKGUARD_TIMING=json for the
 * breakdown by phase; and `bandit -r` on the same tree when Bandit is installed. Prints Markdown
 * tables of medians; `--readme` also puts them into README's Performance section.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** A short name for the tables. */
  name: string;
  /** What it is, said under the tables. */
  about: string;
  dir: string;
  temporary: boolean;
}

/** The trees to run on, each written out only when its turn comes. */
function trees(arg: string | undefined): (() => Tree)[] {
  const generated = (): Tree => ({ name: 'generated project', about: 'bench/generate-project.ts, an app factory, blueprints, models, forms and services', dir: writeTree('flaskguard-generated-', generateProject(100_000)), temporary: true });
  const real = (): Tree => {
    const { dir, projects } = realTree();
    return { name: "Debian's Flask applications", about: `${projects.length} of them: ${projects.join(', ')}`, dir, temporary: true };
  };
  if (arg === '--real') return [real, generated];
  return arg ? [() => ({ name: arg, about: 'the folder given', dir: arg, temporary: false })] : [generated];
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

interface TreeResult {
  tree: Tree;
  files: number;
  lines: number;
  analyzed: number;
  findings: number;
  parse: Medians;
  scan: Medians;
  bandit?: { runs: number; files: number; version: string; times: Medians };
  timed: { total: number; report: TimingReport }[];
}

function benchTree(tree: Tree, pin: readonly string[]): TreeResult {
  const work = mkdtempSync(join(tmpdir(), 'flaskguard-bench-out-'));
  try {
    const report = join(work, 'report.json');
    const scan = [process.execPath, CLI, 'scan', tree.dir, '--format', 'json', '--output', report];
    const parse: Measured[] = [];
    const whole: Measured[] = [];
    const timed: TreeResult['timed'] = [];
    const bandit: Measured[] = [];
    const banditOut = join(work, 'bandit.json');
    const banditRuns = isInstalled('bandit') ? BANDIT_RUNS : 0;
    // Bandit's runs are interleaved with the others too, so that the machine's load weighs on both sides of the ratio.
    for (let i = 0; i < Math.max(RUNS, banditRuns); i++) {
      if (i < banditRuns) bandit.push(measure(['bandit', '-r', '-q', '-f', 'json', '-o', banditOut, tree.dir], pin, { accept: [0, 1] }));
      if (i >= RUNS) continue;
      parse.push(measure([process.execPath, PARSE_ONLY, tree.dir], pin));
      whole.push(measure(scan, pin, { accept: [0, 1] }));
      const run = measure(scan, pin, { accept: [0, 1], env: { ...process.env, FLASKGUARD_TIMING: 'json' } });
      timed.push({ total: run.cpuMs, report: JSON.parse(run.stderr.trim().split('\n').pop() ?? '') as TimingReport });
    }
    const { files, lines } = JSON.parse(parse[0]?.stdout ?? '') as { files: number; lines: number };
    const { summary } = JSON.parse(readFileSync(report, 'utf8')) as { summary: { findings: number; filesAnalyzed: number } };
    const result: TreeResult = { tree, files, lines, analyzed: summary.filesAnalyzed, findings: summary.findings, parse: medians(parse), scan: medians(whole), timed };
    if (banditRuns > 0) result.bandit = banditResult(bandit, banditOut);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Bandit's times, with how many files it read (its JSON report's metrics, one entry per file). */
function banditResult(samples: readonly Measured[], out: string): NonNullable<TreeResult['bandit']> {
  const metrics = (JSON.parse(readFileSync(out, 'utf8')) as { metrics: Record<string, unknown> }).metrics;
  const version = /bandit ([\d.]+)/.exec(execFileSync('bandit', ['--version'], { encoding: 'utf8' }))?.[1] ?? '';
  return { runs: samples.length, files: Object.keys(metrics).filter((k) => k !== '_totals').length, version, times: medians(samples) };
}

function timesTable(results: readonly TreeResult[]): string[] {
  const out = ['| | wall | CPU (user + sys) | Python lines/s (CPU) | peak RSS |', '|---|---|---|---|---|'];
  const row = (name: string, m: Medians, lines: number) => `| ${name} | ${ms(m.wallMs)} | ${ms(m.cpuMs)} | ${perSecond(lines, m.cpuMs)} | ${mb(m.maxRssMb)} |`;
  for (const r of results) {
    out.push(`| **${r.tree.name}**: ${r.files.toLocaleString('en')} Python files, ${r.lines.toLocaleString('en')} lines | | | | |`);
    out.push(row(`tree-sitter parse only, own process (${RUNS} runs)`, r.parse, r.lines));
    out.push(row(`\`flaskguard scan --format json\` (${RUNS} runs)`, r.scan, r.lines));
    out.push(`| **ratio scan / parse only** | ${times(r.scan.wallMs / r.parse.wallMs)} | **${times(r.scan.cpuMs / r.parse.cpuMs)}** | | ${times(r.scan.maxRssMb / r.parse.maxRssMb)} |`);
    if (!r.bandit) continue;
    const b = r.bandit;
    out.push(row(`\`bandit -r\` ${b.version} (${b.runs} runs${b.files === r.files ? '' : `; it read ${b.files} files`})`, b.times, r.lines));
    out.push(`| **ratio Bandit / FlaskGuard** | ${times(b.times.wallMs / r.scan.wallMs)} | **${times(b.times.cpuMs / r.scan.cpuMs)}** | | |`);
  }
  return out;
}

/**
 * The phases of the timed runs (medians of each): start-up until the first phase began, as the
 * process counts it; exit is what GNU time counted beyond that (at exit Node finalizes every
 * syntax tree still referenced, which tree-sitter frees one by one).
 */
function phasesTable(results: readonly TreeResult[]): string[] {
  const rowsOf = (runs: TreeResult['timed']): [string, number][] => {
    const phaseOf = (name: string) => median(runs.map((r) => r.report.phases.find((p) => p.name === name)?.cpuMs ?? 0));
    const own = (r: TreeResult['timed'][number]) => r.report.startUp.cpuMs + r.report.phases.reduce((n, p) => n + p.cpuMs, 0);
    return [
      ['start-up (Node, loading the CLI, arguments, config)', median(runs.map((r) => r.report.startUp.cpuMs))],
      ...(runs[0]?.report.phases ?? []).map((p): [string, number] => [p.name, phaseOf(p.name)]),
      ['exit (the run less start-up and phases)', median(runs.map((r) => r.total - own(r)))],
      ['whole run (with timing on)', median(runs.map((r) => r.total))],
    ];
  };
  const columns = results.map((r) => rowsOf(r.timed));
  const out = [`| phase | ${results.map((r) => `${r.tree.name} | share`).join(' | ')} |`, `|---|${results.map(() => '---|---|').join('')}`];
  for (const [i, [name]] of (columns[0] ?? []).entries()) {
    const cells = columns.map((rows) => {
      const total = rows[rows.length - 1]?.[1] || 1;
      const cpuMs = rows[i]?.[1] ?? 0;
      return `${ms(cpuMs)} | ${((100 * cpuMs) / total).toFixed(0)}%`;
    });
    out.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return out;
}

function slowestRules(result: TreeResult): string {
  const runs = result.timed;
  const slowest = (runs[0]?.report.rules ?? [])
    .map(({ name }) => ({ name, cpuMs: median(runs.map((r) => r.report.rules.find((x) => x.name === name)?.cpuMs ?? 0)) }))
    .sort((a, b) => b.cpuMs - a.cpuMs)
    .slice(0, 5);
  return `${result.tree.name}: ${slowest.map((r) => `${r.name} ${ms(r.cpuMs)}`).join(', ')}`;
}

/** README's figures sit between these lines; `--readme` replaces them with this run's. */
const BEGIN = '<!-- npm run bench:cli -- --real --readme: begin -->';
const END = '<!-- npm run bench:cli -- --real --readme: end -->';

function writeReadme(text: string): void {
  const path = join(PACKAGE_ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const from = readme.indexOf(BEGIN);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${BEGIN} … ${END} block to replace`);
  writeFileSync(path, `${readme.slice(0, from + BEGIN.length)}\n${text}\n${readme.slice(to)}`);
  console.log(`\nREADME.md: figures replaced`);
}

ensureGnuTime();
const pin = pinning();
const args = process.argv.slice(2);
const results: TreeResult[] = [];
for (const write of trees(args.find((a) => a !== '--readme'))) {
  const tree = write();
  try {
    results.push(benchTree(tree, pin));
  } finally {
    if (tree.temporary) rmSync(tree.dir, { recursive: true, force: true });
  }
}
const text = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'a CPU'} (${cpus().length} cores, shared), Node ${process.version}: every run a fresh process ` +
    `${pin.length > 0 ? `pinned to one core (\`taskset -c ${CPU}\`)` : 'NOT pinned to one core (taskset missing or refused)'}, ` +
    'measured by GNU time (wall time, user + system CPU time and peak RSS of the child), the runs interleaved; medians.',
  '',
  ...timesTable(results),
  '',
  `Phases of \`flaskguard scan\`, from ${RUNS} more runs of each with \`FLASKGUARD_TIMING=json\` (CPU time, medians):`,
  '',
  ...phasesTable(results),
  '',
  `Slowest rules (CPU, medians) — ${results.map(slowestRules).join('; ')}.`,
  '',
  results.map((r) => `${r.tree.name}: ${r.tree.about}; \`flaskguard scan\` analyzed ${r.analyzed.toLocaleString('en')} files (templates and deployment files besides the Python) and reported ${r.findings} findings.`).join('\n\n'),
].join('\n');
console.log(`\n${text}`);
if (args.includes('--readme')) writeReadme(text);
