/** The BullMQ queue's load as /health reports it, on web and worker processes alike. */
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueHealth } from '../review/scheduler.js';

/**
 * A connection whose commands fail at once while Redis is down (no offline queue, one retry),
 * instead of waiting for it: a webhook is answered 503 and /health says "unreachable" in time.
 */
export function failFastConnection(redisUrl: string): Redis {
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined); // reported by queueHealth(); ioredis reconnects by itself
  return redis;
}

/** `running` is BullMQ's active jobs of all workers; `waiting` counts delayed (retried) and prioritized jobs too. */
export async function queueHealth(queue: Queue, accepting: boolean): Promise<QueueHealth> {
  try {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
    const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0);
    return { queue: 'redis', accepting, redis: 'reachable', running: counts.active ?? 0, waiting, failed: counts.failed ?? 0 };
  } catch {
    return { queue: 'redis', accepting: false, redis: 'unreachable', running: 0, waiting: 0 };
  }
}
