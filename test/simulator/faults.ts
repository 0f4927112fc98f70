/**
 * Faults injected into chosen routes: a status (500, 404, 422 ... with GitHub's body), a secondary
 * rate limit (403 with `retry-after`), a slow answer, or an answer held until the test lets it go
 * (to act while the App waits on it: kill the process mid-review), before or after the request is
 * carried out. A fault applies to requests of its route
 * (`"GET /repos/{owner}/{repo}/git/blobs/{file_sha}"`, `"POST /graphql"`) that its `when` accepts,
 * a number of times (once by default).
 */
import { GitHubError } from './http.js';

export type Fault =
  | { status: number; message?: string; errors?: string[] }
  | { secondaryRateLimit: { retryAfterSeconds: number } }
  | { delayMs: number }
  /** Answered as usual once `until` settles. */
  | { until: Promise<unknown> }
  /** Carried out at once, answered once `answerAfter` settles: the App can die not knowing what GitHub did. */
  | { answerAfter: Promise<unknown> };

export interface FaultRequest {
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface FaultRule {
  route: string;
  fault: Fault;
  /** Only requests this accepts (all of the route's by default). */
  when?: (request: FaultRequest) => boolean;
  /** How many requests get the fault; `Infinity` for every one. Default 1. */
  times?: number;
}

interface ActiveRule extends FaultRule {
  remaining: number;
  hits: number;
  firstHit: () => void;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export class FaultHandle {
  constructor(
    private readonly rule: ActiveRule,
    /** Resolves when the first request gets the fault. */
    readonly hit: Promise<void>,
  ) {}

  /** How many requests got the fault so far. */
  get hits(): number {
    return this.rule.hits;
  }
}

export class Faults {
  private rules: ActiveRule[] = [];

  inject(rule: FaultRule): FaultHandle {
    let firstHit!: () => void;
    const hit = new Promise<void>((resolve) => (firstHit = resolve));
    const active: ActiveRule = { ...rule, remaining: rule.times ?? 1, hits: 0, firstHit };
    this.rules.push(active);
    return new FaultHandle(active, hit);
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault this request gets, if any (counted as used). */
  take(request: FaultRequest): Fault | undefined {
    const rule = this.rules.find((r) => r.route === request.route && r.remaining > 0 && (!r.when || r.when(request)));
    if (!rule) return undefined;
    rule.remaining--;
    rule.hits++;
    rule.firstHit();
    return rule.fault;
  }
}

/** The error a failing fault answers with; undefined for a slow answer. */
export function faultError(fault: Fault): GitHubError | undefined {
  if ('delayMs' in fault || 'until' in fault || 'answerAfter' in fault) return undefined;
  if ('secondaryRateLimit' in fault) {
    return new GitHubError(
      403,
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:SIMULATOR.',
      { headers: { 'retry-after': String(fault.secondaryRateLimit.retryAfterSeconds), 'x-ratelimit-remaining': '4000' } },
    );
  }
  return new GitHubError(fault.status, fault.message ?? STATUS_MESSAGES[fault.status] ?? 'Error', fault.errors ? { errors: fault.errors } : {});
}

export function describeFault(fault: Fault): string {
  if ('delayMs' in fault) return `delay ${fault.delayMs} ms`;
  if ('until' in fault) return 'held';
  if ('answerAfter' in fault) return 'answer held';
  if ('secondaryRateLimit' in fault) return `secondary rate limit (retry-after ${fault.secondaryRateLimit.retryAfterSeconds})`;
  return `status ${fault.status}`;
}
