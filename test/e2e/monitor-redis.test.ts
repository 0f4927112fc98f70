/**
 * The advisory monitoring with REDIS_URL, end to end with the App's real server process
 * (FLASKGUARD_ROLE=all) and a real redis-server: at start the process sets the cluster's one
 * monitoring schedule, and SIGUSR2 queues a tick that its worker runs, which opens the issue.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { MONITOR_QUEUE_NAME } from '../../src/queue/redis-keys.js';
import { Stack } from '../simulator/index.js';
import { redisOrSkip, startRedisServer, type RedisServer } from '../support/redis-server.js';
import { ADVISORIES, BASE_FILES } from './scenario.js';

const describeRedis = redisOrSkip() ? describe : describe.skip;

describeRedis('the advisory monitoring of a process with REDIS_URL', () => {
  let redis: RedisServer;
  let stack: Stack;

  beforeAll(async () => {
    redis = await startRedisServer();
    stack = await Stack.start({ advisories: ADVISORIES, env: { REDIS_URL: redis.url, FLASKGUARD_MONITOR_TICK_MINUTES: '90' } });
  });

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('sets the one schedule of the cluster at start, and SIGUSR2 queues a tick that its worker runs', async () => {
    const queue = new Queue(MONITOR_QUEUE_NAME, { connection: { url: redis.url } });
    try {
      expect((await queue.getJobSchedulers()).map((s) => [s.key, s.every])).toEqual([['advisory-monitoring', 90 * 60_000]]);
      const repo = await stack.sim.store.createRepository({ owner: 'acme', name: 'clustered', files: { ...BASE_FILES, 'requirements.txt': 'flask==3.1.3\nwerkzeug==2.2.2\n' } });
      await stack.monitorNow();
      expect(stack.sim.store.issues.filter((i) => i.repository === repo).map((i) => [i.title, i.state])).toEqual([['FlaskGuard: known vulnerabilities in dependencies', 'open']]);
      expect(await queue.getCompletedCount()).toBe(1);
      expect(stack.sim.store.violations).toEqual([]);
    } finally {
      await queue.close();
    }
  });
});
