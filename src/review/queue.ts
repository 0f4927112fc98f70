/**
 * The bounded in-process work queue. Webhooks are answered at once and their work runs here:
 * at most `concurrency` jobs at a time, one at a time per key (a pull request), and a job for a
 * newer version (head SHA) supersedes the older one — dropped if it is still waiting, aborted
 * (its signal's reason is a `Superseded`) if it is running.
 */

export type DropReason = 'superseded' | 'queue-full' | 'shutting-down';

export interface QueueJob {
  /** Jobs with the same key run one after the other. */
  key: string;
  /** What the job works on (a head SHA); a job of another version supersedes it. */
  version: string;
  run(signal: AbortSignal): Promise<void>;
  /** The job will never run. */
  dropped?(reason: DropReason): void;
}

/** The abort reason of a job superseded while running. */
export class Superseded extends Error {
  /** The newest version: a job superseded twice names the last one. */
  by: string;

  constructor(by: string) {
    super('superseded by a newer version');
    this.name = 'Superseded';
    this.by = by;
  }
}

/** The abort reason of jobs still running when the server stops. */
export class ShuttingDown extends Error {
  constructor() {
    super('the server is shutting down');
    this.name = 'ShuttingDown';
  }
}

export interface QueueOptions {
  concurrency: number;
  /** Jobs that may wait; more are dropped with 'queue-full'. */
  maxWaiting: number;
  /** A job's run() threw (jobs are expected to handle their own errors). */
  onError(error: unknown, job: QueueJob): void;
}

interface Running {
  job: QueueJob;
  controller: AbortController;
  done: Promise<void>;
}

export class WorkQueue {
  private readonly waiting: QueueJob[] = [];
  private readonly running = new Map<string, Running>();
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: QueueOptions) {}

  get stats(): { running: number; waiting: number } {
    return { running: this.running.size, waiting: this.waiting.length };
  }

  get accepting(): boolean {
    return !this.closed;
  }

  submit(job: QueueJob): 'queued' | 'rejected' {
    if (this.closed) {
      job.dropped?.('shutting-down');
      return 'rejected';
    }
    const waitingIndex = this.waiting.findIndex((j) => j.key === job.key);
    if (waitingIndex !== -1) {
      // The newer job takes the older one's place in line.
      const older = this.waiting[waitingIndex] as QueueJob;
      this.waiting[waitingIndex] = job;
      older.dropped?.('superseded');
    } else if (this.waiting.length >= this.options.maxWaiting) {
      job.dropped?.('queue-full');
      return 'rejected';
    } else {
      this.waiting.push(job);
    }
    const current = this.running.get(job.key);
    if (current && current.job.version !== job.version) {
      const reason: unknown = current.controller.signal.reason;
      if (reason instanceof Superseded) reason.by = job.version;
      else current.controller.abort(new Superseded(job.version));
    }
    this.pump();
    return 'queued';
  }

  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void> {
    if (this.running.size === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops accepting jobs, drops the waiting ones, aborts the running ones and waits for them to end. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.dropped?.('shutting-down');
    const running = [...this.running.values()];
    for (const r of running) r.controller.abort(new ShuttingDown());
    await Promise.all(running.map((r) => r.done));
  }

  private pump(): void {
    while (this.running.size < this.options.concurrency) {
      const index = this.waiting.findIndex((j) => !this.running.has(j.key));
      if (index === -1) break;
      const [job] = this.waiting.splice(index, 1) as [QueueJob];
      this.start(job);
    }
    if (this.running.size === 0 && this.waiting.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private start(job: QueueJob): void {
    const controller = new AbortController();
    const done = Promise.resolve()
      .then(() => job.run(controller.signal))
      .catch((error: unknown) => this.options.onError(error, job))
      .finally(() => {
        this.running.delete(job.key);
        this.pump();
      });
    this.running.set(job.key, { job, controller, done });
  }
}
