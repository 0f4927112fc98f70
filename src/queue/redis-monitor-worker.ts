/**
 * The worker side of the advisory monitoring with REDIS_URL: runs the ticks of the cluster's
 * schedule (redis-monitor-schedule.ts) and its "audit now" ticks, with the App's and the
 * installations' clients, remembering in Redis when each repository was audited so that the
 * next tick, on whichever worker, audits only the repositories that are due. A worker killed
 * mid-tick leaves a stalled job that another worker runs again; what was audited is not repeated.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeError } from '../github/errors.js';
import type { ReviewEnvironment } from '../handlers/environment.js';
import { AdvisoryMonitor, type AppClients } from '../handlers/monitor.js';
import { RedisAuditTimes } from './redis-audit-times.js';
import { MONITOR_QUEUE_NAME, type TickJobData } from './redis-keys.js';

export interface MonitorWorkerOptions {
  redisUrl: string;
  env: ReviewEnvironment;
  clients: AppClients;
  log: Logger;
}

export class MonitorWorker {
  private readonly redis: Redis;
  private readonly worker: Worker<TickJobData>;

  constructor(options: MonitorWorkerOptions) {
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    const monitor = new AdvisoryMonitor(options.env, options.clients, options.log, new RedisAuditTimes(this.redis));
    this.worker = new Worker<TickJobData>(MONITOR_QUEUE_NAME, (job) => monitor.tick({ force: job.data.force }), { connection: this.redis, concurrency: 1 });
    this.worker.on('error', (error) => options.log.error({ error: describeError(error) }, 'monitoring queue error (reconnecting)'));
  }

  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /** Takes no more ticks and waits for a running one to finish. */
  async close(): Promise<void> {
    await this.worker.close();
    this.redis.disconnect();
  }
}
