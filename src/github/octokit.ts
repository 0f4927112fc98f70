/**
 * FlaskGuard's Octokit: Probot's, with a rate-limit policy. Both primary and secondary rate limits
 * are retried after the `retry-after` GitHub sends (Probot's default gives up on secondary
 * limits), a bounded number of times and only for waits a background review can afford.
 */
import Bottleneck from 'bottleneck';
import { ProbotOctokit } from 'probot';
import { connectionRetryingFetch, DEFAULT_CONNECTION_POLICY, type ConnectionPolicy } from './connection.js';

export interface RateLimitPolicy {
  /** Retries of one request after a rate limit. */
  maxRetries: number;
  /** A longer `retry-after` than this fails the request instead of waiting. */
  maxWaitSeconds: number;
  /** Retries of a request that failed with a server error (Probot's retry plugin; its default is 3). */
  serverErrorRetries?: number;
  /** Retries of a request whose connection failed (refused, no such host): a policy of their own, not server errors'. */
  connection?: ConnectionPolicy;
  /** Extra plugin-throttling options: the limiter groups (see writeSpacing), the retry-after unit. */
  throttle?: Record<string, unknown>;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { maxRetries: 2, maxWaitSeconds: 120 };

/** Octokit spaces writes that notify people (reviews, review replies) three times as far apart as other writes. */
export const NOTIFYING_WRITE_FACTOR = 3;

/**
 * The throttling plugin's limiters for write requests (POST, PATCH, PUT, DELETE and GraphQL),
 * shared by every installation of the process: one at a time, at least `intervalMs` apart, and
 * writes that notify people at least NOTIFYING_WRITE_FACTOR × `intervalMs` apart. 1000 ms gives
 * the plugin's own spacing (1 s and 3 s); 0 none.
 */
export function writeSpacing(intervalMs: number): { write: Bottleneck.Group; notifications: Bottleneck.Group } {
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: intervalMs }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: intervalMs * NOTIFYING_WRITE_FACTOR }),
  };
}

interface HookedOctokit {
  hook: { before(name: 'request', hook: (options: { request?: Record<string, unknown> & { fetch?: typeof fetch } }) => void): void };
}

/**
 * Octokit's retry plugin keeps a request's retry count in `options.request`, an object that every
 * request of a client shares: after any failed request (the 404 of a missing .flaskguard.yml) the
 * next retry of the review waited 4 s instead of 1, and later ones longer still. Each request gets
 * its own copy (this hook is registered last, so it runs before the retry plugin's), with a fetch
 * that retries failed connections by their own policy (see connection.ts).
 */
function ownRequestOptions(connection: ConnectionPolicy) {
  return (octokit: HookedOctokit): void => {
    octokit.hook.before('request', (options) => {
      const request: Record<string, unknown> & { fetch?: typeof fetch } = { ...options.request };
      request.fetch = connectionRetryingFetch(options.request?.fetch ?? globalThis.fetch, request, connection);
      options.request = request;
    });
  };
}

interface ThrottledRequest {
  method: string;
  url: string;
}

interface LoggingOctokit {
  log: { warn(fields: object, message: string): void };
}

interface OctokitOptions {
  throttle?: Record<string, unknown>;
  retry?: Record<string, unknown>;
}

export function flaskGuardOctokit(policy: RateLimitPolicy = DEFAULT_RATE_LIMIT_POLICY): typeof ProbotOctokit {
  const decide =
    (kind: string) =>
    (retryAfter: number, request: ThrottledRequest, octokit: LoggingOctokit, retryCount: number): boolean => {
      const retry = retryCount < policy.maxRetries && retryAfter <= policy.maxWaitSeconds;
      octokit.log.warn(
        { method: request.method, url: request.url, retryAfter, retryCount },
        retry ? `GitHub ${kind} rate limit: retrying in ${retryAfter} s` : `GitHub ${kind} rate limit: giving up`,
      );
      return retry;
    };
  // A function default runs after Probot's own defaults, so these handlers win over Probot's.
  return ProbotOctokit.plugin(ownRequestOptions(policy.connection ?? DEFAULT_CONNECTION_POLICY)).defaults((options: OctokitOptions) => ({
    ...options,
    throttle: options.throttle?.enabled === false
      ? options.throttle
      : { ...options.throttle, ...policy.throttle, onRateLimit: decide('primary'), onSecondaryRateLimit: decide('secondary') },
    ...(policy.serverErrorRetries !== undefined && { retry: { ...options.retry, retries: policy.serverErrorRetries } }),
  })) as typeof ProbotOctokit;
}
