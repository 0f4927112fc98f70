/**
 * `npm run bench [-- DIR | --real]`: analysis speed against tree-sitter parsing alone, on the same
 * Python files (a generated ~100,000-line Flask project, a folder given, or with `--real` the
 * Flask applications Debian packages). Each measurement runs in a
 * fresh process so that peak RSS belongs to it alone; the figures are medians of several runs,
 * parse and analysis interleaved. CPU time is what one core spends (the targets are for one core);
 * wall time is shown too, and is inflated when the machine is busy.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { realTree } from './real-tree.js';
import { median } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const worker = fileURLToPath(new URL('./analysis-worker.js', import.meta.url));
const real = process.argv[2] === '--real' ? realTree() : undefined;
const target = real?.dir ?? process.argv[2];

interface Sample {
  mode: string;
  files: number;
  lines: number;
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  findings: number;
}

function sample(mode: 'parse' | 'analyze'): Sample {
  const args = [worker, mode, ...(target ? [target] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 })) as Sample;
}

const parse: Sample[] = [];
const analyze: Sample[] = [];
for (let i = 0; i < RUNS; i++) {
  parse.push(sample('parse'));
  analyze.push(sample('analyze'));
}
const first = analyze[0] as Sample;
const parseMs = median(parse.map((s) => s.cpuMs));
const analyzeMs = median(analyze.map((s) => s.cpuMs));
const parseWall = median(parse.map((s) => s.ms));
const analyzeWall = median(analyze.map((s) => s.ms));
const rows = [
  ['input', real ? `Debian's Flask applications: ${real.projects.join(', ')}` : (target ?? 'generated Flask project')],
  ['files / lines', `${first.files} / ${first.lines}`],
  ['runs', `${RUNS} of each, median (${cpus()[0]?.model ?? 'cpu'}, node ${process.version})`],
  ['parse only', `${parseMs.toFixed(0)} ms CPU  ${Math.round(first.lines / (parseMs / 1000)).toLocaleString('en')} lines/s  (wall ${parseWall.toFixed(0)} ms)  peak RSS ${median(parse.map((s) => s.maxRssMb)).toFixed(0)} MB`],
  ['whole analysis', `${analyzeMs.toFixed(0)} ms CPU  ${Math.round(first.lines / (analyzeMs / 1000)).toLocaleString('en')} lines/s  (wall ${analyzeWall.toFixed(0)} ms)  peak RSS ${median(analyze.map((s) => s.maxRssMb)).toFixed(0)} MB  (${first.findings} findings)`],
  ['analysis / parse', `${(analyzeMs / parseMs).toFixed(2)}× CPU  (${(analyzeWall / parseWall).toFixed(2)}× wall)`],
];
for (const [k, v] of rows) console.log(`${(k as string).padEnd(18)} ${v}`);
if (real) rmSync(real.dir, { recursive: true, force: true });
