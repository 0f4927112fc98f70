/** From an event to a queued review: the shared last step of every handler. */
import type { Logger } from 'pino';
import type { GitHub } from '../github/client.js';
import { CheckRun } from '../github/check-runs.js';
import { describeError } from '../github/errors.js';
import { findOpenPullRequests, getPullRequest, type PullRequestInfo } from '../github/pull-requests.js';
import type { ReviewScheduler } from '../review/scheduler.js';
import type { ReviewEnvironment } from './environment.js';
import { reviewPullRequest } from './review-pull-request.js';
import { scanBranch } from './scan-branch.js';
import type { BranchHead } from '../github/repositories.js';
import type { RepoRef } from '../github/client.js';

export interface AppServices {
  scheduler: ReviewScheduler;
  env: ReviewEnvironment;
}

/** What the handlers use of Probot's context (any repository event). */
export interface EventContext {
  /** The X-GitHub-Delivery id. */
  id: string;
  octokit: GitHub;
  log: Logger;
  payload: { repository: { name: string; full_name: string; html_url: string; owner: { login: string } } };
}

/** false (and a log line) for a delivery already handled: GitHub redelivers with the same id. */
export function firstDelivery(services: AppServices, context: EventContext): boolean {
  if (services.scheduler.firstDelivery(context.id)) return true;
  context.log.info({ deliveryId: context.id, repo: context.payload.repository.full_name }, 'redelivered webhook ignored');
  return false;
}

export function dispatchReview(services: AppServices, context: EventContext, pull: PullRequestInfo, rerun: boolean): void {
  const { repository } = context.payload;
  const repo = { owner: repository.owner.login, repo: repository.name };
  const log = context.log.child({ deliveryId: context.id, repo: repository.full_name, pr: pull.number, sha: pull.headSha });
  const outcome = services.scheduler.schedule({
    repository: repository.full_name,
    pullNumber: pull.number,
    headSha: pull.headSha,
    rerun,
    run: (signal) =>
      reviewPullRequest(services.env, {
        github: context.octokit,
        repo,
        repoUrl: repository.html_url,
        pull,
        log,
        signal,
        skipped: () => services.scheduler.forget(repository.full_name, pull.headSha),
      }),
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
export function dispatchBranchScan(services: AppServices, context: EventContext, repo: RepoRef, head: BranchHead): void {
  const { repository } = context.payload;
  const log = context.log.child({ deliveryId: context.id, repo: repository.full_name, branch: head.branch, sha: head.sha });
  const outcome = services.scheduler.scanBranch({
    repository: repository.full_name,
    branch: head.branch,
    headSha: head.sha,
    run: (signal) => scanBranch(services.env, { github: context.octokit, repo, repoUrl: head.htmlUrl, branch: head.branch, sha: head.sha, log, signal }),
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
      for (const pull of current) dispatchReview(services, context, pull, rerun);
    } catch (error) {
      log.error({ error: describeError(error) }, 'could not find the pull request of this commit');
    }
  });
}
