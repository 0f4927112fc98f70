/**
 * `npm run bench:pr`: pull requests of 10, 100 and 1000 changed Python files reviewed by the
 * App's built server (`npm start`'s dist/) against the GitHub simulator, each run with a fresh App
 * process so that its peak RSS belongs to that pull request alone. For each size: the time from
 * the webhook to the completed check run, the GitHub API requests the App made, and the App's
 * peak RSS — medians of BENCH_RUNS runs (3; BENCH_SIZES=10,100,1000). Writes are not spaced
 * (FLASKGUARD_WRITE_INTERVAL_MS=0: the simulator has no secondary rate limits); what GitHub's
 * spacing would add is printed apart. `npm run bench:pr -- --queue` (or BENCH_QUEUE=1) measures the
 * Redis queue instead (pull-request-queue.ts).
 */
import { cpus } from 'node:os';
import { bundledAdvisoryTable, Stack, type RecordedRequest } from '../test/simulator/index.js';
import { generateModules } from './generate-project.js';
import { BASE, median } from './pull-request-fixture.js';
import { queueBenchmark } from './pull-request-queue.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const advisories = bundledAdvisoryTable();

interface Sample {
  ms: number;
  requests: number;
  /** Requests that fetch a page of a list (pull request files, 100 a page) or send a batch of annotations (50 a request) after the first. */
  batched: number;
  writes: number;
  reviews: number;
  peakRssMb: number;
  findings: number;
}

const LIST_FILES = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
const UPDATE_RUN = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';
const CREATE_REVIEW = 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews';
const TOKEN = 'POST /app/installations/{installation_id}/access_tokens';

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
    if (stack.sim.store.violations.length > 0) throw new Error(`requests GitHub would refuse: ${JSON.stringify(stack.sim.store.violations.slice(0, 3))}`);
    const count = (route: string) => requests.filter((r) => r.route === route).length;
    // Writes as Octokit's throttling sees them: the installation token is not one.
    const writes = requests.filter((r) => r.method !== 'GET' && r.route !== TOKEN);
    return {
      ms,
      requests: requests.length,
      batched: count(LIST_FILES) - 1 + Math.max(0, count(UPDATE_RUN) - 1),
      writes: writes.length,
      reviews: count(CREATE_REVIEW),
      peakRssMb: stack.app.peakRssBytes() / 1024 / 1024,
      findings: checkRun.annotations.length,
    };
  } finally {
    await stack.stop();
  }
}

async function sizesBenchmark(): Promise<void> {
  console.log(`FlaskGuard pull-request benchmark: ${RUNS} runs per size, medians (${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version})`);
  console.log('requests: all the App sent for the review; beyond batches = less the 2nd+ pages of the file list and the 2nd+ annotation batches (target: at most files + 10)');
  console.log('writes: POST/PATCH/GraphQL; GitHub\'s spacing (FLASKGUARD_WRITE_INTERVAL_MS=1000: 1 s, 3 s for a review) would add the seconds shown\n');
  // The simulator compiles GitHub's schemas on first use: a run that is not counted.
  await sample(10);
  console.log('files  webhook→completed  requests  beyond batches  peak RSS  annotations  writes');
  for (const files of SIZES) {
    const samples: Sample[] = [];
    for (let run = 0; run < RUNS; run++) samples.push(await sample(files));
    const first = samples[0] as Sample;
    const requests = median(samples.map((s) => s.requests));
    const beyond = median(samples.map((s) => s.requests - s.batched));
    const spacing = first.writes - first.reviews + first.reviews * 3;
    console.log(
      [
        String(files).padStart(5),
        `${(median(samples.map((s) => s.ms)) / 1000).toFixed(2)} s`.padStart(17),
        String(requests).padStart(8),
        `${beyond} ${beyond <= files + 10 ? '✓' : '✗'}`.padStart(14),
        `${median(samples.map((s) => s.peakRssMb)).toFixed(0)} MB`.padStart(8),
        String(first.findings).padStart(11),
        `${first.writes} (+${spacing} s)`.padStart(11),
      ].join('  '),
    );
  }
}

if (process.argv.includes('--queue') || process.env.BENCH_QUEUE === '1') await queueBenchmark();
else await sizesBenchmark();
