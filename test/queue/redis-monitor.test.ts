/**
 * The advisory monitoring with REDIS_URL against a real redis-server: replicas share one BullMQ
 * job scheduler, each tick runs once on one of the workers, the next worker knows which
 * repositories were audited, and an "audit now" (SIGUSR2) asks for the advisories again. GitHub
 * is mocked with nock (every request must match a mock and every mock must be used). Ticks are
 * driven by hand: the test promotes the scheduler's next (delayed) tick instead of waiting for it.
 */
import { Writable } from 'node:stream';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import nock from 'nock';
import { mockNoConfig } from '../app/github.js';
import { API, createTestApp, NOW, recorder, REPO_PATH, useGitHubMocks, type TestApp } from '../app/harness.js';
import { DAY, HEAD, mockAuditReads, mockInstallations, mockIssues, VULNERABLE, type IssueBody } from '../app/monitor-mocks.js';
import { BASE_REF } from '../app/payloads.js';
import { TEST_RULES } from '../app/rules.js';
import type { GitHub } from '../../src/github/client.js';
import { reviewEnvironment } from '../../src/handlers/services.js';
import { MONITOR_QUEUE_NAME } from '../../src/queue/redis-keys.js';
import { RedisMonitorSchedule } from '../../src/queue/redis-monitor-schedule.js';
import { MonitorWorker } from '../../src/queue/redis-monitor-worker.js';
import { createLogger } from '../../src/server/logger.js';
import { redisOrSkip } from '../support/redis-server.js';
import { useRedisServer } from '../support/redis-lifecycle.js';

const HOUR = 3_600_000;

/** A global security advisory as GET /advisories returns it (the fields FlaskGuard reads). */
function ghsa(id: string, name: string, below: string) {
  return {
    ghsa_id: id,
    summary: `${name} ${id} summary`,
    severity: 'high',
    html_url: `https://github.com/advisories/${id}`,
    identifiers: [{ type: 'GHSA', value: id }],
    withdrawn_at: null,
    vulnerabilities: [{ package: { ecosystem: 'pip', name }, vulnerable_version_range: `< ${below}`, first_patched_version: below }],
  };
}

/** The one request of an audit to the GitHub Advisory Database: every advisory of the pinned packages. */
function mockAdvisories(github: nock.Scope, advisories: object[]) {
  github.get('/advisories').query({ ecosystem: 'pip', affects: 'flask,werkzeug', per_page: '100' }).reply(200, advisories);
}

useGitHubMocks();
const describeRedis = redisOrSkip() ? describe : describe.skip;

