/**
 * Turns webhook deliveries into queued reviews without duplicates: a redelivered webhook (same
 * X-GitHub-Delivery) is ignored, and a head SHA already reviewed (or being reviewed) is not
 * reviewed again unless someone asked for a re-run. `Scheduling` is what the handlers use; this
 * file's ReviewScheduler keeps everything in the process (bounded memory), the BullMQ one in
 * src/queue/ keeps it in Redis for many replicas.
 */
import { RecentSet } from './recent-set.js';
import type { DropReason, WorkQueue } from './queue.js';
import type { BranchScanTask, ReviewTask } from './task.js';

export interface ScheduleRequest<T> {
  /** The work as data (what a Redis-backed scheduler enqueues). */
  task: T;
  /** The same work run in this process, with the event's client (what the in-process queue runs). */
  run(signal: AbortSignal): Promise<void>;
  dropped?(reason: DropReason): void;
}

export type ScheduleResult = 'queued' | 'already-reviewed' | 'rejected';

export interface QueueHealth {
  queue: 'in-process' | 'redis';
  /** false once stopping, or while Redis cannot be reached: webhooks are then answered 503. */
  accepting: boolean;
  running: number;
  waiting: number;
  failed?: number;
  redis?: 'reachable' | 'unreachable';
}

export interface Scheduling {
  /** Records a delivery; false when it was seen before (a redelivery). */
  firstDelivery(deliveryId: string): Promise<boolean>;
  isReviewed(repository: string, headSha: string): Promise<boolean>;
  /** Lets a later event review this SHA (a draft that was skipped, a review that was dropped). */
  forget(repository: string, headSha: string): void;
  schedule(request: ScheduleRequest<ReviewTask>): Promise<ScheduleResult>;
  /** A whole-repository scan of a branch's head commit, once per commit; a newer head supersedes a waiting one. */
  scanBranch(request: ScheduleRequest<BranchScanTask>): Promise<ScheduleResult>;
  /** Light background work of the receiving process (finding the pull request of a check suite). */
  background(key: string, run: (signal: AbortSignal) => Promise<void>): void;
  health(): Promise<QueueHealth>;
}

export class ReviewScheduler implements Scheduling {
  private readonly deliveries: RecentSet;
  private readonly reviewed: RecentSet;

  constructor(
    readonly queue: WorkQueue,
    memory: { deliveries: number; headShas: number } = { deliveries: 10_000, headShas: 10_000 },
  ) {
    this.deliveries = new RecentSet(memory.deliveries);
    this.reviewed = new RecentSet(memory.headShas);
  }

  async firstDelivery(deliveryId: string): Promise<boolean> {
    if (this.deliveries.has(deliveryId)) return false;
    this.deliveries.add(deliveryId);
    return true;
  }

  async isReviewed(repository: string, headSha: string): Promise<boolean> {
    return this.reviewed.has(shaKey(repository, headSha));
  }

  forget(repository: string, headSha: string): void {
    this.reviewed.delete(shaKey(repository, headSha));
  }

  async schedule(request: ScheduleRequest<ReviewTask>): Promise<ScheduleResult> {
    const { task } = request;
    const key = shaKey(task.repository.fullName, task.pull.headSha);
    if (!task.rerun && this.reviewed.has(key)) return 'already-reviewed';
    return this.submit(key, `${task.repository.fullName}#${task.pull.number}`, task.pull.headSha, request);
  }

  async scanBranch(request: ScheduleRequest<BranchScanTask>): Promise<ScheduleResult> {
    const { task } = request;
    const key = `${shaKey(task.repository.fullName, task.sha)}:${task.branch}`;
    if (this.reviewed.has(key)) return 'already-reviewed';
    return this.submit(key, `${task.repository.fullName}:${task.branch}`, task.sha, request);
  }

  background(key: string, run: (signal: AbortSignal) => Promise<void>): void {
    this.queue.submit({ key, version: key, run });
  }

  async health(): Promise<QueueHealth> {
    return { queue: 'in-process', accepting: this.queue.accepting, ...this.queue.stats };
  }

  private submit(reviewedKey: string, queueKey: string, version: string, request: ScheduleRequest<unknown>): ScheduleResult {
    this.reviewed.add(reviewedKey);
    return this.queue.submit({
      key: queueKey,
      version,
      run: request.run,
      dropped: (reason) => {
        if (reason !== 'superseded') this.reviewed.delete(reviewedKey);
        request.dropped?.(reason);
      },
    });
  }
}

export function shaKey(repository: string, headSha: string): string {
  return `${repository}@${headSha}`;
}
