/** From an event to a queued review: the shared last step of every handler. */
import type { Logger } from 'pino';
import type { GitHub } from '../github/client.js';
import { CheckRun } from '../github/check-runs.js';
import { describeError } from '../github/errors.js';
import { findOpenPullRequests, getPullRequest, type PullRequestInfo } from '../github/pull-requests.js';
import type { BranchHead } from '../github/repositories.js';
import type { Scheduling } from '../review/scheduler.js';
import type { BranchScanTask, ReviewTask, TaskRepository } from '../review/task.js';
import type { ReviewEnvironment } from './environment.js';
import { runTask, taskLogFields } from './run-task.js';

export interface AppServices {
  scheduler: Scheduling;
  env: ReviewEnvironment;
}

/** What the handlers use of Probot's context (any repository event). */
export interface EventContext {
  /** The X-GitHub-Delivery id. */
  id: string;
  octokit: GitHub;
  log: Logger;
  payload: { installation?: { id: number }; repository: { name: string; full_name: string; html_url: string; owner: { login: string } } };
}

/** false (and a log line) for a delivery already handled: GitHub redelivers with the same id. */
export async function firstDelivery(services: AppServices, context: EventContext): Promise<boolean> {
  if (await services.scheduler.firstDelivery(context.id)) return true;
  context.log.info({ deliveryId: context.id, repo: context.payload.repository.full_name }, 'redelivered webhook ignored');
  return false;
}

function taskRepository(context: EventContext): TaskRepository {
  const { repository } = context.payload;
  return { owner: repository.owner.login, name: repository.name, fullName: repository.full_name, htmlUrl: repository.html_url };
}

export async function dispatchReview(services: AppServices, context: EventContext, pull: PullRequestInfo, rerun: boolean): Promise<void> {
  const task: ReviewTask = { kind: 'review', installationId: context.payload.installation?.id ?? 0, deliveryId: context.id, repository: taskRepository(context), pull, rerun };
  const repo = { owner: task.repository.owner, repo: task.repository.name };
  const log = context.log.child(taskLogFields(task));
  const outcome = await services.scheduler.schedule({
    task,
    run: (signal) =>
      runTask(services.env, task, { github: context.octokit, log, signal, skipped: () => services.scheduler.forget(task.repository.fullName, pull.headSha) }),
    dropped: (reason) => {
      log.warn({ reason }, 'review dropped before it started');
      if (reason === 'queue-full') {
        const busy = {
          conclusion: 'neutral' as const,
          title: 'FlaskGuard is busy',
          summary: 'Too many reviews are waiting on this FlaskGuard server, so this commit was not reviewed. Re-run this check in a few minutes.',
        };
        CheckRun.report(context.octokit, repo, pull.headSha, busy, services.env.now).catch((error: unknown) =>
          log.error({ error: describeError(error) }, 'could not report that the queue is full'),
        );
      }
    },
  });
  log.info({ outcome, rerun }, outcome === 'queued' ? 'review queued' : `review not queued: ${outcome}`);
}

/** A whole-repository scan of a branch head; a newer push to the branch supersedes a waiting one. */
export async function dispatchBranchScan(services: AppServices, context: EventContext, head: BranchHead): Promise<void> {
  const task: BranchScanTask = {
    kind: 'branch-scan',
    installationId: context.payload.installation?.id ?? 0,
    deliveryId: context.id,
    repository: { ...taskRepository(context), htmlUrl: head.htmlUrl },
    branch: head.branch,
    sha: head.sha,
  };
  const log = context.log.child(taskLogFields(task));
  const outcome = await services.scheduler.scanBranch({
    task,
    run: (signal) => runTask(services.env, task, { github: context.octokit, log, signal, skipped: () => undefined }),
    dropped: (reason) => log.warn({ reason }, 'default-branch scan dropped before it started'),
  });
  log.info({ outcome }, outcome === 'queued' ? 'default-branch scan queued' : `default-branch scan not queued: ${outcome}`);
}

/**
 * Check events name a commit; their `pull_requests` list is empty for forks, so the pull request
 * is then found by head SHA. The lookup runs in the background like the review.
 */
export function dispatchForCommit(services: AppServices, context: EventContext, headSha: string, pullNumbers: readonly number[], rerun: boolean): void {
  const { repository } = context.payload;
  const repo = { owner: repository.owner.login, repo: repository.name };
  const log = context.log.child({ deliveryId: context.id, repo: repository.full_name, sha: headSha });
  services.scheduler.background(`find the pull requests of ${repository.full_name}@${headSha}`, async () => {
    try {
      const pulls =
        pullNumbers.length > 0
          ? await Promise.all(pullNumbers.map((n) => getPullRequest(context.octokit, repo, n)))
          : await findOpenPullRequests(context.octokit, repo, headSha);
      const current = pulls.filter((p) => p.state === 'open' && p.headSha === headSha);
      if (current.length === 0) log.info('no open pull request has this head commit: nothing to review');
      for (const pull of current) await dispatchReview(services, context, pull, rerun);
    } catch (error) {
      log.error({ error: describeError(error) }, 'could not find the pull request of this commit');
    }
  });
}
