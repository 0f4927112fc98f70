/**
 * The life of one review's check run: created in progress at once, and completed whatever
 * happens — with the result, as cancelled when a newer push superseded it, or as neutral with a
 * sentence saying what went wrong. No path leaves it in progress.
 */
import { CheckRun, type CheckRunResult } from '../github/check-runs.js';
import { describeError, StepFailure } from '../github/errors.js';
import { ShuttingDown, Superseded } from '../review/queue.js';
import type { ReviewEnvironment, ReviewJob } from './environment.js';
import { runReview } from './run-review.js';

/** For a job that may run again after its process died: its check run is reused, never doubled. */
export interface ReviewHooks {
  /** The check run an earlier attempt of this job created. */
  checkRun?: { id: number; htmlUrl?: string };
  /** Remembers the check run this attempt created, for a later attempt. */
  started?(checkRun: { id: number; htmlUrl?: string }): Promise<void>;
}

export async function reviewPullRequest(env: ReviewEnvironment, job: ReviewJob, hooks: ReviewHooks = {}): Promise<void> {
  const { log } = job;
  let check: CheckRun;
  try {
    if (hooks.checkRun) {
      check = CheckRun.resume(job.github, job.repo, hooks.checkRun.id, hooks.checkRun.htmlUrl, env.now);
    } else {
      check = await CheckRun.start(job.github, job.repo, job.pull.headSha, env.now);
      await hooks.started?.({ id: check.id, ...(check.htmlUrl !== undefined && { htmlUrl: check.htmlUrl }) });
    }
  } catch (error) {
    log.error({ error: describeError(error) }, 'could not create the check run');
    return;
  }
  log.info({ checkRunId: check.id }, 'review started');
  try {
    const result = await runReview(env, job, check.htmlUrl);
    await check.complete(result);
    log.info({ checkRunId: check.id, conclusion: result.conclusion, title: result.title }, 'review completed');
  } catch (error) {
    const result = earlyEnd(error);
    log.warn({ checkRunId: check.id, conclusion: result.conclusion, error: describeError(error) }, 'review ended early');
    try {
      await check.complete(result);
    } catch (completeError) {
      log.error({ checkRunId: check.id, error: describeError(completeError) }, 'could not complete the check run');
    }
  }
}

export function earlyEnd(error: unknown): CheckRunResult {
  if (error instanceof Superseded)
    return {
      conclusion: 'cancelled',
      title: `Superseded by ${error.by.slice(0, 7)}`,
      summary: `A newer commit (${error.by}) was pushed to this pull request before this review finished; FlaskGuard reviews that one instead.`,
    };
  if (error instanceof ShuttingDown)
    return {
      conclusion: 'neutral',
      title: 'FlaskGuard stopped before finishing',
      summary: 'The FlaskGuard server shut down during this review. Re-run this check to review the commit.',
    };
  const sentence = error instanceof StepFailure ? error.message : `FlaskGuard could not finish: ${describeError(error)}`;
  return { conclusion: 'neutral', title: 'FlaskGuard could not finish', summary: `${sentence}\n\nRe-run this check to try again.` };
}
