/**
 * FlaskGuard's Octokit: Probot's, with a rate-limit policy. Both primary and secondary rate limits
 * are retried after the `retry-after` GitHub sends (Probot's default gives up on secondary
 * limits), a bounded number of times and only for waits a background review can afford.
 */
import { ProbotOctokit } from 'probot';

export interface RateLimitPolicy {
  /** Retries of one request after a rate limit. */
  maxRetries: number;
  /** A longer `retry-after` than this fails the request instead of waiting. */
  maxWaitSeconds: number;
  /** Extra plugin-throttling options (tests replace the limiter groups and the retry-after unit). */
  throttle?: Record<string, unknown>;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { maxRetries: 2, maxWaitSeconds: 120 };

interface ThrottledRequest {
  method: string;
  url: string;
}

interface LoggingOctokit {
  log: { warn(fields: object, message: string): void };
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
  return ProbotOctokit.defaults((options: { throttle?: Record<string, unknown> }) => ({
    ...options,
    throttle: options.throttle?.enabled === false
      ? options.throttle
      : { ...options.throttle, ...policy.throttle, onRateLimit: decide('primary'), onSecondaryRateLimit: decide('secondary') },
  })) as typeof ProbotOctokit;
}
