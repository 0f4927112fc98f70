/**
 * `npm start`: the App's HTTP server. Probot reads its standard environment (APP_ID, PRIVATE_KEY
 * or PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST, GHE_PROTOCOL, PORT, HOST, LOG_LEVEL) and, without
 * credentials, serves its setup flow for registering the App. Without REDIS_URL reviews run in
 * this process; with it FLASKGUARD_ROLE picks web (enqueue), worker (`npm run worker`: run
 * reviews, and answer GET /health on PORT) or all. On SIGTERM/SIGINT it stops taking webhooks;
 * in-process reviews end their check runs, a worker lets its running reviews finish and leaves
 * the queued ones in Redis. The advisory
 * monitoring ticks on an in-process timer, or with REDIS_URL on the cluster's one BullMQ job
 * scheduler, which web processes set and workers run.
 */
import { createProbot, run } from 'probot';
import { flaskGuard } from '../index.js';
import { DEFAULT_RATE_LIMIT_POLICY, flaskGuardOctokit, writeSpacing } from '../github/octokit.js';
import type { GitHub } from '../github/client.js';
import { DEFAULT_CONNECTION_POLICY } from '../github/connection.js';
import { describeError } from '../github/errors.js';
import { reviewEnvironment } from '../handlers/services.js';
import { RedisMonitorSchedule } from '../queue/redis-monitor-schedule.js';
import { MonitorWorker } from '../queue/redis-monitor-worker.js';
import { RedisScheduler } from '../queue/redis-scheduler.js';
import { ReviewWorker } from '../queue/redis-worker.js';
import { WorkQueue } from '../review/queue.js';
import { HealthServer, listenAddress } from './health-server.js';
import { createLogger } from './logger.js';
import { settingsFromEnv, SettingsError, type ServerSettings } from './settings.js';

const log = createLogger(process.env.LOG_LEVEL);
let settings: ServerSettings;
try {
  settings = settingsFromEnv(process.env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  log.fatal(error.message);
  process.exit(2);
}
const localQueue = (concurrency: number) =>
  new WorkQueue({
    concurrency,
    maxWaiting: settings.maxWaiting,
    onError: (error, job) => log.error({ job: job.key, error: describeError(error) }, 'background job failed'),
  });
const Octokit = flaskGuardOctokit({
  ...DEFAULT_RATE_LIMIT_POLICY,
  serverErrorRetries: settings.serverErrorRetries,
  connection: { ...DEFAULT_CONNECTION_POLICY, retries: settings.connectionRetries },
  throttle: writeSpacing(settings.writeIntervalMs),
});
// Seeing REDIS_URL, Probot would fetch an ioredis of its own at run time for its rate limiter; the URL is FlaskGuard's queue.
const probotEnv = { ...process.env, REDIS_URL: undefined };
// `npm start` runs Node with --expose-gc: reviews of large pull requests free syntax trees as they go.
const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (!collectGarbage) log.warn('Node runs without --expose-gc: large pull requests need more memory (npm start sets it)');
const { redisUrl } = settings;
// SIGUSR2 audits every repository's dependencies now (`kill -USR2 <pid>`), whatever their interval.
const monitor =
  redisUrl || settings.monitorTickMinutes === 0 ? { ticks: false as const } : { everyMinutes: settings.monitorTickMinutes, runNowSignal: 'SIGUSR2' as const };
const appOptions = { fetchConcurrency: settings.fetchConcurrency, monitor, ...(collectGarbage && { collectGarbage }) };

/** What a stop runs, in order. */
const stopSteps: Array<() => Promise<void>> = [];
if (!redisUrl) {
  const queue = localQueue(settings.concurrency);
  const server = await run(flaskGuard({ ...appOptions, queue }), { Octokit, log, env: probotEnv });
  stopSteps.push(() => queue.close(), () => server.stop());
} else {
  const schedule = new RedisMonitorSchedule(redisUrl);
  await schedule.ready();
  process.on('SIGUSR2', () =>
    void schedule.runNow().then(
      () => log.info('advisory monitoring: a tick for the cluster is queued'),
      (error: unknown) => log.error({ error: describeError(error) }, 'advisory monitoring: could not queue a tick'),
    ),
  );
  if (settings.role !== 'worker') {
    const scheduler = new RedisScheduler({ redisUrl, attempts: settings.jobAttempts, maxWaiting: settings.maxWaiting, background: localQueue(2) });
    await scheduler.ready();
    await schedule.apply(settings.monitorTickMinutes);
    const server = await run(flaskGuard({ ...appOptions, scheduler }), { Octokit, log, env: probotEnv });
    stopSteps.push(() => server.stop(), () => scheduler.close());
  }
  if (settings.role !== 'web') {
    const probot = createProbot({ env: probotEnv, overrides: { Octokit, log } });
    const env = reviewEnvironment(appOptions);
    const auth = async (installationId?: number) => (await probot.auth(installationId)) as unknown as GitHub;
    const worker = new ReviewWorker({
      redisUrl,
      concurrency: settings.concurrency,
      env,
      auth,
      log: log.child({ name: 'worker' }),
      lockMs: settings.jobLockSeconds * 1000,
    });
    // The cluster's monitoring ticks run on workers, with the reviews' environment (one advisory cache).
    const monitorWorker = new MonitorWorker({ redisUrl, env, clients: { app: () => auth(), installation: auth }, log: log.child({ name: 'advisory-monitor' }) });
    await worker.ready();
    await monitorWorker.ready();
    log.info({ concurrency: settings.concurrency }, 'worker taking reviews from the queue');
    stopSteps.push(async () => void (await Promise.all([worker.close(), monitorWorker.close()])));
    if (settings.role === 'worker') {
      // No webhooks here, but probes still need an answer: GET /health on PORT, as the web role's.
      const address = listenAddress(process.env);
      const health = await HealthServer.start(worker, address);
      log.info(address, 'worker answering GET /health');
      stopSteps.push(() => health.close());
    }
  }
  stopSteps.push(() => schedule.close());
}

// Probot's own SIGINT handler exits at once; this one lets running reviews close their check runs.
process.removeAllListeners('SIGINT');
let stopping = false;
const stop = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  log.info({ signal, role: redisUrl ? settings.role : 'in-process' }, 'stopping');
  const grace = setTimeout(() => {
    log.error('reviews did not end in time: exiting');
    process.exit(1);
  }, settings.shutdownGraceSeconds * 1000);
  for (const step of stopSteps) await step();
  clearTimeout(grace);
  process.exit(0);
};
process.on('SIGTERM', (signal) => void stop(signal));
process.on('SIGINT', (signal) => void stop(signal));
