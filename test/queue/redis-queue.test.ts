/**
 * The BullMQ queue against a real redis-server: web replicas enqueue, workers review, GitHub is
 * mocked with nock (every request must match a mock and every mock must be used).
 */
import { describe, expect, it } from '@jest/globals';
import { Worker } from 'bullmq';
import nock from 'nock';
import { API, createTestApp, mockInstallationToken, NOW, recorder, REPO_PATH, useGitHubMocks, type CheckRunBody, type ReviewRequestBody, type TestApp } from '../app/harness.js';
import { blobSha, existingComments, holdPullFiles, mockBlob, mockNoConfig, mockPullFiles, mockRun, viewsFiles } from '../app/github.js';
import { checkRunPayload, checkSuitePayload, pullRequestPayload, pullRequestResource, pushPayload } from '../app/payloads.js';
import { TEST_RULES } from '../app/rules.js';
import type { CheckRunRef } from '../../src/github/check-runs.js';
import type { GitHub } from '../../src/github/client.js';
import { reviewEnvironment } from '../../src/handlers/services.js';
import { QUEUE_NAME } from '../../src/queue/redis-keys.js';
import { QueueUnavailable, RedisScheduler } from '../../src/queue/redis-scheduler.js';
import { ReviewWorker } from '../../src/queue/redis-worker.js';
import { WorkQueue } from '../../src/review/queue.js';
import { createLogger } from '../../src/server/logger.js';
import { redisOrSkip, startRedisServer } from '../support/redis-server.js';
import { useRedisServer } from '../support/redis-lifecycle.js';

const HEAD1 = '1111111111111111111111111111111111111111';
const HEAD2 = '2222222222222222222222222222222222222222';
const HEAD3 = '3333333333333333333333333333333333333333';
const HEAD4 = '4444444444444444444444444444444444444444';
const VIEWS = ['from flask import Flask', '', 'app = Flask(__name__)', 'SECRET_KEY = "dev"', '', 'if __name__ == "__main__":', '    app.run(debug=True)', ''].join('\n');

useGitHubMocks();
const describeRedis = redisOrSkip() ? describe : describe.skip;

