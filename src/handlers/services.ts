/** The long-lived parts of the App, built once from its options. */
import type { Logger } from 'pino';
import { RULES } from '../../rules/index.js';
import type { Rule } from '../core/rule.js';
import { describeError } from '../github/errors.js';
import { WorkQueue } from '../review/queue.js';
import { ReviewScheduler, type Scheduling } from '../review/scheduler.js';
import type { AppServices } from './dispatch.js';
import { dependencyAuditor, liveAdvisorySource, type AdvisorySourceFactory } from './dependency-audit.js';
import type { DependencyAuditor, ReviewEnvironment } from './environment.js';
import type { ScheduleTicks } from '../monitor/timer.js';

export interface FlaskGuardOptions {
  /** The rules to run; the registry by default. */
  rules?: readonly Rule[];
  /**
   * The dependency audit: by default auditDependencies() with `advisorySource`; false turns the
   * audit off (no dependency files are read).
   */
  dependencyAudit?: DependencyAuditor | false;
  /** Where the default audit gets advisories: the live GitHub Advisory Database with the bundled snapshot as fallback. */
  advisorySource?: AdvisorySourceFactory;
  /** Where reviews wait and run; by default 4 at a time with up to 200 waiting. */
  queue?: WorkQueue;
  /** What remembers deliveries and queues reviews: the in-process ReviewScheduler on `queue` by default, the BullMQ one with REDIS_URL. */
  scheduler?: Scheduling;
  /** Blobs one review downloads at the same time. */
  fetchConcurrency?: number;
  /** The clock of check-run timestamps. */
  now?: () => Date;
  /**
   * A full garbage collection (Node's `gc` under --expose-gc, as `npm start` runs): it frees the
   * syntax trees of a large pull request while it is analyzed, instead of at V8's next major
   * collection, which keeps memory near one megabyte of source's trees.
   */
  collectGarbage?: () => void;
  /** The scheduled advisory monitoring (see handlers/monitor.ts). */
  monitor?: MonitorOptions;
}

export interface MonitorOptions {
  /** What calls the monitoring's tick: an unref'd in-process interval by default; false: never (no monitoring). */
  ticks?: ScheduleTicks | false;
  /** Minutes between ticks; each repository is audited when its `monitor.interval_hours` have passed. */
  everyMinutes?: number;
  /** A signal that makes the process audit every repository now (`npm start` uses SIGUSR2). */
  runNowSignal?: NodeJS.Signals;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_MAX_WAITING = 200;
export const DEFAULT_FETCH_CONCURRENCY = 8;
export const DEFAULT_MONITOR_TICK_MINUTES = 60;

export function createServices(options: FlaskGuardOptions, log: Logger): AppServices {
  return { scheduler: options.scheduler ?? new ReviewScheduler(options.queue ?? defaultQueue(log)), env: reviewEnvironment(options) };
}

function defaultQueue(log: Logger): WorkQueue {
  return new WorkQueue({
    concurrency: DEFAULT_CONCURRENCY,
    maxWaiting: DEFAULT_MAX_WAITING,
    onError: (error, job) => log.error({ job: job.key, error: describeError(error) }, 'background job failed'),
  });
}

/** What a review works with, from the App's options (a worker process builds the same one). */
export function reviewEnvironment(options: FlaskGuardOptions): ReviewEnvironment {
  return {
    rules: options.rules ?? RULES,
    fetchConcurrency: options.fetchConcurrency ?? DEFAULT_FETCH_CONCURRENCY,
    now: options.now ?? (() => new Date()),
    ...(options.collectGarbage && { collectGarbage: options.collectGarbage }),
    ...(options.dependencyAudit !== false && dependencyAudit(options.dependencyAudit, options.advisorySource)),
  };
}

function dependencyAudit(audit: DependencyAuditor | undefined, source: AdvisorySourceFactory | undefined): Pick<ReviewEnvironment, 'dependencyAudit' | 'refreshAdvisories'> {
  if (audit) return { dependencyAudit: audit };
  const advisories = source ?? liveAdvisorySource();
  return { dependencyAudit: dependencyAuditor(advisories), ...(advisories.refresh && { refreshAdvisories: advisories.refresh }) };
}
