/**
 * `npm run bench:pr -- --queue` (or BENCH_QUEUE=1): the App with its Redis queue against the
 * simulator, built server processes (`npm start`'s dist/) and a real redis-server.
 *
 * - Throughput: BENCH_QUEUE_PULLS (40) pull requests of BENCH_QUEUE_FILES (10) generated Python
 *   modules each, opened at once, through one web process to 1, 2 and 4 worker processes
 *   (BENCH_QUEUE_WORKERS; FLASKGUARD_CONCURRENCY 4 each), and through one in-process App (the
 *   default, no Redis) for comparison: reviews per minute from the first webhook sent to the last
 *   check run completed. Each setup is started once and warmed up with a batch that is not
 *   counted, then BENCH_RUNS (3) batches; the median is printed, with the CPU seconds a batch
 *   took in the App's processes and in this one (the simulator), which share the machine.
 * - Latency: one such pull request at a time, webhook to completed check run, alternately through
 *   the in-process App and through the queue (one web, one worker), BENCH_LATENCY_RUNS (7) of
 *   each after a warm-up; medians, and what the queue adds.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { bundledAdvisoryTable, Cluster, Stack, type AppProcess, type SimPullRequest, type SimRepository } from '../test/simulator/index.js';
import { redisServerAvailable } from '../test/support/redis-server.js';
import { BASE, median, openPulls } from './pull-request-fixture.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PULLS = Number(process.env.BENCH_QUEUE_PULLS ?? 40);
const FILES = Number(process.env.BENCH_QUEUE_FILES ?? 10);
const WORKERS = (process.env.BENCH_QUEUE_WORKERS ?? '1,2,4').split(',').map(Number);
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 7);
const CONCURRENCY = '4';
const advisories = bundledAdvisoryTable();

interface Batch {
  ms: number;
  /** CPU seconds of the App's processes (web and workers, or the one in-process App). */
  appCpu: number;
  /** CPU seconds of this process: the simulator (and the benchmark's own small part). */
  simulatorCpu: number;
  /** How busy the machine's cores were, whoever used them (other jobs too): 1 is every core all the time. */
  machineBusy: number;
}

/** Busy and total ticks of all cores so far (Linux: the first line of /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] as string).trim().split(/\s+/).slice(1).map(Number) as number[];
  const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  return { busy, total: busy + (idle ?? 0) + (iowait ?? 0) };
}

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

  private get processes(): readonly AppProcess[] {
    return this.stack instanceof Cluster ? [...this.stack.webs, ...this.stack.workers] : [this.stack.app];
  }

  /** Delivers every pull request's webhook at once; resolves with the time until the last check run completed, and the CPU it took. */
  async review(pulls: readonly SimPullRequest[]): Promise<Batch> {
    const { stack } = this;
    const appCpu = () => this.processes.reduce((sum, app) => sum + app.cpuSeconds(), 0);
    const cpuBefore = { app: appCpu(), simulator: process.cpuUsage(), machine: machineTicks() };
    const started = performance.now();
    const deliveries = await Promise.all(pulls.map((p) => stack.app.deliver(stack.sim.payloads.pullRequest(p, 'opened'))));
    const refused = deliveries.filter((d) => d.status !== 200);
    if (refused.length > 0) throw new Error(`the App refused ${refused.length} deliveries: ${refused[0]?.status} ${refused[0]?.body}`);
    await stack.sim.until(() => pulls.every((p) => stack.completedRuns(p.repository, p.headSha).length > 0), `${pulls.length} completed check runs`, 600_000);
    const ms = performance.now() - started;
    const simulator = process.cpuUsage(cpuBefore.simulator);
    const machine = machineTicks();
    const machineBusy = (machine.busy - cpuBefore.machine.busy) / Math.max(1, machine.total - cpuBefore.machine.total);
    const batch = { ms, appCpu: appCpu() - cpuBefore.app, simulatorCpu: (simulator.user + simulator.system) / 1e6, machineBusy };
    const runs = pulls.flatMap((p) => stack.completedRuns(p.repository, p.headSha));
    // A review that could not finish (neutral: busy, failed) would not be a review per minute.
    const odd = runs.filter((r) => r.conclusion === 'neutral' || r.conclusion === 'cancelled');
    if (runs.length !== pulls.length || odd.length > 0) throw new Error(`expected one finished check run per pull request, got ${runs.length} (${odd.map((r) => `${r.conclusion}: ${r.output.title}`).join('; ')})`);
    if (stack.sim.store.violations.length > 0) throw new Error(`requests GitHub would refuse: ${JSON.stringify(stack.sim.store.violations.slice(0, 3))}`);
    await stack.idle(60_000);
    return batch;
  }
}

function startInProcess(): Promise<Stack> {
  return Stack.start({ advisories, entry: 'build', env: { FLASKGUARD_CONCURRENCY: CONCURRENCY } });
}

function startCluster(workers: number): Promise<Cluster> {
  return Cluster.start({ advisories, entry: 'build', webs: 1, workers, workerEnv: { FLASKGUARD_CONCURRENCY: CONCURRENCY } });
}

/** The batches after the warm-up. */
async function throughput(stack: Stack, warmUp: number): Promise<Batch[]> {
  try {
    const setup = await Setup.start(stack);
    await setup.review(await setup.open(warmUp));
    const batches: Batch[] = [];
    for (let run = 0; run < RUNS; run++) batches.push(await setup.review(await setup.open(PULLS)));
    return batches;
  } finally {
    await stack.stop();
  }
}

export async function queueBenchmark(): Promise<void> {
  if (!redisServerAvailable()) throw new Error('the queue mode needs redis-server (Debian: apt-get install -y redis-server)');
  console.log(`FlaskGuard queue benchmark: ${PULLS} pull requests of ${FILES} generated modules (+1 file) opened at once; ${RUNS} batches per setup after a warm-up, medians`);
  console.log(`machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; every process (simulator, Redis, web, workers) shares these cores\n`);
  console.log('setup                                   reviews/min  CPU s: App  simulator  machine busy  (reviews/min of each batch)');
  const row = (name: string, batches: Batch[]) => {
    const perMinute = batches.map((b) => PULLS / (b.ms / 60_000));
    const cpu = (pick: (b: Batch) => number) => median(batches.map(pick)).toFixed(1);
    console.log(`${name.padEnd(38)}  ${median(perMinute).toFixed(0).padStart(11)}  ${cpu((b) => b.appCpu).padStart(10)}  ${cpu((b) => b.simulatorCpu).padStart(9)}  ${`${(median(batches.map((b) => b.machineBusy)) * 100).toFixed(0)} %`.padStart(12)}  (${perMinute.map((v) => v.toFixed(0)).join(', ')})`);
  };
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
      samples.inProcess.push((await inProcess.review(await inProcess.open(1))).ms);
      samples.queued.push((await queued.review(await queued.open(1))).ms);
    }
    const [a, b] = [median(samples.inProcess), median(samples.queued)];
    console.log(`in-process ${a.toFixed(0)} ms, queue (1 web, 1 worker) ${b.toFixed(0)} ms: the queue adds ${(b - a).toFixed(0)} ms`);
    console.log(`samples in-process: ${samples.inProcess.map((v) => v.toFixed(0)).join(', ')}; queue: ${samples.queued.map((v) => v.toFixed(0)).join(', ')}`);
  } finally {
    await inProcess.stack.stop();
    await queued.stack.stop();
  }
}