describeRedis('the BullMQ queue (REDIS_URL)', () => {
  const redis = useRedisServer();
  const { closing } = redis;

  /** A web replica: the App with a RedisScheduler. */
  async function webReplica(url = redis.url, options: { attempts?: number; maxWaiting?: number } = {}): Promise<{ app: TestApp; scheduler: RedisScheduler; background: WorkQueue }> {
    const background = new WorkQueue({ concurrency: 2, maxWaiting: 10, onError: () => undefined });
    const scheduler = new RedisScheduler({ redisUrl: url, attempts: options.attempts ?? 2, maxWaiting: options.maxWaiting ?? 100, background });
    closing.push(() => scheduler.close());
    await scheduler.ready();
    return { app: await createTestApp({ scheduler }), scheduler, background };
  }

  function worker(app: TestApp, options: { concurrency?: number; lockMs?: number; maxStalls?: number; url?: string; client?: (github: GitHub) => GitHub } = {}): ReviewWorker {
    const review = new ReviewWorker({
      redisUrl: options.url ?? redis.url,
      concurrency: options.concurrency ?? 2,
      env: reviewEnvironment({ rules: TEST_RULES, now: () => NOW, dependencyAudit: false }),
      auth: async (id) => (options.client ?? ((github) => github))((await app.probot.auth(id)) as unknown as GitHub),
      log: createLogger(process.env.TEST_LOG ?? 'silent'),
      ...(options.lockMs !== undefined && { lockMs: options.lockMs }),
      ...(options.maxStalls !== undefined && { maxStalls: options.maxStalls }),
    });
    closing.push(() => review.close());
    return review;
  }

  /** Waits until the web replicas' lookups are done and the queue is empty. */
  async function settled(web: { scheduler: RedisScheduler; background: WorkQueue }): Promise<void> {
    await web.background.idle();
    for (;;) {
      const health = await web.scheduler.health();
      if (health.waiting === 0 && health.running === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('reviews a head SHA once across two web replicas and two workers; a re-run reviews again without duplicate comments', async () => {
    const one = await webReplica();
    const two = await webReplica();
    worker(one.app);
    worker(one.app);
    const github = nock(API);
    mockInstallationToken(github);
    const firstReview = recorder<ReviewRequestBody>();
    mockRun(github, { checkRunId: 1, content: VIEWS, review: firstReview, update: recorder() });
    const payload = pullRequestPayload('opened', { headSha: HEAD1 });

    await one.app.deliver('pull_request', payload, 'delivery-A');
    // A redelivery to the other replica, a second event for the same commit, a check suite: nothing is mocked for them.
    await two.app.deliver('pull_request', payload, 'delivery-A');
    await two.app.deliver('pull_request', pullRequestPayload('reopened', { headSha: HEAD1 }), 'delivery-B');
    await one.app.deliver('check_suite', checkSuitePayload('requested', { headSha: HEAD1, pullRequests: [2] }), 'delivery-C');
    await settled(one);

    const rerunUpdate = recorder<CheckRunBody>();
    mockInstallationToken(github); // the second replica's own token, to find the pull request of the re-run
    github.get(`${REPO_PATH}/pulls/2`).reply(200, pullRequestResource({ number: 2, headSha: HEAD1 }));
    mockRun(github, { checkRunId: 3, content: VIEWS, comments: existingComments(firstReview.bodies[0]?.comments ?? [], 1001), update: rerunUpdate });
    await two.app.deliver('check_run', checkRunPayload({ headSha: HEAD1, pullRequests: [2] }), 'delivery-D');
    await settled(two);

    expect(firstReview.bodies).toHaveLength(1);
    expect(rerunUpdate.bodies[0]).toMatchObject({ conclusion: 'failure' });
    expect(rerunUpdate.bodies[0]?.output?.summary).toContain('2 already commented on earlier pushes');
  });

  it('a newer head SHA supersedes a queued review (never run) and a running one (its check run ends "Superseded by …")', async () => {
    const web = await webReplica();
    const github = nock(API);
    mockInstallationToken(github);
    // Queued: HEAD1 waits while no worker runs, HEAD2 arrives; only HEAD2 is reviewed.
    await web.app.deliver('pull_request', pullRequestPayload('synchronize', { headSha: HEAD1 }));
    await web.app.deliver('pull_request', pullRequestPayload('synchronize', { headSha: HEAD2 }));
    const update2 = recorder();
    mockRun(github, { checkRunId: 2, content: VIEWS, review: recorder(), update: update2 });
    worker(web.app);
    await settled(web);
    expect(update2.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });

    // Running: pull request 3's review of HEAD3 waits on its file list when HEAD4 arrives.
    const oldUpdate = recorder();
    github.post(`${REPO_PATH}/check-runs`, (b: { head_sha: string }) => b.head_sha === HEAD3).reply(201, { id: 31 });
    mockNoConfig(github);
    const { reached: atFiles, release: releaseFiles } = holdPullFiles(github, 3, viewsFiles(VIEWS));
    github.patch(`${REPO_PATH}/check-runs/31`).reply(oldUpdate.reply(200, {}));
    const newUpdate = recorder();
    mockRun(github, { checkRunId: 32, content: VIEWS, review: recorder(), update: newUpdate, number: 3 });
    await web.app.deliver('pull_request', pullRequestPayload('synchronize', { number: 3, headSha: HEAD3 }));
    await atFiles;
    await web.app.deliver('pull_request', pullRequestPayload('synchronize', { number: 3, headSha: HEAD4 }));
    // The newer review runs on the second worker slot; the older one sees its abort once its request returns.
    await new Promise<void>((resolve) => setImmediate(resolve));
    releaseFiles();
    await settled(web);

    expect(oldUpdate.bodies).toEqual([
      { status: 'completed', conclusion: 'cancelled', completed_at: expect.any(String), output: { title: 'Superseded by 4444444', summary: expect.stringContaining(HEAD4) } },
    ]);
    expect(newUpdate.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('past FLASKGUARD_QUEUE_LIMIT waiting jobs a new commit gets a neutral "FlaskGuard is busy" check run; a newer commit of a waiting pull request takes its place', async () => {
    const web = await webReplica(redis.url, { maxWaiting: 1 });
    const github = nock(API);
    mockInstallationToken(github);
    await web.app.deliver('pull_request', pullRequestPayload('opened', { number: 2, headSha: HEAD1 }));

    let reported!: (body: CheckRunBody) => void;
    const busy = new Promise<CheckRunBody>((resolve) => (reported = resolve));
    github.post(`${REPO_PATH}/check-runs`).reply(async (req: Request) => {
      reported((await req.json()) as CheckRunBody);
      return [201, { id: 9 }];
    });
    await web.app.deliver('pull_request', pullRequestPayload('opened', { number: 3, headSha: HEAD3 }));
    expect(await busy).toEqual({
      name: 'FlaskGuard',
      head_sha: HEAD3,
      status: 'completed',
      conclusion: 'neutral',
      completed_at: NOW.toISOString(),
      output: { title: 'FlaskGuard is busy', summary: expect.stringContaining('Re-run this check in a few minutes') },
    });
    // A second event for the waiting commit is not "busy" (nothing is mocked for it); a newer commit of its pull request replaces it.
    await web.app.deliver('pull_request', pullRequestPayload('reopened', { number: 2, headSha: HEAD1 }));
    await web.app.deliver('pull_request', pullRequestPayload('synchronize', { number: 2, headSha: HEAD2 }));

    const update2 = recorder();
    mockRun(github, { checkRunId: 2, content: VIEWS, review: recorder(), update: update2 });
    worker(web.app);
    await settled(web);
    expect(update2.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });

    // With room again, the commit that was turned away is reviewed at its next event.
    const update3 = recorder();
    mockRun(github, { checkRunId: 3, content: VIEWS, review: recorder(), update: update3, number: 3 });
    await web.app.deliver('pull_request', pullRequestPayload('reopened', { number: 3, headSha: HEAD3 }));
    await settled(web);
    expect(update3.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  /**
   * A worker that takes the next job and is never heard of again (it renews no lock), as if
   * SIGKILLed; `checkRun`: the check run it created and kept in the job.
   */
  async function deadWorkerTakesJob(checkRun?: CheckRunRef) {
    const dead = new Worker(QUEUE_NAME, null, { connection: { url: redis.url }, lockDuration: 300 });
    closing.push(() => dead.close(true));
    const job = await dead.getNextJob('dead-worker-token');
    if (checkRun) await job?.updateData({ ...job.data, checkRun });
    return job;
  }

  /** A review of pull request #2 (app/views.py) that a taken-over job runs in check run 7, an earlier attempt's: its review and check-run updates are recorded. */
  function mockReviewInCheckRun7(github: nock.Scope) {
    mockNoConfig(github);
    mockPullFiles(github, 2, viewsFiles(VIEWS));
    mockBlob(github, 'app/views.py', VIEWS);
    github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    const review = recorder<ReviewRequestBody>();
    github.post(`${REPO_PATH}/pulls/2/reviews`).reply(review.reply(200, { id: 1 }));
    const update = recorder();
    github.patch(`${REPO_PATH}/check-runs/7`).reply(update.reply(200, {}));
    return { review, update };
  }

  it('a job whose worker died is taken over by another worker, which completes the check run the dead one created', async () => {
    const web = await webReplica();
    await web.app.deliver('pull_request', pullRequestPayload('opened', { headSha: HEAD1 }));
    // The dead worker: it takes the job, creates check run 7, and is never heard of again (no lock renewal).
    const job = await deadWorkerTakesJob({ id: 7, htmlUrl: 'https://github.com/Codertocat/Hello-World/runs/7' });
    expect(job?.id).toBe(`review|Codertocat/Hello-World#2|${HEAD1}`);

    const github = nock(API);
    mockInstallationToken(github);
    github.get(`${REPO_PATH}/check-runs/7`).reply(200, { id: 7, status: 'in_progress' });
    const { review, update } = mockReviewInCheckRun7(github);
    worker(web.app, { lockMs: 300 });
    await settled(web);

    expect(review.bodies).toHaveLength(1);
    expect(update.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('a job whose worker died after completing its check run (before the queue heard of it) is taken over and left as it is: no second review, no update', async () => {
    const web = await webReplica();
    await web.app.deliver('pull_request', pullRequestPayload('opened', { headSha: HEAD1 }));
    await deadWorkerTakesJob({ id: 7 });

    // The only requests the taker may send (any other is unmatched, and fails the test): a token and reading check run 7, which says completed.
    const github = nock(API);
    mockInstallationToken(github);
    github.get(`${REPO_PATH}/check-runs/7`).reply(200, { id: 7, status: 'completed', conclusion: 'failure' });
    worker(web.app, { lockMs: 300 });
    await settled(web);
  });

  /** The first FlaskGuard check run the takeover must find, beside one of another job (a re-run) on the same commit. */
  const listedRuns = (jobId: string) => ({
    total_count: 2,
    check_runs: [
      { id: 8, name: 'FlaskGuard', head_sha: HEAD1, external_id: `${jobId}|rerun|delivery-X`, status: 'completed', html_url: 'https://github.com/Codertocat/Hello-World/runs/8' },
      { id: 7, name: 'FlaskGuard', head_sha: HEAD1, external_id: jobId, status: 'in_progress', html_url: 'https://github.com/Codertocat/Hello-World/runs/7' },
    ],
  });
  const LOOKUP = { check_name: 'FlaskGuard', filter: 'all', per_page: '100' };

  it('a worker killed after GitHub created its check run but before the job kept the id: the next worker finds that check run by its external_id and completes it, creating none', async () => {
    const web = await webReplica();
    await web.app.deliver('pull_request', pullRequestPayload('opened', { headSha: HEAD1 }));
    const jobId = `review|Codertocat/Hello-World#2|${HEAD1}`;
    const github = nock(API);
    mockInstallationToken(github);
    const created = recorder();
    github.post(`${REPO_PATH}/check-runs`).reply(created.reply(201, { id: 7, html_url: 'https://github.com/Codertocat/Hello-World/runs/7' }));
    // The dying worker: once GitHub has answered the create it stops renewing its lock and never goes on (as if SIGKILLed).
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    const dying: ReviewWorker = worker(web.app, {
      lockMs: 300,
      client: (client) => {
        client.hook.after('request', async (_response, request) => {
          if (request.method !== 'POST' || !request.url.endsWith('/check-runs')) return;
          await (dying as unknown as { worker: Worker }).worker.close(true);
          died();
          await new Promise(() => undefined);
        });
        return client;
      },
    });
    await dead;
    expect(created.bodies).toEqual([{ name: 'FlaskGuard', head_sha: HEAD1, external_id: jobId, status: 'in_progress', started_at: NOW.toISOString() }]);

    github.get(`${REPO_PATH}/commits/${HEAD1}/check-runs`).query(LOOKUP).reply(200, listedRuns(jobId));
    const { review, update } = mockReviewInCheckRun7(github);
    worker(web.app, { lockMs: 300 });
    await settled(web);

    expect(review.bodies).toHaveLength(1);
    expect(update.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(created.bodies).toHaveLength(1);
  });

  it('a taken-over job superseded meanwhile completes the check run its dead worker created as "Superseded by …"; the newer commit, a first attempt, sends no lookup', async () => {
    const web = await webReplica();
    await web.app.deliver('pull_request', pullRequestPayload('synchronize', { headSha: HEAD1 }));
    // The dead worker takes the job (GitHub created check run 7 for it) and keeps nothing in the job.
    const job = await deadWorkerTakesJob();
    await web.app.deliver('pull_request', pullRequestPayload('synchronize', { headSha: HEAD2 }));

    const github = nock(API);
    mockInstallationToken(github);
    github.get(`${REPO_PATH}/commits/${HEAD1}/check-runs`).query(LOOKUP).reply(200, listedRuns(job?.id as string));
    const superseded = recorder();
    github.patch(`${REPO_PATH}/check-runs/7`).reply(superseded.reply(200, {}));
    const created2 = recorder();
    github.post(`${REPO_PATH}/check-runs`).reply(created2.reply(201, { id: 9 }));
    mockNoConfig(github);
    mockPullFiles(github, 2, viewsFiles(VIEWS));
    mockBlob(github, 'app/views.py', VIEWS);
    github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    github.post(`${REPO_PATH}/pulls/2/reviews`).reply(200, { id: 1 });
    const update2 = recorder();
    github.patch(`${REPO_PATH}/check-runs/9`).reply(update2.reply(200, {}));
    worker(web.app, { lockMs: 300, concurrency: 1 });
    await settled(web);

    expect(superseded.bodies).toEqual([
      { status: 'completed', conclusion: 'cancelled', completed_at: NOW.toISOString(), output: { title: 'Superseded by 2222222', summary: expect.stringContaining(HEAD2) } },
    ]);
    expect(created2.bodies).toEqual([{ name: 'FlaskGuard', head_sha: HEAD2, external_id: `review|Codertocat/Hello-World#2|${HEAD2}`, status: 'in_progress', started_at: NOW.toISOString() }]);
    expect(update2.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('a branch scan taken over from a dead worker that kept no check run id completes the one found by its external_id', async () => {
    const web = await webReplica();
    await web.app.deliver('push', pushPayload({ after: HEAD3 }));
    const job = await deadWorkerTakesJob();
    expect(job?.id).toBe(`branch-scan|Codertocat/Hello-World|master|${HEAD3}`);

    const github = nock(API);
    mockInstallationToken(github);
    github
      .get(`${REPO_PATH}/commits/${HEAD3}/check-runs`)
      .query(LOOKUP)
      .reply(200, { total_count: 1, check_runs: [{ id: 7, name: 'FlaskGuard', head_sha: HEAD3, external_id: job?.id, status: 'in_progress' }] });
    mockNoConfig(github, HEAD3);
    const main = 'x = 1\n';
    github
      .get(`${REPO_PATH}/git/trees/${HEAD3}`)
      .query({ recursive: 'true' })
      .reply(200, { sha: HEAD3, truncated: false, tree: [{ path: 'app/main.py', mode: '100644', type: 'blob', sha: blobSha('app/main.py', main), size: main.length }] });
    mockBlob(github, 'app/main.py', main);
    const update = recorder();
    github.patch(`${REPO_PATH}/check-runs/7`).reply(update.reply(200, {}));
    worker(web.app, { lockMs: 300 });
    await settled(web);

    expect(update.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
  });

  it('a job taken from dead workers more often than allowed completes the check run they created neutral, with the reason', async () => {
    const web = await webReplica();
    await web.app.deliver('pull_request', pullRequestPayload('opened', { headSha: HEAD1 }));
    await deadWorkerTakesJob({ id: 7 });

    const github = nock(API);
    mockInstallationToken(github);
    github.get(`${REPO_PATH}/check-runs/7`).reply(200, { id: 7, status: 'in_progress' });
    let completed!: (body: CheckRunBody) => void;
    const completion = new Promise<CheckRunBody>((resolve) => (completed = resolve));
    github.patch(`${REPO_PATH}/check-runs/7`).reply(async (req: Request) => {
      completed((await req.json()) as CheckRunBody);
      return [200, {}];
    });
    worker(web.app, { lockMs: 300, maxStalls: 0 });

    expect(await completion).toEqual({
      status: 'completed',
      conclusion: 'neutral',
      completed_at: NOW.toISOString(),
      output: { title: 'FlaskGuard could not finish', summary: expect.stringContaining('stalled more than allowable limit') },
    });
  });

  it('a job taken from dead workers more often than allowed, that kept no check run id, completes the one found by its external_id', async () => {
    const web = await webReplica();
    await web.app.deliver('pull_request', pullRequestPayload('opened', { headSha: HEAD1 }));
    const job = await deadWorkerTakesJob();

    const github = nock(API);
    mockInstallationToken(github);
    github.get(`${REPO_PATH}/commits/${HEAD1}/check-runs`).query(LOOKUP).reply(200, listedRuns(job?.id as string));
    let completed!: (body: CheckRunBody) => void;
    const completion = new Promise<CheckRunBody>((resolve) => (completed = resolve));
    github.patch(`${REPO_PATH}/check-runs/7`).reply(async (req: Request) => {
      completed((await req.json()) as CheckRunBody);
      return [200, {}];
    });
    worker(web.app, { lockMs: 300, maxStalls: 0 });

    expect(await completion).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'FlaskGuard could not finish' } });
  });

  it('closing a worker (SIGTERM) lets its running review finish and leaves the queued ones in Redis', async () => {
    const web = await webReplica();
    const github = nock(API);
    mockInstallationToken(github);
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 41 });
    mockNoConfig(github);
    const { reached: atFiles, release: releaseFiles } = holdPullFiles(github, 4, viewsFiles(VIEWS));
    mockBlob(github, 'app/views.py', VIEWS);
    github.get(`${REPO_PATH}/pulls/4/comments`).query({ per_page: 100 }).reply(200, []);
    github.post(`${REPO_PATH}/pulls/4/reviews`).reply(200, { id: 1 });
    const update = recorder();
    github.patch(`${REPO_PATH}/check-runs/41`).reply(update.reply(200, {}));
    const draining = worker(web.app, { concurrency: 1 });
    await web.app.deliver('pull_request', pullRequestPayload('opened', { number: 4, headSha: HEAD1 }));
    await atFiles;
    await web.app.deliver('pull_request', pullRequestPayload('opened', { number: 5, headSha: HEAD2 }));

    const closed = draining.close();
    releaseFiles();
    await closed;

    expect(update.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(await web.scheduler.health()).toMatchObject({ running: 0, waiting: 1 });
  });

  it('health reports the queue; while Redis is down a webhook fails with status 503 and health says Redis is unreachable', async () => {
    const own = await startRedisServer();
    const web = await webReplica(own.url);
    await web.app.deliver('pull_request', pullRequestPayload('opened', { headSha: HEAD1 }));
    expect(await web.scheduler.health()).toEqual({ queue: 'redis', accepting: true, redis: 'reachable', running: 0, waiting: 1, failed: 0 });

    await own.stop();
    const delivery = web.app.deliver('pull_request', pullRequestPayload('synchronize', { headSha: HEAD2 }));
    await expect(delivery).rejects.toMatchObject({ errors: [expect.any(QueueUnavailable)] });
    await expect(delivery).rejects.toMatchObject({ errors: [{ status: 503 }] });
    expect(await web.scheduler.health()).toEqual({ queue: 'redis', accepting: false, redis: 'unreachable', running: 0, waiting: 0 });
  });

  it('a worker reconnects after Redis was stopped and started again, and reviews a job queued then; its health says what it sees', async () => {
    const own = await startRedisServer();
    const web = await webReplica(own.url);
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    const review = recorder<ReviewRequestBody>();
    mockRun(github, { checkRunId: 9, content: VIEWS, review, update });
    const reconnecting = worker(web.app, { url: own.url });
    await reconnecting.ready();
    expect(await reconnecting.health()).toEqual({ queue: 'redis', accepting: true, redis: 'reachable', running: 0, waiting: 0, failed: 0 });

    await own.stop();
    expect(await reconnecting.health()).toEqual({ queue: 'redis', accepting: false, redis: 'unreachable', running: 0, waiting: 0 });
    const restarted = await startRedisServer(own.port);
    closing.push(() => restarted.stop());
    // The web replica reconnects by itself too: once its health says so, it takes webhooks again.
    while ((await web.scheduler.health()).redis !== 'reachable') await new Promise((resolve) => setTimeout(resolve, 50));
    await web.app.deliver('pull_request', pullRequestPayload('opened', { headSha: HEAD1 }));
    await settled(web);

    expect(review.bodies).toHaveLength(1);
    expect(update.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(await reconnecting.health()).toEqual({ queue: 'redis', accepting: true, redis: 'reachable', running: 0, waiting: 0, failed: 0 });
  });
});