describeRedis('the advisory monitoring with REDIS_URL', () => {
  const redis = useRedisServer();
  const { closing } = redis;
  let queue: Queue;

  beforeEach(() => {
    queue = new Queue(MONITOR_QUEUE_NAME, { connection: { url: redis.url } });
    closing.push(() => queue.close());
  });

  /** What a web replica does at start with FLASKGUARD_MONITOR_TICK_MINUTES. */
  async function replica(): Promise<RedisMonitorSchedule> {
    const schedule = new RedisMonitorSchedule(redis.url);
    closing.push(() => schedule.close());
    await schedule.ready();
    return schedule;
  }

  /** A worker process: its own review environment (its own advisory cache), the App's clients, and its log. */
  async function worker(app: TestApp, clock: { now: number }): Promise<{ worker: MonitorWorker; ticks(): number }> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const auth = async (id?: number) => (await app.probot.auth(id)) as unknown as GitHub;
    const monitor = new MonitorWorker({
      redisUrl: redis.url,
      env: reviewEnvironment({ rules: TEST_RULES, now: () => new Date(clock.now) }),
      clients: { app: () => auth(), installation: auth },
      log: createLogger('info', sink),
    });
    closing.push(() => monitor.close());
    await monitor.ready();
    return { worker: monitor, ticks: () => lines.filter((l) => l.includes('advisory monitoring: tick done')).length };
  }

  async function schedulers(): Promise<Array<[string, number | undefined, number | undefined]>> {
    return (await queue.getJobSchedulers()).map((s) => [s.key, s.every, s.next]);
  }

  /** Waits until `count` ticks have completed. */
  async function completed(count: number): Promise<void> {
    while ((await queue.getCompletedCount()) < count) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Runs the scheduler's next tick now and waits until it has completed. */
  async function scheduledTick(count: number): Promise<void> {
    const delayed = await queue.getDelayed();
    expect(delayed).toHaveLength(1);
    await delayed[0]?.promote();
    await completed(count);
  }

  it('replicas starting with the same interval share one scheduler and its next tick; another interval replaces it; 0 removes it', async () => {
    const one = await replica();
    const two = await replica();
    await one.apply(60);
    const first = await schedulers();
    expect(first).toEqual([['advisory-monitoring', 60 * 60_000, expect.any(Number)]]);
    // The first tick is one interval away, as with the in-process timer.
    expect(first[0]?.[2]).toBeGreaterThan(Date.now() + 59 * 60_000);
    const [next] = await queue.getDelayed();

    await two.apply(60);
    expect(await schedulers()).toEqual(first);
    expect((await queue.getDelayed()).map((j) => j.id)).toEqual([next?.id]);

    await two.apply(30);
    expect(await schedulers()).toEqual([['advisory-monitoring', 30 * 60_000, expect.any(Number)]]);
    expect((await queue.getDelayed()).map((j) => [j.name, j.data])).toEqual([['advisory-tick', { force: false }]]);
    expect((await queue.getDelayed())[0]?.id).not.toBe(next?.id);

    await one.apply(0);
    expect(await schedulers()).toEqual([]);
    expect(await queue.getDelayed()).toEqual([]);
  });

  it('two workers run each tick once; the other worker knows what was audited; SIGUSR2 audits again with the advisories asked for again', async () => {
    const clock = { now: NOW.getTime() };
    const app = await createTestApp();
    const workers = [await worker(app, clock), await worker(app, clock)];
    const one = await replica();
    const two = await replica();
    await one.apply(60);
    await two.apply(60);
    const github = nock(API);

    // Tick 1: Flask 2.0.1 is affected: one worker audits and opens the issue, once.
    const created = recorder<IssueBody>();
    mockInstallations(github, { first: true, issues: 'write' });
    mockAuditReads(github, HEAD, VULNERABLE);
    mockAdvisories(github, [ghsa('GHSA-flsk-0001-aaaa', 'flask', '2.2.5')]);
    mockIssues(github, []);
    github.post(`${REPO_PATH}/issues`).reply(created.reply(201, { number: 5 }));
    await scheduledTick(1);
    expect(created.bodies.map((b) => b.title)).toEqual(['FlaskGuard: known vulnerabilities in dependencies']);
    expect(workers.map((w) => w.ticks()).sort()).toEqual([0, 1]);
    const issue = { number: 5, state: 'open', body: created.bodies[0]?.body, user: { login: 'flaskguard[bot]' } };

    // Tick 2, half a day later, on the other worker (the first one stops): the repository is not due, only its head and config are read.
    const ran = workers.find((w) => w.ticks() === 1) as (typeof workers)[number];
    const other = workers.find((w) => w !== ran) as (typeof workers)[number];
    await ran.worker.close();
    clock.now += DAY / 2;
    mockInstallations(github, { first: false, issues: 'write' });
    github.get('/app').reply(200, { id: 123, slug: 'flaskguard', name: 'FlaskGuard' }); // this worker's own look-up of the bot's name
    github.get(`${REPO_PATH}/git/ref/heads%2F${BASE_REF}`).reply(200, { object: { sha: HEAD } });
    mockNoConfig(github, HEAD);
    await scheduledTick(2);
    expect(other.ticks()).toBe(1);

    // Tick 3, a day after the audit: due; this worker asks for the advisories (its cache is empty) and, nothing being new, writes nothing.
    clock.now += DAY / 2;
    mockInstallations(github, { first: false, issues: 'write' });
    mockAuditReads(github, HEAD, VULNERABLE);
    mockAdvisories(github, [ghsa('GHSA-flsk-0001-aaaa', 'flask', '2.2.5')]);
    mockIssues(github, [issue]);
    await scheduledTick(3);

    // Tick 4, SIGUSR2 an hour later: not due and the advisories are cached, but it audits and asks again: a new Werkzeug advisory.
    clock.now += HOUR;
    const edited = recorder<IssueBody>();
    const comments = recorder<{ body: string }>();
    mockInstallations(github, { first: false, issues: 'write' });
    mockAuditReads(github, HEAD, VULNERABLE);
    mockAdvisories(github, [ghsa('GHSA-flsk-0001-aaaa', 'flask', '2.2.5'), ghsa('GHSA-wkzg-0002-bbbb', 'werkzeug', '3.0.6')]);
    mockIssues(github, [issue]);
    github.patch(`${REPO_PATH}/issues/5`).reply(edited.reply(200, { number: 5 }));
    github.post(`${REPO_PATH}/issues/5/comments`).reply(comments.reply(201, { id: 1 }));
    await one.runNow();
    await completed(4);
    expect(comments.bodies.map((c) => c.body)).toEqual([['The list changed at `c0ffeec`.', '', '**New:**', '- werkzeug 3.0.0 in `requirements.txt`: GHSA-wkzg-0002-bbbb'].join('\n')]);
    expect(other.ticks()).toBe(3);

    // Still one scheduler with one next tick: the forced tick added none.
    expect((await schedulers()).map(([key, every]) => [key, every])).toEqual([['advisory-monitoring', HOUR]]);
    expect(await queue.getDelayed()).toHaveLength(1);
  });
});
