/**
 * `npm start`: the App's HTTP server. Probot reads its standard environment (APP_ID, PRIVATE_KEY
 * or PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST, GHE_PROTOCOL, PORT, HOST, LOG_LEVEL) and, without
 * credentials, serves its setup flow for registering the App. On SIGTERM/SIGINT it stops taking
 * webhooks and ends running reviews' check runs before exiting.
 */
import { run } from 'probot';
import { flaskGuard } from '../index.js';
import { DEFAULT_RATE_LIMIT_POLICY, flaskGuardOctokit, writeSpacing } from '../github/octokit.js';
import { DEFAULT_CONNECTION_POLICY } from '../github/connection.js';
import { describeError } from '../github/errors.js';
import { WorkQueue } from '../review/queue.js';
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
const queue = new WorkQueue({
  concurrency: settings.concurrency,
  maxWaiting: settings.maxWaiting,
  onError: (error, job) => log.error({ job: job.key, error: describeError(error) }, 'background job failed'),
});
const Octokit = flaskGuardOctokit({
  ...DEFAULT_RATE_LIMIT_POLICY,
  serverErrorRetries: settings.serverErrorRetries,
  connection: { ...DEFAULT_CONNECTION_POLICY, retries: settings.connectionRetries },
  throttle: writeSpacing(settings.writeIntervalMs),
});
// `npm start` runs Node with --expose-gc: reviews of large pull requests free syntax trees as they go.
const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (!collectGarbage) log.warn('Node runs without --expose-gc: large pull requests need more memory (npm start sets it)');
// SIGUSR2 audits every repository's dependencies now (`kill -USR2 <pid>`), whatever their interval.
const monitor = settings.monitorTickMinutes === 0 ? { ticks: false as const } : { everyMinutes: settings.monitorTickMinutes, runNowSignal: 'SIGUSR2' as const };
const server = await run(flaskGuard({ queue, fetchConcurrency: settings.fetchConcurrency, monitor, ...(collectGarbage && { collectGarbage }) }), { Octokit, log });

// Probot's own SIGINT handler exits at once; this one lets running reviews close their check runs.
process.removeAllListeners('SIGINT');
let stopping = false;
const stop = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  log.info({ signal, ...queue.stats }, 'stopping');
  const grace = setTimeout(() => {
    log.error('reviews did not end in time: exiting');
    process.exit(1);
  }, settings.shutdownGraceSeconds * 1000);
  await queue.close();
  await server.stop();
  clearTimeout(grace);
  process.exit(0);
};
process.on('SIGTERM', (signal) => void stop(signal));
process.on('SIGINT', (signal) => void stop(signal));
