/**
 * The web role's side of the BullMQ queue: delivery ids and reviewed head SHAs are remembered in
 * Redis (with a TTL) so that every replica sees them, and a review is a job whose id is its
 * repository + pull request + head SHA. Workers (redis-worker.ts) run the jobs.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { shaKey, type QueueHealth, type ScheduleRequest, type ScheduleResult, type Scheduling } from '../review/scheduler.js';
import type { WorkQueue } from '../review/queue.js';
import type { BranchScanTask, ReviewTask, Task } from '../review/task.js';
import { failFastConnection, queueHealth } from './queue-health.js';
import {
  DELIVERY_TTL_SECONDS,
  deliveryKey,
  latestKey,
  QUEUE_NAME,
  REVIEWED_TTL_SECONDS,
  reviewedKey,
  SUPERSEDED_CHANNEL,
  taskJobId,
  taskLine,
  taskVersion,
  versionJobId,
  type SupersededMessage,
} from './redis-keys.js';

/** Thrown while Redis cannot be reached: the webhook is answered 503, so GitHub shows it failed and it can be redelivered. */
export class QueueUnavailable extends Error {
  readonly status = 503;

  constructor(cause: unknown) {
    super(`the review queue (Redis) cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'QueueUnavailable';
  }
}

export interface RedisSchedulerOptions {
  redisUrl: string;
  /** Job attempts: an attempt that throws (or whose worker died) is tried again, with backoff. */
  attempts: number;
  /** FLASKGUARD_QUEUE_LIMIT: jobs that may wait in Redis; past it a new commit is not queued (its check run says FlaskGuard is busy). */
  maxWaiting: number;
  /** Light work of this process (finding the pull request of a check suite). */
  background: WorkQueue;
}

export class RedisScheduler implements Scheduling {
  private readonly redis: Redis;
  private readonly queue: Queue;
  private closed = false;

  constructor(private readonly options: RedisSchedulerOptions) {
    // While Redis is down a webhook fails at once (503) instead of hanging past GitHub's timeout.
    this.redis = failFastConnection(options.redisUrl);
    this.queue = new Queue(QUEUE_NAME, { connection: this.redis });
    this.queue.on('error', () => undefined);
  }

  /** Resolves once Redis is connected (the first webhook must not meet a connection still opening). */
  async ready(): Promise<void> {
    await this.queue.waitUntilReady();
    if (this.redis.status !== 'ready') await new Promise((resolve) => this.redis.once('ready', resolve));
  }

  async firstDelivery(deliveryId: string): Promise<boolean> {
    const set = await this.command(() => this.redis.set(deliveryKey(deliveryId), '1', 'EX', DELIVERY_TTL_SECONDS, 'NX'));
    return set === 'OK';
  }

  async isReviewed(repository: string, headSha: string): Promise<boolean> {
    return (await this.command(() => this.redis.exists(reviewedKey(shaKey(repository, headSha))))) === 1;
  }

  forget(repository: string, headSha: string): void {
    this.redis.del(reviewedKey(shaKey(repository, headSha))).catch(() => undefined);
  }

  async schedule(request: ScheduleRequest<ReviewTask>): Promise<ScheduleResult> {
    const { task } = request;
    return this.enqueue(request, reviewedKey(shaKey(task.repository.fullName, task.pull.headSha)), task.rerun);
  }

  async scanBranch(request: ScheduleRequest<BranchScanTask>): Promise<ScheduleResult> {
    const { task } = request;
    return this.enqueue(request, reviewedKey(`${shaKey(task.repository.fullName, task.sha)}:${task.branch}`), false);
  }

  background(key: string, run: (signal: AbortSignal) => Promise<void>): void {
    this.options.background.submit({ key, version: key, run });
  }

  health(): Promise<QueueHealth> {
    return queueHealth(this.queue, !this.closed);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.options.background.close();
    await this.queue.close();
    this.redis.disconnect();
  }

  private async enqueue(request: ScheduleRequest<Task>, reviewed: string, rerun: boolean): Promise<ScheduleResult> {
    if (this.closed) return 'rejected';
    const { task } = request;
    // SET NX decides it on one replica only: two events for the same commit enqueue one job.
    const first = await this.command(() => this.redis.set(reviewed, '1', 'EX', REVIEWED_TTL_SECONDS, 'NX'));
    if (first !== 'OK' && !rerun) return 'already-reviewed';
    if (await this.full(task)) {
      // A later event (or a re-run) may queue this commit once there is room.
      if (first === 'OK') await this.command(() => this.redis.del(reviewed));
      request.dropped?.('queue-full');
      return 'rejected';
    }
    const line = taskLine(task);
    const version = taskVersion(task);
    const previous = await this.command(() => this.redis.set(latestKey(line), version, 'EX', REVIEWED_TTL_SECONDS, 'GET'));
    await this.command(() =>
      this.queue.add(task.kind, task, {
        jobId: taskJobId(task),
        attempts: this.options.attempts,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      }),
    );
    if (previous !== null && previous !== version) {
      const message: SupersededMessage = { line, by: version };
      await this.command(() => this.redis.publish(SUPERSEDED_CHANNEL, JSON.stringify(message)));
    }
    return 'queued';
  }

  /**
   * Whether FLASKGUARD_QUEUE_LIMIT jobs already wait. A newer commit of a pull request whose older
   * one still waits is let in, as in the in-process queue: the older job will not run. Replicas
   * count at the same time, so under a burst the queue may pass the limit by a few jobs.
   */
  private async full(task: Task): Promise<boolean> {
    const counts = await this.command(() => this.queue.getJobCounts('waiting', 'prioritized', 'delayed'));
    if ((counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0) < this.options.maxWaiting) return false;
    const previous = await this.command(() => this.redis.get(latestKey(taskLine(task))));
    if (previous === null || previous === taskVersion(task)) return true;
    const older = await this.command(() => this.queue.getJobState(versionJobId(task, previous)));
    return !(['waiting', 'prioritized', 'delayed'] as string[]).includes(older);
  }

  private async command<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new QueueUnavailable(error);
    }
  }
}
