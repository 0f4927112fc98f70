/**
 * The App as a cluster of its real server processes against one simulator and one Redis (Debian's
 * redis-server on a free loopback port): web processes (FLASKGUARD_ROLE=web) that take webhooks
 * and enqueue, worker processes (FLASKGUARD_ROLE=worker) that review. What the cluster end-to-end
 * test and the benchmark's queue mode run. `app`, where Stack's helpers deliver, is the first web
 * process; its /health counts the whole queue, so `idle()` waits for every worker.
 */
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import type { AppProcess } from './app-process.js';
import { Stack, type StackOptions, type Wiring } from './stack.js';

export interface ClusterOptions extends StackOptions {
  webs: number;
  workers: number;
  /** Environment of the worker processes only (FLASKGUARD_CONCURRENCY...). */
  workerEnv?: Record<string, string>;
}

export class Cluster extends Stack {
  private constructor(
    wiring: Wiring,
    readonly redis: RedisServer,
    readonly webs: readonly AppProcess[],
    readonly workers: readonly AppProcess[],
  ) {
    super(wiring.sim, webs[0] as AppProcess, wiring.secrets);
  }

  static override async start(options: ClusterOptions): Promise<Cluster> {
    if (options.webs < 1) throw new Error('a cluster needs a web process to take webhooks');
    const wiring = await Stack.wire(options);
    const started: AppProcess[] = [];
    let redis: RedisServer | undefined;
    const startApp = async (env: Record<string, string>) => {
      const app = await wiring.startApp(env);
      started.push(app);
      return app;
    };
    try {
      redis = await startRedisServer();
      const shared = { REDIS_URL: redis.url };
      const webs = await Promise.all(Array.from({ length: options.webs }, () => startApp({ ...shared, FLASKGUARD_ROLE: 'web' })));
      const workers = await Promise.all(Array.from({ length: options.workers }, () => startApp({ ...shared, ...options.workerEnv, FLASKGUARD_ROLE: 'worker' })));
      return new Cluster(wiring, redis, webs, workers);
    } catch (error) {
      await Promise.all(started.map((app) => app.stop()));
      await redis?.stop();
      await wiring.sim.stop();
      throw error;
    }
  }

  /** Every process (SIGTERM: workers drain), then Redis and the simulator. */
  override async stop(): Promise<void> {
    await Promise.all([...this.webs, ...this.workers].map((app) => app.stop()));
    await this.redis.stop();
    await this.sim.stop();
  }
}
