/**
 * `npm run bench:pr`: pull requests of 10, 100 and 1000 changed Python files reviewed by the
 * App's built server (`npm start`'s dist/) against the GitHub simulator, each run with a fresh App
 * process so that its peak RSS belongs to that pull request alone. For each size: the time from
 * the webhook to the completed check run, the GitHub API requests the App made, and the App's
 * peak RSS — medians of BENCH_RUNS runs (3). Writes are not spaced (FLASKGUARD_WRITE_INTERVAL_MS=0:
 * the simulator has no secondary rate limits); what GitHub's spacing would add is printed apart.
 */
import { cpus } from 'node:os';
import { bundledAdvisoryTable, Stack, type RecordedRequest } from '../test/simulator/index.js';
import { generateModules } from './generate-project.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const advisories = bundledAdvisoryTable();

const BASE = {
  'requirements.txt': 'Flask==3.1.3\nWerkzeug==3.1.9\nFlask-Login==0.6.3\nFlask-SQLAlchemy==3.1.1\nFlask-WTF==1.2.1\ngunicorn==23.0.0\n',
  'shop/__init__.py': 'from flask import Flask\n\n\ndef create_app():\n    return Flask(__name__)\n',
};

interface Sample {
  ms: number;
  requests: number;
  writes: number;
  reviews: number;
  peakRssMb: number;
  annotations: number;
  conclusion: string | null;
}

async function sample(files: number): Promise<Sample> {
  const stack = await Stack.start({ advisories, entry: 'build' });
  try {
    const repo = await stack.sim.store.createRepository({ owner: 'acme', name: 'shop', files: BASE });
    const changes = Object.fromEntries(generateModules(files).map((f) => [f.path, String(f.content)]));
    const pull = await stack.sim.store.openPullRequest(repo, { branch: 'feature', changes: { files: changes } });
    const from = stack.sim.store.requests.length;
    const started = performance.now();
    const { checkRun } = await stack.review(stack.sim.payloads.pullRequest(pull, 'opened'), pull, { timeoutMs: 300_000 });
    const ms = performance.now() - started;
    const requests: RecordedRequest[] = stack.sim.store.requests.slice(from);
    const writes = requests.filter((r) => r.method !== 'GET');
    if (stack.sim.store.violations.length > 0) throw new Error(`requests GitHub would refuse: ${JSON.stringify(stack.sim.store.violations.slice(0, 3))}`);
    return {
      ms,
      requests: requests.length,
      writes: writes.length,
      reviews: writes.filter((r) => r.route === 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews').length,
      peakRssMb: stack.app.peakRssBytes() / 1024 / 1024,
      annotations: checkRun.annotations.length,
      conclusion: checkRun.conclusion,
    };
  } finally {
    await stack.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

console.log(`FlaskGuard pull-request benchmark: ${RUNS} runs per size, medians (${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version})`);
console.log('files  webhook→completed  requests (target ≤ files+10)  peak RSS  annotations  writes (GitHub spacing would add)');
const rows: string[] = [];
for (const files of SIZES) {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) samples.push(await sample(files));
  const first = samples[0] as Sample;
  const requests = median(samples.map((s) => s.requests));
  const spacing = (first.writes - first.reviews) * 1 + first.reviews * 3;
  const row = [
    String(files).padStart(5),
    `${(median(samples.map((s) => s.ms)) / 1000).toFixed(2)} s`.padStart(17),
    `${requests} ${requests <= files + 10 ? '✓' : `✗ (${requests - files - 10} over)`}`.padStart(29),
    `${median(samples.map((s) => s.peakRssMb)).toFixed(0)} MB`.padStart(9),
    String(first.annotations).padStart(12),
    `  ${first.writes} (+${spacing} s)`,
  ].join('  ');
  rows.push(row);
  console.log(row);
}
