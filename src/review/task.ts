/**
 * A review or branch scan as plain data: what a webhook asks for, in a form that can wait in
 * Redis and be run by another process (which authenticates as `installationId`).
 */
import type { PullRequestInfo } from '../github/pull-requests.js';

export interface TaskRepository {
  owner: string;
  name: string;
  /** `owner/repo`. */
  fullName: string;
  htmlUrl: string;
}

export interface ReviewTask {
  kind: 'review';
  installationId: number;
  deliveryId: string;
  repository: TaskRepository;
  pull: PullRequestInfo;
  /** An explicit re-run ("Re-run" on the check): reviews the same SHA again. */
  rerun: boolean;
}

export interface BranchScanTask {
  kind: 'branch-scan';
  installationId: number;
  deliveryId: string;
  repository: TaskRepository;
  branch: string;
  sha: string;
}

export type Task = ReviewTask | BranchScanTask;
