/**
 * Turns webhook deliveries into queued reviews without duplicates: a redelivered webhook (same
 * X-GitHub-Delivery) is ignored, and a head SHA already reviewed (or being reviewed) is not
 * reviewed again unless someone asked for a re-run. Memory is per process and bounded.
 */
import { RecentSet } from './recent-set.js';
import type { DropReason, WorkQueue } from './queue.js';

export interface ReviewRequest {
  /** `owner/repo`. */
  repository: string;
  pullNumber: number;
  headSha: string;
  /** An explicit re-run ("Re-run" on the check): reviews the same SHA again. */
  rerun: boolean;
  run(signal: AbortSignal): Promise<void>;
  dropped?(reason: DropReason): void;
}

export type ScheduleResult = 'queued' | 'already-reviewed' | 'rejected';

export class ReviewScheduler {
  private readonly deliveries: RecentSet;
  private readonly reviewed: RecentSet;

  constructor(
    readonly queue: WorkQueue,
    memory: { deliveries: number; headShas: number } = { deliveries: 10_000, headShas: 10_000 },
  ) {
    this.deliveries = new RecentSet(memory.deliveries);
    this.reviewed = new RecentSet(memory.headShas);
  }

  /** Records a delivery; false when it was seen before (a redelivery). */
  firstDelivery(deliveryId: string): boolean {
    if (this.deliveries.has(deliveryId)) return false;
    this.deliveries.add(deliveryId);
    return true;
  }

  isReviewed(repository: string, headSha: string): boolean {
    return this.reviewed.has(shaKey(repository, headSha));
  }

  /** Lets a later event review this SHA (a draft that was skipped, a review that was dropped). */
  forget(repository: string, headSha: string): void {
    this.reviewed.delete(shaKey(repository, headSha));
  }

  schedule(request: ReviewRequest): ScheduleResult {
    const key = shaKey(request.repository, request.headSha);
    if (!request.rerun && this.reviewed.has(key)) return 'already-reviewed';
    this.reviewed.add(key);
    return this.queue.submit({
      key: `${request.repository}#${request.pullNumber}`,
      version: request.headSha,
      run: request.run,
      dropped: (reason) => {
        if (reason !== 'superseded') this.reviewed.delete(key);
        request.dropped?.(reason);
      },
    });
  }

  /** A whole-repository scan of a branch's head commit, once per commit; a newer head supersedes a waiting one. */
  scanBranch(request: Omit<ReviewRequest, 'pullNumber' | 'rerun'> & { branch: string }): ScheduleResult {
    const key = `${shaKey(request.repository, request.headSha)}:${request.branch}`;
    if (this.reviewed.has(key)) return 'already-reviewed';
    this.reviewed.add(key);
    return this.queue.submit({
      key: `${request.repository}:${request.branch}`,
      version: request.headSha,
      run: request.run,
      dropped: (reason) => {
        if (reason !== 'superseded') this.reviewed.delete(key);
        request.dropped?.(reason);
      },
    });
  }

  /** Background work that is not a review itself (finding the pull request of a check suite). */
  background(key: string, run: (signal: AbortSignal) => Promise<void>): void {
    this.queue.submit({ key, version: key, run });
  }
}

function shaKey(repository: string, headSha: string): string {
  return `${repository}@${headSha}`;
}
