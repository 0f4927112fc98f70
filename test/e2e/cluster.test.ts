/**
 * The App scaled out: two web and three worker processes of the real server, one Redis, one
 * simulator. Fifty pull requests are opened at once, their webhooks spread over both web
 * processes, some redelivered (same delivery id, to the same and to the other web process), and
 * the worker that holds one review mid-run (the simulator holds that pull request's file list) is
 * killed with SIGKILL, and so is the worker whose check run of another pull request GitHub has
 * created but not yet answered. Every head SHA gets one check run, completed; no review comment is
 * doubled; other workers complete the killed workers' reviews in the check runs they had created
 * (one kept in the job, the other found by its external_id).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Cluster, untilLogged, type AppProcess, type SimPullRequest, type SimRepository } from '../simulator/index.js';
import { redisOrSkip } from '../support/redis-server.js';
import { commentsOf } from './expect.js';
import { ADVISORIES, BASE_FILES, HEAD_CHANGES } from './scenario.js';

const PULLS = 50;
/** The pull request whose review is held mid-run, then its worker killed. */
const HELD = 7;
/** The pull request whose check run is created but not answered, then its worker killed. */
const UNANSWERED = 13;
const CREATE = 'POST /repos/{owner}/{repo}/check-runs';
/** Every fifth delivery is redelivered, to both web processes. */
const REDELIVER_EVERY = 5;
const FILES = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
const FINDINGS = ['hardcoded-secret-key', 'flask-run-debug', 'vulnerable-dependency'];

const describeRedis = redisOrSkip() ? describe : describe.skip;

