/**
 * The worker role: takes review and branch-scan jobs from the BullMQ queue and runs them with an
 * installation client. A job's check run is kept in the job's data, so the attempt that picks up
 * a stalled job (its worker was killed) completes that check run instead of opening a second one.
 * A worker killed after GitHub created the check run but before the job kept its id leaves the
 * next attempt nothing in the job: that attempt finds the check run on GitHub by its external_id
 * (the job id). A job that used all its attempts completes its check run neutral with the reason.
 * A newer head SHA stops the review of an older one, whichever worker runs it (its check run ends
 * "Superseded by …").
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CheckRun, type CheckRunRef, type CheckRunResult, type EarlierCheckRun } from '../github/check-runs.js';
import type { GitHub, RepoRef } from '../github/client.js';
import { describeError } from '../github/errors.js';
import type { ReviewEnvironment } from '../handlers/environment.js';
import { earlyEnd } from '../handlers/review-pull-request.js';
import { runTask, taskLogFields } from '../handlers/run-task.js';
import { Superseded } from '../review/queue.js';
import { shaKey, type QueueHealth } from '../review/scheduler.js';
import type { Task } from '../review/task.js';
import { failFastConnection, queueHealth } from './queue-health.js';
import { latestKey, QUEUE_NAME, reviewedKey, SUPERSEDED_CHANNEL, taskLine, taskVersion, type SupersededMessage } from './redis-keys.js';

type JobData = Task & { checkRun?: CheckRunRef };

export interface ReviewWorkerOptions {
  redisUrl: string;
  concurrency: number;
  env: ReviewEnvironment;
  /** A client authenticated as the installation. */
  auth(installationId: number): Promise<GitHub>;
  log: Logger;
  /** How long a job stays locked without its worker renewing the lock: a killed worker's job is taken over after this. */
  lockMs?: number;
  /** How often a job may be taken over from a dead worker before it fails for good (2). */
  maxStalls?: number;
}

interface Running {
  version: string;
  controller: AbortController;
}

export class ReviewWorker {
  private readonly worker: Worker<JobData>;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly running = new Map<string, Set<Running>>();
  /** What /health reads, on a connection that fails fast (the worker's own waits for Redis as long as it takes). */
  private readonly load: { redis: Redis; queue: Queue };
  private closing = false;

  constructor(private readonly options: ReviewWorkerOptions) {
    // Workers wait for Redis as long as it takes (BullMQ needs maxRetriesPerRequest: null).
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.subscriber.on('message', (_channel: string, message: string) => this.supersede(JSON.parse(message) as SupersededMessage));
    void this.subscriber.subscribe(SUPERSEDED_CHANNEL).catch((error: unknown) => options.log.error({ error: describeError(error) }, 'cannot subscribe to superseded reviews'));
    const lockMs = options.lockMs ?? 30_000;
    this.worker = new Worker<JobData>(QUEUE_NAME, (job) => this.process(job), {
      connection: this.redis,
      concurrency: options.concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: options.maxStalls ?? 2,
    });
    this.worker.on('error', (error) => options.log.error({ error: describeError(error) }, 'review queue error (reconnecting)'));
    this.worker.on('failed', (job, error) => void this.failed(job, error));
    const loadRedis = failFastConnection(options.redisUrl);
    this.load = { redis: loadRedis, queue: new Queue(QUEUE_NAME, { connection: loadRedis }) };
    this.load.queue.on('error', () => undefined);
  }

  /** Resolves once the worker is connected and taking jobs. */
  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /** The queue's load and whether Redis answers; not accepting once closing. */
  health(): Promise<QueueHealth> {
    return queueHealth(this.load.queue, !this.closing);
  }

