/**
 * The advisory-monitoring schedule with REDIS_URL: one BullMQ job scheduler for the whole cluster,
 * so that however many replicas run there is one tick per interval (a worker runs it:
 * redis-monitor-worker.ts). Replicas that start with the same interval upsert the same scheduler
 * and its next tick keeps its time; another interval replaces it; 0 removes it. The queue runs one
 * tick at a time cluster-wide, so a scheduled tick and an "audit now" never audit (and open the
 * issue of) a repository twice at once.
 */
import { Queue } from 'bullmq';
import { MONITOR_QUEUE_NAME, MONITOR_SCHEDULER_ID, MONITOR_TICK_JOB, type TickJobData } from './redis-keys.js';

const TICK_JOB_OPTIONS = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };

export class RedisMonitorSchedule {
  private readonly queue: Queue<TickJobData>;

  constructor(redisUrl: string) {
    this.queue = new Queue<TickJobData>(MONITOR_QUEUE_NAME, { connection: { url: redisUrl } });
    this.queue.on('error', () => undefined); // a call that fails says so; ioredis reconnects by itself
  }

  async ready(): Promise<void> {
    await this.queue.waitUntilReady();
  }

  /** A tick every `everyMinutes` for the cluster; 0: none. */
  async apply(everyMinutes: number): Promise<void> {
    if (everyMinutes === 0) {
      await this.queue.removeJobScheduler(MONITOR_SCHEDULER_ID);
      return;
    }
    await this.queue.setGlobalConcurrency(1);
    const every = everyMinutes * 60_000;
    // A new (or changed) schedule first ticks one interval from now, as the in-process timer does;
    // BullMQ reads startDate only then, so a replica starting later does not move the next tick.
    await this.queue.upsertJobScheduler(MONITOR_SCHEDULER_ID, { every, startDate: Date.now() + every }, { name: MONITOR_TICK_JOB, data: { force: false }, opts: TICK_JOB_OPTIONS });
  }

  /** One tick for the cluster now (SIGUSR2), whatever the schedule. */
  async runNow(): Promise<void> {
    await this.queue.setGlobalConcurrency(1);
    await this.queue.add(MONITOR_TICK_JOB, { force: true }, TICK_JOB_OPTIONS);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
