/**
 * `npm run fuzz -- [--files N] [--seed S] [--per-project M] [--jobs J] [--no-scaling]`: generated
 * and mutated projects (see fuzz-generate.ts) scanned by the real CLI, each in a fresh process.
 * Reports crashes (an internal error, a stack trace, an exit code other than 0, 1 or 2), hangs (a
 * project over 60 s), the peak memory of any scan, and files the scan collected but neither
 * analyzed, audited nor listed as skipped; then the scaling check (fuzz-scaling.ts). A seed gives
 * the same projects on every run; `--project K` runs one of them again and keeps its directory.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject, loadSeeds, projectSeed } from './fuzz-generate.js';
import { checkScaling } from './fuzz-scaling.js';
import type { WorkerResult } from './fuzz-worker.js';

const HANG_MS = 60_000;
const FORMATS = ['text', 'sarif', 'github'];

interface Options {
  files: number;
  seed: number;
  perProject: number;
  jobs: number;
  project?: number;
  scaling: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { files: 1000, seed: 1, perProject: 50, jobs: 2, scaling: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--no-scaling') {
      options.scaling = false;
      continue;
    }
    const value = Number(argv[++i]);
    const key = { '--files': 'files', '--seed': 'seed', '--per-project': 'perProject', '--jobs': 'jobs', '--project': 'project' }[flag] as keyof Options | undefined;
    if (!key || !Number.isSafeInteger(value) || value < 0) throw new Error(`usage: npm run fuzz -- [--files N] [--seed S] [--per-project M] [--jobs J] [--project K] [--no-scaling] (bad ${flag})`);
    (options as unknown as Record<string, number>)[key] = value;
  }
  return options;
}

interface Outcome {
  project: number;
  files: number;
  wallMs: number;
  hung: boolean;
  crash?: string;
  result?: WorkerResult;
}

const workerPath = fileURLToPath(new URL('./fuzz-worker.js', import.meta.url));

/** A line of stderr that is an internal error or a stack frame, not a clear message. */
const INTERNAL = /internal error|^\s+at .+[:(]\d+:\d+\)?$|RangeError|TypeError|ReferenceError|Maximum call stack size exceeded/m;

function runWorker(dir: string, format: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; hung: boolean; wallMs: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [workerPath, dir, format], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, HANG_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, hung, wallMs: performance.now() - started });
    });
  });
}

async function fuzzProject(root: string, options: Options, project: number, seeds: ReturnType<typeof loadSeeds>): Promise<Outcome> {
  const dir = join(root, `project-${project}`);
  const files = generateProject(projectSeed(options.seed, project), options.perProject, seeds);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  const outcome: Outcome = { project, files: files.length, wallMs: 0, hung: false };
  // The JSON scan (for the accounting), then the same project in another format, each a process of its own as on a command line.
  for (const format of ['json', FORMATS[project % FORMATS.length] as string]) {
    const run = await runWorker(dir, format);
    outcome.wallMs += run.wallMs;
    if (run.hung) outcome.hung = true;
    else if (run.code !== 0) outcome.crash = `${format}: the scan's process ended with ${run.code ?? run.signal}: ${lastLines(run.stderr)}`;
    else if (INTERNAL.test(run.stderr)) outcome.crash = `${format}: ${(run.stderr.split('\n').find((l) => INTERNAL.test(l)) ?? '').slice(0, 300)}`;
    else {
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as WorkerResult;
      if (![0, 1, 2].includes(result.code)) outcome.crash = `${format}: exit code ${result.code}`;
      if (format === 'json') outcome.result = result;
      else if (outcome.result) outcome.result.maxRssKb = Math.max(outcome.result.maxRssKb, result.maxRssKb);
    }
    if (outcome.hung || outcome.crash) break;
  }
  if (options.project === undefined && !outcome.crash && !outcome.hung && (outcome.result?.unaccounted.length ?? 0) === 0) rmSync(dir, { recursive: true, force: true });
  return outcome;
}

function lastLines(text: string): string {
  return text.trim().split('\n').filter((l) => !/^\s*\d+: 0x/.test(l)).slice(-3).join(' | ').slice(0, 300);
}

/** Paths grouped by their shape (digits as N): `12 × requirements-N.in`. */
function byShape(paths: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const shape = path.replace(/^project-\d+\//, '').replace(/\d+/g, 'N');
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const repository = fileURLToPath(new URL('../..', import.meta.url));
  const seeds = loadSeeds(repository);
  const root = mkdtempSync(join(tmpdir(), `flaskguard-fuzz-${options.seed}-`));
  const projects = options.project !== undefined ? [options.project] : Array.from({ length: Math.ceil(options.files / options.perProject) }, (_, i) => i);
  const outcomes: Outcome[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < projects.length) {
      const outcome = await fuzzProject(root, options, projects[next++] as number, seeds);
      outcomes.push(outcome);
      if (outcomes.length % 20 === 0) process.stderr.write(`fuzz: ${outcomes.length}/${projects.length} projects\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  const done = outcomes.sort((a, b) => a.project - b.project);
  const results = done.flatMap((o) => (o.result ? [o.result] : []));
  const crashes = done.filter((o) => o.crash);
  const hangs = done.filter((o) => o.hung);
  const unaccounted = done.flatMap((o) => (o.result?.unaccounted ?? []).map((path) => `project-${o.project}/${path}`));
  const configRefused = results.filter((r) => r.code === 2).length;
  const peakMb = Math.max(0, ...results.map((r) => r.maxRssKb / 1024));
  const slowest = Math.max(0, ...done.map((o) => o.wallMs));
  const lines = [
    `FlaskGuard fuzz: seed ${options.seed}, ${done.reduce((n, o) => n + o.files, 0)} files in ${done.length} projects (${((performance.now() - started) / 1000).toFixed(0)} s, ${options.jobs} at a time)`,
    `  files the scans collected: ${results.reduce((n, r) => n + r.collected, 0)} · findings: ${results.reduce((n, r) => n + r.findings, 0)} · skipped with a note: ${results.reduce((n, r) => n + r.skipped, 0)} · projects whose config was refused with a clear error: ${configRefused}`,
    `  crashes: ${crashes.length}`,
    ...crashes.slice(0, 10).map((o) => `    project ${o.project}: ${o.crash}`),
    `  hangs over ${HANG_MS / 1000} s: ${hangs.length}${hangs.length ? ` (projects ${hangs.map((o) => o.project).join(', ')})` : ''}`,
    `  slowest project: ${(slowest / 1000).toFixed(1)} s (two scans: JSON and one other format, a process each)`,
    `  peak memory of a scan: ${peakMb.toFixed(0)} MB`,
    `  files neither analyzed, audited nor listed as skipped: ${unaccounted.length}`,
    ...byShape(unaccounted).map(([shape, n]) => `    ${n} × ${shape}`),
  ];
  if (crashes.length + hangs.length + unaccounted.length > 0) lines.push(`  the failing projects are kept in ${root}; run one again with --seed ${options.seed} --project K`);
  else if (options.project === undefined) rmSync(root, { recursive: true, force: true });
  process.stdout.write(`${lines.join('\n')}\n`);
  let scalingOk = true;
  if (options.scaling && options.project === undefined) scalingOk = checkScaling(workerPath);
  process.exitCode = crashes.length + hangs.length + unaccounted.length > 0 || peakMb >= 1024 || !scalingOk ? 1 : 0;
}

await main();