  /** Takes no more jobs and waits for the running ones to finish; queued jobs stay in Redis. */
  async close(): Promise<void> {
    this.closing = true;
    await this.worker.close();
    await this.load.queue.close();
    this.load.redis.disconnect();
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  private async process(job: Job<JobData>): Promise<void> {
    const task = job.data;
    const line = taskLine(task);
    const version = taskVersion(task);
    const log = this.options.log.child({ ...taskLogFields(task), jobId: job.id, attempt: job.attemptsMade + 1 });
    log.info({ startedBefore: job.attemptsStarted - 1 }, 'job taken from the queue');
    const latest = await this.redis.get(latestKey(line));
    if (latest !== null && latest !== version) {
      log.info({ supersededBy: latest }, 'queued review superseded by a newer commit: not run');
      const earlier = await this.earlierCheckRun(job, job.attemptsStarted - 1);
      if (earlier && !earlier.completed) await this.complete(task, earlier.ref, earlyEnd(new Superseded(latest)));
      return;
    }
    const entry: Running = { version, controller: new AbortController() };
    const lineRunning = this.running.get(line) ?? new Set<Running>();
    this.running.set(line, lineRunning.add(entry));
    try {
      const github = await this.options.auth(task.installationId);
      const earlier = await this.earlierCheckRun(job, job.attemptsStarted - 1, github);
      if (earlier?.completed) {
        log.info({ checkRunId: earlier.ref.id }, 'an earlier attempt completed its check run before its worker died: nothing left to do');
        return;
      }
      const checkRun = earlier?.ref;
      if (checkRun && !task.checkRun) await job.updateData({ ...task, checkRun });
      await runTask(this.options.env, task, {
        github,
        log,
        signal: entry.controller.signal,
        skipped: () => {
          if (task.kind === 'review') this.redis.del(reviewedKey(shaKey(task.repository.fullName, task.pull.headSha))).catch(() => undefined);
        },
        hooks: {
          ...(checkRun && { checkRun }),
          ...(job.id !== undefined && { externalId: job.id }),
          started: (created) => job.updateData({ ...task, checkRun: created }),
        },
      });
    } finally {
      lineRunning.delete(entry);
      if (lineRunning.size === 0) this.running.delete(line);
    }
  }

  private supersede(message: SupersededMessage): void {
    for (const entry of this.running.get(message.line) ?? []) {
      if (entry.version === message.by) continue;
      const reason: unknown = entry.controller.signal.reason;
      if (reason instanceof Superseded) reason.by = message.by;
      else entry.controller.abort(new Superseded(message.by));
    }
  }

  /** A job that will not be tried again: its check run (if it has one) says why, instead of staying in progress. */
  private async failed(job: Job<JobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const log = this.options.log.child({ ...taskLogFields(job.data), jobId: job.id });
    const attempts = job.opts.attempts ?? 1;
    const final = job.attemptsMade >= attempts || /stalled more than/.test(error.message);
    log.error({ error: error.message, attemptsMade: job.attemptsMade, final }, final ? 'review job failed for good' : 'review job failed: it will be retried');
    if (!final) return;
    const result = earlyEnd(new Error(`${error.message} (after ${job.attemptsMade} attempts)`));
    await this.settle(job, result).catch((completeError: unknown) => log.error({ error: describeError(completeError) }, 'could not complete the check run of a failed job'));
  }

  /** Completes the failed job's check run; a review that failed before it created one still gets one, saying why. */
  private async settle(job: Job<JobData>, result: CheckRunResult): Promise<void> {
    const task = job.data;
    const github = await this.options.auth(task.installationId);
    const earlier = await this.earlierCheckRun(job, job.attemptsStarted, github);
    if (earlier) {
      if (!earlier.completed) await this.complete(task, earlier.ref, result, github);
    } else if (task.kind === 'review') await CheckRun.report(github, repoOf(task), task.pull.headSha, result, this.options.env.now);
  }

  /**
   * The check run one of the job's `attempts` before created: kept in the job, or, when none is
   * kept but an attempt ran (its worker may have died between GitHub's answer and keeping the id),
   * looked up on GitHub by its external_id. With it, whether that attempt completed it (its
   * worker died after the last step): then there is nothing left to do. A first attempt sends no
   * request.
   */
  private async earlierCheckRun(job: Job<JobData>, attempts: number, github?: GitHub): Promise<EarlierCheckRun | undefined> {
    const kept = job.data.checkRun;
    if (attempts < 1 || job.id === undefined) return kept && { ref: kept, completed: false };
    const client = github ?? (await this.options.auth(job.data.installationId));
    if (kept) return { ref: kept, completed: await CheckRun.isCompleted(client, repoOf(job.data), kept) };
    const found = await CheckRun.find(client, repoOf(job.data), taskVersion(job.data), job.id);
    this.options.log.info({ ...taskLogFields(job.data), jobId: job.id, checkRunId: found?.ref.id ?? null }, found ? 'check run of an earlier attempt found by its external_id' : 'no check run of an earlier attempt');
    return found;
  }

  private async complete(task: Task, checkRun: CheckRunRef, result: CheckRunResult, github?: GitHub): Promise<void> {
    const client = github ?? (await this.options.auth(task.installationId));
    await CheckRun.resume(client, repoOf(task), checkRun, this.options.env.now).complete(result);
  }
}

function repoOf(task: Task): RepoRef {
  return { owner: task.repository.owner, repo: task.repository.name };
}
