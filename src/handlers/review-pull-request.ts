/**
 * The life of one review's check run: created in progress at once, and completed whatever
 * happens — with the result, as cancelled when a newer push superseded it, or as neutral with a
 * sentence saying what went wrong. No path leaves it in progress.
 */
import type { CheckRun, CheckRunResult } from '../github/check-runs.js';
import { describeError, StepFailure } from '../github/errors.js';
import { ShuttingDown, Superseded } from '../review/queue.js';
import type { ReviewEnvironment, ReviewJob } from './environment.js';
import { openCheckRun, type CheckRunHooks } from './open-check-run.js';
import { runReview } from './run-review.js';

export async function reviewPullRequest(env: ReviewEnvironment, job: ReviewJob, hooks: CheckRunHooks = {}): Promise<void> {
  const { log } = job;
  let check: CheckRun;
  try {
    check = await openCheckRun(job.github, job.repo, job.pull.headSha, env.now, hooks);
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
