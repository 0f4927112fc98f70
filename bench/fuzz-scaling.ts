/**
 * The scaling check of `npm run fuzz`: each input shape that once took quadratic time, scanned at
 * n and 4n entries (the best of two runs each). Linear work takes at most about 4× as long at 4n
 * (less, as fixed costs weigh less); quadratic work takes 16×. Over 8× is reported as a failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { WorkerResult } from './fuzz-worker.js';

interface Shape {
  name: string;
  /** Entries at the smaller size; the larger is four times as many. */
  n: number;
  files: (n: number) => Record<string, string>;
}

const LARGE_FILES = { '.flaskguard.yml': 'max_file_size_kb: 20000\n' };

const SHAPES: Shape[] = [
  { name: 'findings on one template line', n: 2_500, files: (n) => ({ 'templates/min.html': '{{ a|safe }}'.repeat(n) }) },
  { name: 'Pipfile entries', n: 5_000, files: (n) => ({ Pipfile: `[packages]\n${Array.from({ length: n }, (_, i) => `pkg${i} = '==1.0'\n`).join('')}` }) },
  { name: 'pyproject dependencies', n: 25_000, files: (n) => ({ ...LARGE_FILES, 'pyproject.toml': `[project]\nname = "x"\ndependencies = [\n${Array.from({ length: n }, (_, i) => `  "pkg${i}==1.0",\n`).join('')}]\n` }) },
  {
    name: 'uv.lock packages',
    n: 7_500,
    files: (n) => ({ ...LARGE_FILES, 'uv.lock': `version = 1\n${Array.from({ length: n }, (_, i) => `[[package]]\nname = "pkg${i}"\n${i % 2 ? 'version = "1.0"\n' : ''}source = { registry = "https://pypi.org/simple" }\n\n`).join('')}` }),
  },
  { name: 'requirements lines (ranges)', n: 10_000, files: (n) => ({ 'requirements.txt': Array.from({ length: n }, (_, i) => `pkg${i}>=1.0\n`).join('') }) },
  { name: 'Pipfile.lock entries', n: 5_000, files: (n) => ({ 'Pipfile.lock': JSON.stringify({ default: Object.fromEntries(Array.from({ length: n }, (_, i) => [`pkg${i}`, { version: '==1.0' }])) }, null, 4) }) },
];

function timeScan(workerPath: string, files: Record<string, string>): number {
  const dir = mkdtempSync(join(tmpdir(), 'flaskguard-scaling-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const best = [0, 1].map(() => {
      const run = spawnSync(process.execPath, [workerPath, dir, 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as WorkerResult;
      return result.ms;
    });
    return Math.min(...best);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints a line per shape; false when one grows faster than linear. */
export function checkScaling(workerPath: string): boolean {
  const lines = ['Scaling (scan time at n and 4n entries; linear ≤ 4×, quadratic 16×, over 8× fails):'];
  let ok = true;
  for (const shape of SHAPES) {
    const small = timeScan(workerPath, shape.files(shape.n));
    const large = timeScan(workerPath, shape.files(shape.n * 4));
    const ratio = large / small;
    if (ratio > 8) ok = false;
    lines.push(`  ${shape.name}: ${shape.n.toLocaleString('en-US')} → ${(shape.n * 4).toLocaleString('en-US')}: ${small.toFixed(0)} ms → ${large.toFixed(0)} ms (${ratio.toFixed(1)}×)${ratio > 8 ? '  FAILS' : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return ok;
}
