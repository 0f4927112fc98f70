/** Runs a task (a review or a branch scan) with an installation's client: the same code in-process and in a worker. */
import type { Logger } from 'pino';
import type { GitHub } from '../github/client.js';
import type { Task } from '../review/task.js';
import type { ReviewEnvironment } from './environment.js';
import type { CheckRunHooks } from './open-check-run.js';
import { reviewPullRequest } from './review-pull-request.js';
import { scanBranch } from './scan-branch.js';

export interface TaskRun {
  github: GitHub;
  log: Logger;
  signal: AbortSignal;
  /** The review was skipped (a draft): a later event may review this SHA. */
  skipped(): void;
  hooks?: CheckRunHooks;
}

export function runTask(env: ReviewEnvironment, task: Task, run: TaskRun): Promise<void> {
  const repo = { owner: task.repository.owner, repo: task.repository.name };
  if (task.kind === 'branch-scan') {
    return scanBranch(env, { github: run.github, repo, repoUrl: task.repository.htmlUrl, branch: task.branch, sha: task.sha, log: run.log, signal: run.signal }, run.hooks);
  }
  return reviewPullRequest(
    env,
    { github: run.github, repo, repoUrl: task.repository.htmlUrl, pull: task.pull, log: run.log, signal: run.signal, skipped: run.skipped },
    run.hooks,
  );
}

/** The log fields that name a task. */
export function taskLogFields(task: Task): Record<string, string | number> {
  return task.kind === 'review'
    ? { deliveryId: task.deliveryId, repo: task.repository.fullName, pr: task.pull.number, sha: task.pull.headSha }
    : { deliveryId: task.deliveryId, repo: task.repository.fullName, branch: task.branch, sha: task.sha };
}
