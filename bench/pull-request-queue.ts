/**
 * `npm run bench:pr -- --queue` (or BENCH_QUEUE=1): the App with its Redis queue against the
 * simulator, built server processes (`npm start`'s dist/) and a real redis-server.
 *
 * - Throughput: BENCH_QUEUE_PULLS (40) pull requests of BENCH_QUEUE_FILES (10) generated Python
 *   modules each, opened at once, through one web process to 1, 2 and 4 worker processes
 *   (BENCH_QUEUE_WORKERS; FLASKGUARD_CONCURRENCY 4 each), and through one in-process App (the
 *   default, no Redis) for comparison: reviews per minute from the first webhook sent to the last
 *   check run completed. Each setup is started once and warmed up with a batch that is not
 *   counted, then BENCH_RUNS (3) batches; the median is printed.
 * - Latency: one such pull request at a time, webhook to completed check run, alternately through
 *   the in-process App and through the queue (one web, one worker), BENCH_LATENCY_RUNS (7) of
 *   each after a warm-up; medians, and what the queue adds.
 */
import { cpus } from 'node:os';
import { bundledAdvisoryTable, Cluster, Stack, type SimPullRequest, type SimRepository } from '../test/simulator/index.js';
import { redisServerAvailable } from '../test/support/redis-server.js';
import { BASE, median, openPulls } from './pull-request-fixture.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PULLS = Number(process.env.BENCH_QUEUE_PULLS ?? 40);
const FILES = Number(process.env.BENCH_QUEUE_FILES ?? 10);
const WORKERS = (process.env.BENCH_QUEUE_WORKERS ?? '1,2,4').split(',').map(Number);
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 7);
const CONCURRENCY = '4';
const advisories = bundledAdvisoryTable();

/** Opens the next pull requests of the setup's repository (numbers go on from batch to batch). */
class Setup {
  private opened = 0;

  private constructor(
    readonly stack: Stack,
    private readonly repo: SimRepository,
  ) {}

  static async start(stack: Stack): Promise<Setup> {
    return new Setup(stack, await stack.sim.store.createRepository({ owner: 'acme', name: 'shop', files: BASE }));
  }

  async open(count: number): Promise<SimPullRequest[]> {
    const pulls = await openPulls(this.stack, this.repo, count, FILES, this.opened + 1);
    this.opened += count;
    return pulls;
  }

  /** Delivers every pull request's webhook at once; resolves with the milliseconds until the last check run completed. */
  async review(pulls: readonly SimPullRequest[]): Promise<number> {
    const { stack } = this;
    const started = performance.now();
    const deliveries = await Promise.all(pulls.map((p) => stack.app.deliver(stack.sim.payloads.pullRequest(p, 'opened'))));
    const refused = deliveries.filter((d) => d.status !== 200);
    if (refused.length > 0) throw new Error(`the App refused ${refused.length} deliveries: ${refused[0]?.status} ${refused[0]?.body}`);
    await stack.sim.until(() => pulls.every((p) => stack.completedRuns(p.repository, p.headSha).length > 0), `${pulls.length} completed check runs`, 600_000);
    const ms = performance.now() - started;
    const runs = pulls.flatMap((p) => stack.completedRuns(p.repository, p.headSha));
    // A review that could not finish (neutral: busy, failed) would not be a review per minute.
    const odd = runs.filter((r) => r.conclusion === 'neutral' || r.conclusion === 'cancelled');
    if (runs.length !== pulls.length || odd.length > 0) throw new Error(`expected one finished check run per pull request, got ${runs.length} (${odd.map((r) => `${r.conclusion}: ${r.output.title}`).join('; ')})`);
    if (stack.sim.store.violations.length > 0) throw new Error(`requests GitHub would refuse: ${JSON.stringify(stack.sim.store.violations.slice(0, 3))}`);
    await stack.idle(60_000);
    return ms;
  }
}

function startInProcess(): Promise<Stack> {
  return Stack.start({ advisories, entry: 'build', env: { FLASKGUARD_CONCURRENCY: CONCURRENCY } });
}

function startCluster(workers: number): Promise<Cluster> {
  return Cluster.start({ advisories, entry: 'build', webs: 1, workers, workerEnv: { FLASKGUARD_CONCURRENCY: CONCURRENCY } });
}

/** Reviews per minute of each batch after the warm-up. */
async function throughput(stack: Stack, warmUp: number): Promise<number[]> {
  try {
    const setup = await Setup.start(stack);
    await setup.review(await setup.open(warmUp));
    const perMinute: number[] = [];
    for (let run = 0; run < RUNS; run++) perMinute.push(PULLS / ((await setup.review(await setup.open(PULLS))) / 60_000));
    return perMinute;
  } finally {
    await stack.stop();
  }
}

export async function queueBenchmark(): Promise<void> {
  if (!redisServerAvailable()) throw new Error('the queue mode needs redis-server (Debian: apt-get install -y redis-server)');
  console.log(`FlaskGuard queue benchmark: ${PULLS} pull requests of ${FILES} generated modules (+1 file) opened at once; ${RUNS} batches per setup after a warm-up, medians`);
  console.log(`machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; every process (simulator, Redis, web, workers) shares these cores\n`);
  console.log('setup                                  reviews/min (median)  batches');
  const row = (name: string, perMinute: number[]) =>
    console.log(`${name.padEnd(38)}  ${median(perMinute).toFixed(0).padStart(20)}  ${perMinute.map((v) => v.toFixed(0)).join(', ')}`);
  row(`in-process (no Redis), concurrency ${CONCURRENCY}`, await throughput(await startInProcess(), Number(CONCURRENCY)));
  for (const workers of WORKERS) {
    row(`queue: 1 web, ${workers} worker${workers > 1 ? 's' : ''} × concurrency ${CONCURRENCY}`, await throughput(await startCluster(workers), workers * Number(CONCURRENCY)));
  }

  console.log(`\nlatency of one pull request (webhook → completed check run), ${LATENCY_RUNS} of each, alternating, medians`);
  const inProcess = await Setup.start(await startInProcess());
  const queued = await Setup.start(await startCluster(1));
  try {
    const samples = { inProcess: [] as number[], queued: [] as number[] };
    for (const setup of [inProcess, queued]) await setup.review(await setup.open(1));
    for (let run = 0; run < LATENCY_RUNS; run++) {
      samples.inProcess.push(await inProcess.review(await inProcess.open(1)));
      samples.queued.push(await queued.review(await queued.open(1)));
    }
    const [a, b] = [median(samples.inProcess), median(samples.queued)];
    console.log(`in-process ${a.toFixed(0)} ms, queue (1 web, 1 worker) ${b.toFixed(0)} ms: the queue adds ${(b - a).toFixed(0)} ms`);
    console.log(`samples in-process: ${samples.inProcess.map((v) => v.toFixed(0)).join(', ')}; queue: ${samples.queued.map((v) => v.toFixed(0)).join(', ')}`);
  } finally {
    await inProcess.stack.stop();
    await queued.stack.stop();
  }
}
