/**
 * For a jest describe block of Redis tests: one redis-server for the block, emptied before each
 * test, and what a test opened (queues, workers, replicas) closed after it, last opened first.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from './redis-server.js';

export interface RedisLifecycle {
  /** The block's server's URL (it is started in beforeAll). */
  readonly url: string;
  /** Closed after each test, in reverse order. */
  closing: Array<() => Promise<void>>;
}

export function useRedisServer(): RedisLifecycle {
  let redis: RedisServer | undefined;
  const closing: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    const client = new Redis((redis as RedisServer).url);
    await client.flushall();
    client.disconnect();
  });
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
  });
  return {
    get url() {
      if (!redis) throw new Error('the redis-server is started in beforeAll');
      return redis.url;
    },
    closing,
  };
}