describeRedis('a cluster: two web and three worker processes sharing one Redis', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({
      advisories: ADVISORIES,
      webs: 2,
      workers: 3,
      // A dead worker's job is taken over within seconds, not the default 30 s.
      env: { FLASKGUARD_JOB_LOCK_SECONDS: '1', FLASKGUARD_MONITOR_TICK_MINUTES: '0' },
      // Several reviews per worker: the killed workers leave others unfinished too.
      workerEnv: { FLASKGUARD_CONCURRENCY: '3' },
    });
  }, 90_000);

  afterEach(() => {
    expect(cluster.sim.store.violations).toEqual([]);
    expect(cluster.sim.store.responseViolations).toEqual([]);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  /** The processes' JSON log lines with this message. */
  const logged = (apps: readonly AppProcess[], msg: string) => apps.flatMap((app) => app.logs.filter((line) => line.includes(`"msg":"${msg}"`)).map((line) => JSON.parse(line) as Record<string, unknown>));

  let repo: SimRepository;
  let pulls: SimPullRequest[];
  /** The workers killed mid-review. */
  let victims: AppProcess[] = [];

  it('reviews fifty pull requests once each, redeliveries and a worker killed mid-review included', async () => {
    const { sim, webs, workers } = cluster;
    repo = await sim.store.createRepository({ owner: 'acme', name: 'cluster', files: BASE_FILES });
    pulls = [];
    for (let i = 1; i <= PULLS; i++) {
      const changes = { files: { ...HEAD_CHANGES.files, [`shop/feature_${i}.py`]: `FEATURE = ${i}\n` } };
      pulls.push(await sim.store.openPullRequest(repo, { branch: `feature-${i}`, title: `Feature ${i}`, changes }));
    }
    const held = pulls[HELD - 1] as SimPullRequest;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const hold = sim.faults.inject({ route: FILES, fault: { until: released }, when: (r) => r.params.repo === repo.name && r.params.pull_number === String(held.number) });
    const unanswered = pulls[UNANSWERED - 1] as SimPullRequest;
    const unanswer = sim.faults.inject({ route: CREATE, fault: { answerAfter: released }, when: (r) => (r.body as { head_sha?: string }).head_sha === unanswered.headSha });
    const web = (i: number) => webs[i % webs.length] as AppProcess;
    const otherWeb = (i: number) => webs[(i + 1) % webs.length] as AppProcess;

    const events = pulls.map((p) => sim.payloads.pullRequest(p, 'opened'));
    const deliveries = await Promise.all(events.map((event, i) => web(i).deliver(event)));
    expect(deliveries.map((d) => d.status)).toEqual(pulls.map(() => 200));
    const again = [...events.keys()].filter((i) => i % REDELIVER_EVERY === 0);
    const redeliveries = await Promise.all(
      again.flatMap((i) => [web(i), otherWeb(i)].map((to) => to.deliver(events[i] as (typeof events)[number], { deliveryId: deliveries[i]?.id as string }))),
    );
    expect(redeliveries.map((d) => d.status)).toEqual(again.flatMap(() => [200, 200]));

    // The held review: its worker created the check run and waits on the file list. The unanswered
    // one: GitHub created its check run, its worker waits for the answer. Kill both workers.
    await Promise.all([hold.hit, unanswer.hit]);
    const { app: holder, entry: started } = await untilLogged(workers, (e) => e.msg === 'review started' && e.pr === held.number, `"review started" for #${held.number}`);
    const { app: creator } = await untilLogged(workers, (e) => e.msg === 'job taken from the queue' && e.pr === unanswered.number, `"job taken from the queue" for #${unanswered.number}`);
    const runsOf = (pull: SimPullRequest) => sim.store.checkRuns.filter((r) => r.repository === repo && r.headSha === pull.headSha);
    expect(runsOf(held).map((r) => [r.id, r.status])).toEqual([[started.checkRunId, 'in_progress']]);
    const jobId = `review|acme/cluster#${unanswered.number}|${unanswered.headSha}`;
    expect(runsOf(unanswered).map((r) => [r.status, r.externalId])).toEqual([['in_progress', jobId]]);
    const unansweredRun = runsOf(unanswered)[0]?.id;
    victims = [...new Set([holder, creator])];
    for (const victim of victims) await victim.kill();
    release();
    // Its webhook redelivered to both web processes while the job is orphaned: still nothing is queued.
    const heldAgain = await Promise.all(webs.map((to) => to.deliver(events[HELD - 1] as (typeof events)[number], { deliveryId: deliveries[HELD - 1]?.id as string })));
    expect(heldAgain.map((d) => d.status)).toEqual([200, 200]);

    await sim.until(() => pulls.every((p) => cluster.completedRuns(repo, p.headSha).length > 0), 'fifty completed check runs', 60_000);
    await cluster.idle(20_000);

    // One check run per head SHA, every one completed with the pull request's findings.
    const runs = sim.store.checkRuns.filter((r) => r.repository === repo);
    expect(runs.map((r) => r.headSha).sort()).toEqual(pulls.map((p) => p.headSha).sort());
    expect(new Set(runs.map((r) => [r.status, r.conclusion, r.output.title, r.annotations.length].join(' ')))).toEqual(new Set(['completed failure 2 critical, 1 high in 2 files 3']));
    // One review per pull request, one comment per finding.
    const reviews = sim.store.reviews.filter((r) => r.pull.repository === repo);
    expect(reviews.map((r) => r.pull.number).sort((a, b) => a - b)).toEqual(pulls.map((p) => p.number));
    expect(pulls.filter((p) => JSON.stringify(commentsOf(sim, p).map((c) => c[3])) !== JSON.stringify(FINDINGS)).map((p) => p.number)).toEqual([]);

    // The killed workers' reviews: completed by another worker, in the check runs the killed ones created.
    const survivors = workers.filter((w) => !victims.includes(w));
    const completedBy = (apps: readonly AppProcess[], pull: SimPullRequest) => logged(apps, 'review completed').filter((e) => e.pr === pull.number).map((e) => e.checkRunId);
    expect(completedBy(survivors, held)).toEqual([started.checkRunId]);
    expect(completedBy(survivors, unanswered)).toEqual([unansweredRun]);
    expect(completedBy(victims, held)).toEqual([]);
    expect(completedBy(victims, unanswered)).toEqual([]);
    expect(logged(survivors, 'check run of an earlier attempt found by its external_id').filter((e) => e.pr === unanswered.number).map((e) => e.checkRunId)).toEqual([unansweredRun]);
    for (const pull of [held, unanswered]) {
      expect(runsOf(pull)[0]?.requests.map((r) => [r.method, r.body.status])).toEqual([
        ['POST', 'in_progress'],
        ['PATCH', 'completed'],
      ]);
    }
    // Every review ran once, and again only where a killed worker had started it: no lock was lost by a live worker.
    const finished = new Set(logged(victims, 'review completed').map((e) => e.pr as number));
    const unfinished = new Set(logged(victims, 'review started').map((e) => e.pr as number).filter((pr) => !finished.has(pr)));
    expect(unfinished.has(held.number)).toBe(true);
    const startedFor = logged(workers, 'review started').map((e) => e.pr as number);
    expect(startedFor.sort((a, b) => a - b)).toEqual(pulls.flatMap((p) => (unfinished.has(p.number) ? [p.number, p.number] : [p.number])));
    // Each redelivery was recognised as one by the web process that got it.
    expect(logged(webs, 'redelivered webhook ignored')).toHaveLength(again.length * 2 + webs.length);
  }, 120_000);

  it('answers GET /health on each worker process as on the web processes: the queue (empty now) and Redis reachable', async () => {
    const alive = cluster.workers.filter((w) => !victims.includes(w));
    expect(alive).toHaveLength(cluster.workers.length - victims.length);
    const answers = await Promise.all([...cluster.webs, ...alive].map(async (app) => {
      const response = await fetch(`${app.url}/health`);
      return [response.status, await response.json()];
    }));
    const healthy = [200, { status: 'ok', queue: 'redis', redis: 'reachable', running: 0, waiting: 0, failed: 0 }];
    expect(answers).toEqual([...cluster.webs, ...alive].map(() => healthy));
    const other = await fetch(`${alive[0]?.url}/api/github/webhooks`, { method: 'POST' });
    expect(other.status).toBe(404);
  });
});
