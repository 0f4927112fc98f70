/** The server's own settings, from the environment (Probot reads APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST... itself). */
import { DEFAULT_CONNECTION_POLICY } from '../github/connection.js';
import { DEFAULT_CONCURRENCY, DEFAULT_FETCH_CONCURRENCY, DEFAULT_MAX_WAITING, DEFAULT_MONITOR_TICK_MINUTES } from '../handlers/services.js';

export interface ServerSettings {
  /** FLASKGUARD_CONCURRENCY: reviews running at the same time. */
  concurrency: number;
  /** FLASKGUARD_QUEUE_LIMIT: reviews that may wait (with REDIS_URL: jobs waiting in Redis); more get a "busy" check run. */
  maxWaiting: number;
  /** FLASKGUARD_FETCH_CONCURRENCY: file downloads of one review at the same time. */
  fetchConcurrency: number;
  /** FLASKGUARD_SHUTDOWN_GRACE_SECONDS: how long a stop waits for running reviews to end their check runs. */
  shutdownGraceSeconds: number;
  /**
   * FLASKGUARD_WRITE_INTERVAL_MS: the least time between two write requests (POST, PATCH, GraphQL)
   * of the whole process, three times that for writes that notify people (reviews). GitHub asks for
   * a second between content-creating requests; 0 is for a simulator, or a GitHub Enterprise
   * Server with rate limits off.
   */
  writeIntervalMs: number;
  /** FLASKGUARD_RETRIES: how often a request GitHub answered with a server error is sent again (after 1, 4, 9… s). */
  serverErrorRetries: number;
  /** FLASKGUARD_CONNECT_RETRIES: how often a request whose connection failed (refused, no such host) is tried again (after 2, 8, 32… s). */
  connectionRetries: number;
  /**
   * FLASKGUARD_MONITOR_TICK_MINUTES: how often the advisory monitoring looks for repositories due
   * for an audit; 0 switches it off. With REDIS_URL web processes set it for the whole cluster.
   */
  monitorTickMinutes: number;
  /**
   * FLASKGUARD_ROLE: `all` (default) receives webhooks and runs reviews; with REDIS_URL, `web`
   * only verifies, acknowledges and enqueues, and `worker` only runs queued reviews.
   */
  role: ServerRole;
  /** REDIS_URL: the BullMQ queue shared by replicas; absent: the in-process queue. */
  redisUrl?: string;
  /** FLASKGUARD_JOB_ATTEMPTS: with REDIS_URL, how often a job is tried (again after its worker died or it threw). */
  jobAttempts: number;
  /**
   * FLASKGUARD_JOB_LOCK_SECONDS: with REDIS_URL, how long a worker's hold on a job lasts without
   * being renewed (it renews it every half of that while it runs): a worker that died is
   * replaced on its jobs after this, and at most twice as long.
   */
  jobLockSeconds: number;
}

export const SERVER_ROLES = ['all', 'web', 'worker'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

export const DEFAULT_WRITE_INTERVAL_MS = 1000;
export const DEFAULT_SERVER_ERROR_RETRIES = 3;

export const DEFAULT_JOB_ATTEMPTS = 3;
export const DEFAULT_JOB_LOCK_SECONDS = 30;

export class SettingsError extends Error {}

function serverRole(raw: string | undefined): ServerRole {
  const value = raw?.trim() || 'all';
  if (!(SERVER_ROLES as readonly string[]).includes(value)) throw new SettingsError(`FLASKGUARD_ROLE must be one of ${SERVER_ROLES.join(', ')}, got "${raw}"`);
  return value as ServerRole;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv): ServerSettings {
  const role = serverRole(env.FLASKGUARD_ROLE);
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (role !== 'all' && !redisUrl) throw new SettingsError(`FLASKGUARD_ROLE=${role} needs REDIS_URL (the queue between web and worker processes); without it use FLASKGUARD_ROLE=all`);
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new SettingsError(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  return {
    role,
    ...(redisUrl && { redisUrl }),
    jobAttempts: wholeNumber(env, 'FLASKGUARD_JOB_ATTEMPTS', DEFAULT_JOB_ATTEMPTS, 1),
    jobLockSeconds: wholeNumber(env, 'FLASKGUARD_JOB_LOCK_SECONDS', DEFAULT_JOB_LOCK_SECONDS, 1),
    concurrency: wholeNumber(env, 'FLASKGUARD_CONCURRENCY', DEFAULT_CONCURRENCY, 1),
    maxWaiting: wholeNumber(env, 'FLASKGUARD_QUEUE_LIMIT', DEFAULT_MAX_WAITING, 1),
    fetchConcurrency: wholeNumber(env, 'FLASKGUARD_FETCH_CONCURRENCY', DEFAULT_FETCH_CONCURRENCY, 1),
    shutdownGraceSeconds: wholeNumber(env, 'FLASKGUARD_SHUTDOWN_GRACE_SECONDS', 20, 1),
    writeIntervalMs: wholeNumber(env, 'FLASKGUARD_WRITE_INTERVAL_MS', DEFAULT_WRITE_INTERVAL_MS, 0),
    serverErrorRetries: wholeNumber(env, 'FLASKGUARD_RETRIES', DEFAULT_SERVER_ERROR_RETRIES, 0),
    connectionRetries: wholeNumber(env, 'FLASKGUARD_CONNECT_RETRIES', DEFAULT_CONNECTION_POLICY.retries, 0),
    monitorTickMinutes: wholeNumber(env, 'FLASKGUARD_MONITOR_TICK_MINUTES', DEFAULT_MONITOR_TICK_MINUTES, 0),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, least: 0 | 1): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < least) {
    throw new SettingsError(`${name} must be a whole number of at least ${least}, got "${raw}"`);
  }
  return value;
}
