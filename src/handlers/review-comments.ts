/**
 * The review comments of one run: new findings get one review with inline comments (never a
 * second comment for a finding already commented), and FlaskGuard comments whose finding is gone
 * are resolved, or answered "fixed in <sha>" where the thread cannot be resolved.
 */
import type { Config } from '../config/schema.js';
import type { FileChanges } from '../core/diff.js';
import type { LineIndex } from '../core/lines.js';
import { isConfidentEnough, type Finding } from '../core/types.js';
import { describeError, step } from '../github/errors.js';
import { listReviewComments, listReviewThreads, postReview, replyToComment, resolveReviewThread, type ReviewThread } from '../github/reviews.js';
import { fallbackCommentSets, fingerprintInComment, fingerprintInFixedReply, fixedReply, placeComment, reviewBody, type PlacedComment } from '../report/review.js';
import type { RuleMetaLookup } from '../report/rule-info.js';
import type { ReviewTally } from '../report/summary.js';
import { planComments, type ExistingComment } from '../review/comment-plan.js';
import type { ReviewJob } from './environment.js';

export interface CommentInput {
  config: Config;
  onChangedLines: readonly Finding[];
  fingerprints: ReadonlyMap<Finding, string>;
  texts: ReadonlyMap<string, LineIndex>;
  changes: ReadonlyMap<string, FileChanges>;
  lookup: RuleMetaLookup;
  analyzedPaths: ReadonlySet<string>;
  pullRequestPaths: ReadonlySet<string>;
  checkRunUrl: string | undefined;
}

export async function commentOnFindings(job: ReviewJob, input: CommentInput): Promise<ReviewTally> {
  const pull = { ...job.repo, pull_number: job.pull.number };
  const existing = await listReviewComments(job.github, pull);
  const plan = planComments({
    // Audit findings stay in the check run: only sure-enough ones interrupt the pull request.
    onChangedLines: input.onChangedLines.filter((f) => isConfidentEnough(f.confidence, input.config.review.min_confidence)),
    fingerprints: input.fingerprints,
    existing,
    analyzedPaths: input.analyzedPaths,
    pullRequestPaths: input.pullRequestPaths,
    fingerprintOf: (c) => fingerprintInComment(c.body),
    fixedReplyOf: (c) => fingerprintInFixedReply(c.body),
  });
  const placed: PlacedComment[] = [];
  for (const finding of plan.uncommented) {
    const lines = input.texts.get(finding.file);
    const changes = input.changes.get(finding.file);
    const comment = lines && changes ? placeComment(finding, input.fingerprints.get(finding) as string, lines, changes, input.lookup) : null;
    if (comment) placed.push(comment);
  }
  const toPost = placed.slice(0, input.config.review.max_comments);
  job.signal.throwIfAborted();

  let outcome = { posted: 0, refused: 0 };
  if (toPost.length > 0) {
    outcome = await postReview(job.github, pull, {
      commitId: job.pull.headSha,
      event: input.config.review.event,
      commentSets: fallbackCommentSets(toPost),
      body: (comments, refused) =>
        reviewBody({
          total: plan.uncommented.length,
          commented: comments.map((c) => c.finding),
          refused,
          maxComments: input.config.review.max_comments,
          checkRunUrl: input.checkRunUrl,
        }),
    });
  }
  const resolved = await markFixed(job, plan.gone);
  return {
    posted: outcome.posted,
    alreadyCommented: plan.alreadyCommented,
    resolved,
    overMax: plan.uncommented.length - toPost.length,
    refused: outcome.refused,
    disabled: false,
  };
}

/** Resolves the threads of comments whose finding is gone; answers "fixed in" where that fails. */
async function markFixed(job: ReviewJob, gone: readonly ExistingComment[]): Promise<number> {
  if (gone.length === 0) return 0;
  const pull = { ...job.repo, pull_number: job.pull.number };
  let threads = new Map<number, ReviewThread>();
  try {
    threads = await listReviewThreads(job.github, pull);
  } catch (error) {
    job.log.warn({ error: describeError(error) }, 'could not list review threads: answering instead of resolving');
  }
  let marked = 0;
  for (const comment of gone) {
    const thread = threads.get(comment.id);
    if (thread?.isResolved) continue;
    if (thread) {
      try {
        await resolveReviewThread(job.github, thread.id);
        marked++;
        continue;
      } catch (error) {
        job.log.warn({ commentId: comment.id, error: describeError(error) }, 'could not resolve a review thread: answering instead');
      }
    }
    const fingerprint = fingerprintInComment(comment.body) as string;
    await step('answer a fixed review comment', () => replyToComment(job.github, pull, comment.id, fixedReply(job.pull.headSha, fingerprint)));
    marked++;
  }
  return marked;
}
