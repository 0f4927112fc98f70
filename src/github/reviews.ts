/**
 * Pull request reviews: one review per run with the inline comments, the comments FlaskGuard left
 * on earlier pushes, and marking the ones whose finding is gone (GraphQL resolveReviewThread, or a
 * "fixed in" reply where a thread cannot be resolved).
 */
import type { PlacedComment } from '../report/review.js';
import type { ExistingComment } from '../review/comment-plan.js';
import type { GitHub, PullRef } from './client.js';
import { httpStatus, step } from './errors.js';

export interface ReviewToPost {
  commitId: string;
  event: 'COMMENT' | 'REQUEST_CHANGES';
  /** Comment sets to try in turn while GitHub answers 422 (see fallbackCommentSets). */
  commentSets: readonly PlacedComment[][];
  /** The review body for the comments actually sent and the number GitHub refused. */
  body(comments: readonly PlacedComment[], refused: number): string;
}

export interface PostedReview {
  posted: number;
  refused: number;
}

/**
 * A comment outside the diff makes GitHub refuse the whole review with 422; then the review is
 * sent again with fewer comments, and the refused ones stay as annotations.
 */
export async function postReview(github: GitHub, pull: PullRef, review: ReviewToPost): Promise<PostedReview> {
  const all = review.commentSets[0]?.length ?? 0;
  return step('post its review', async () => {
    for (const [index, comments] of review.commentSets.entries()) {
      const refused = all - comments.length;
      try {
        await github.rest.pulls.createReview({
          ...pull,
          commit_id: review.commitId,
          event: review.event,
          body: review.body(comments, refused),
          comments: comments.map((c) => c.draft),
        });
        return { posted: comments.length, refused };
      } catch (error) {
        if (httpStatus(error) !== 422 || index === review.commentSets.length - 1) throw error;
      }
    }
    return { posted: 0, refused: all };
  });
}

export async function listReviewComments(github: GitHub, pull: PullRef): Promise<ExistingComment[]> {
  const comments = await step('list its earlier review comments', () =>
    github.paginate(github.rest.pulls.listReviewComments, { ...pull, per_page: 100 }),
  );
  return comments.map((c) => {
    const comment: ExistingComment = { id: c.id, path: c.path, body: c.body, byBot: c.user?.type === 'Bot' };
    if (c.in_reply_to_id !== undefined) comment.inReplyTo = c.in_reply_to_id;
    return comment;
  });
}

export interface ReviewThread {
  id: string;
  isResolved: boolean;
}

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{ id: string; isResolved: boolean; comments: { nodes: Array<{ databaseId: number | null }> } }>;
      };
    } | null;
  };
}

const THREADS_QUERY = `query ($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`;

/** Review threads by the id of their first comment. */
export async function listReviewThreads(github: GitHub, pull: PullRef): Promise<Map<number, ReviewThread>> {
  const threads = new Map<number, ReviewThread>();
  let cursor: string | null = null;
  do {
    const page: ThreadsPage = await github.graphql<ThreadsPage>(THREADS_QUERY, { owner: pull.owner, repo: pull.repo, number: pull.pull_number, cursor });
    const connection = page.repository.pullRequest?.reviewThreads;
    if (!connection) break;
    for (const node of connection.nodes) {
      const first = node.comments.nodes[0]?.databaseId;
      if (typeof first === 'number') threads.set(first, { id: node.id, isResolved: node.isResolved });
    }
    cursor = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (cursor);
  return threads;
}

const RESOLVE_MUTATION = `mutation ($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
}`;

export async function resolveReviewThread(github: GitHub, threadId: string): Promise<void> {
  await github.graphql(RESOLVE_MUTATION, { threadId });
}

export async function replyToComment(github: GitHub, pull: PullRef, commentId: number, body: string): Promise<void> {
  await github.rest.pulls.createReplyForReviewComment({ ...pull, comment_id: commentId, body });
}
