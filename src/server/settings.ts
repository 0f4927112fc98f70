/** The server's own settings, from the environment (Probot reads APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST... itself). */
import { DEFAULT_CONCURRENCY, DEFAULT_FETCH_CONCURRENCY, DEFAULT_MAX_WAITING } from '../handlers/services.js';

export interface ServerSettings {
  /** FLASKGUARD_CONCURRENCY: reviews running at the same time. */
  concurrency: number;
  /** FLASKGUARD_QUEUE_LIMIT: reviews that may wait; more get a "busy" check run. */
  maxWaiting: number;
  /** FLASKGUARD_FETCH_CONCURRENCY: file downloads of one review at the same time. */
  fetchConcurrency: number;
  /** FLASKGUARD_SHUTDOWN_GRACE_SECONDS: how long a stop waits for running reviews to end their check runs. */
  shutdownGraceSeconds: number;
}

export class SettingsError extends Error {}

export function settingsFromEnv(env: NodeJS.ProcessEnv): ServerSettings {
  return {
    concurrency: positiveInt(env, 'FLASKGUARD_CONCURRENCY', DEFAULT_CONCURRENCY),
    maxWaiting: positiveInt(env, 'FLASKGUARD_QUEUE_LIMIT', DEFAULT_MAX_WAITING),
    fetchConcurrency: positiveInt(env, 'FLASKGUARD_FETCH_CONCURRENCY', DEFAULT_FETCH_CONCURRENCY),
    shutdownGraceSeconds: positiveInt(env, 'FLASKGUARD_SHUTDOWN_GRACE_SECONDS', 20),
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new SettingsError(`${name} must be a whole number of at least 1, got "${raw}"`);
  return value;
}
