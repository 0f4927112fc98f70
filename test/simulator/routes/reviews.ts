/**
 * Reviews and review comments. A review's inline comments must sit on lines of the diff (`line`
 * + `side`, `start_line` in the same hunk, or a legacy `position`); one comment that does not
 * makes GitHub refuse the whole review with 422 "Line could not be resolved". Each top-level
 * comment starts a review thread (resolvable through GraphQL); replies join their thread.
 */
import type { PatchLines, Side } from '../git/hunks.js';
import { GitHubError, json, notFound, unprocessable, type SimRequest } from '../http.js';
import type { SimPullRequest, SimReview, SimReviewComment, SimUser } from '../model.js';
import { paginate } from '../pagination.js';
import { nodeId, reviewCommentShape, reviewShape } from '../shapes.js';
import { pageOptions, pullOf, timestamp, type RouteContext, type Routes } from './context.js';

interface DraftComment {
  path: string;
  body: string;
  position?: number;
  line?: number;
  side?: Side;
  start_line?: number;
  start_side?: Side;
}

interface ReviewBody {
  commit_id?: string;
  body?: string;
  event?: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT';
  comments?: DraftComment[];
}

interface Placement {
  path: string;
  line: number;
  side: Side;
  startLine: number | null;
  startSide: Side | null;
  position: number | null;
  diffHunk: string;
}

const STATES = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' } as const;

/** Where a comment lands in the diff, or GitHub's reason for refusing it. */
function place(comment: DraftComment, lines: PatchLines | null, inPull: boolean): Placement | string {
  if (!inPull) return 'Path could not be resolved';
  if (!lines) return 'Line could not be resolved';
  if (comment.position !== undefined) {
    const at = lines.atPosition(comment.position);
    if (!at) return 'Position could not be resolved';
    return { path: comment.path, ...at, startLine: null, startSide: null, position: comment.position, diffHunk: lines.diffHunk(at.side, at.line) };
  }
  if (comment.line === undefined) return 'Either position or line is required';
  const side = comment.side ?? 'RIGHT';
  const hunk = lines.hunkOf(side, comment.line);
  if (hunk < 0) return 'Line could not be resolved';
  let startLine: number | null = null;
  let startSide: Side | null = null;
  if (comment.start_line !== undefined) {
    startSide = comment.start_side ?? side;
    startLine = comment.start_line;
    if (startSide === side && startLine >= comment.line) return 'start_line must precede line';
    if (lines.hunkOf(startSide, startLine) !== hunk) return 'start_line must be part of the same hunk as the line';
  }
  return { path: comment.path, line: comment.line, side, startLine, startSide, position: lines.positionOf(side, comment.line), diffHunk: lines.diffHunk(side, comment.line) };
}

function addComment(context: RouteContext, pull: SimPullRequest, fields: Omit<SimReviewComment, 'id' | 'pull' | 'createdAt' | 'threadId'>, threadId?: string): SimReviewComment {
  const id = context.store.id();
  const comment: SimReviewComment = { id, pull, createdAt: timestamp(), threadId: threadId ?? nodeId('PRRT', id), ...fields };
  context.store.comments.push(comment);
  const thread = context.store.thread(comment.threadId);
  if (thread) thread.commentIds.push(id);
  else context.store.threads.push({ id: comment.threadId, pull, commentIds: [id], isResolved: false, resolvedBy: null });
  return comment;
}

async function createReview(request: SimRequest, context: RouteContext) {
  const pull = pullOf(request, context);
  const body = request.body as ReviewBody;
  const commitId = body.commit_id ?? pull.headSha;
  if (!pull.heads.includes(commitId)) throw unprocessable('commit_id is not part of the pull request');
  if ((body.event === 'COMMENT' || body.event === 'REQUEST_CHANGES') && !body.body) throw unprocessable(`Body is required when the event is ${body.event}`);
  const files = await context.store.filesAt(pull, commitId);
  const placements = (body.comments ?? []).map((c) => place(c, context.store.patchLinesAt(pull, commitId, c.path), files.some((f) => f.path === c.path)));
  const refused = placements.filter((p): p is string => typeof p === 'string');
  if (refused.length > 0) throw new GitHubError(422, 'Unprocessable Entity', { errors: [...new Set(refused)] });

  const user: SimUser = context.app.bot;
  const review: SimReview = {
    id: context.store.id(),
    pull,
    user,
    commitId,
    state: body.event ? STATES[body.event] : 'PENDING',
    body: body.body ?? '',
    submittedAt: timestamp(),
    commentIds: [],
  };
  context.store.reviews.push(review);
  (placements as Placement[]).forEach((placement, index) => {
    const draft = (body.comments as DraftComment[])[index] as DraftComment;
    const comment = addComment(context, pull, { reviewId: review.id, user, commitId, body: draft.body, ...placement });
    review.commentIds.push(comment.id);
  });
  return json(200, reviewShape(review, context.urls));
}

export const reviewRoutes: Routes = {
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': createReview,

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': (request, context) => {
    const pull = pullOf(request, context);
    const page = paginate(context.store.reviews.filter((r) => r.pull === pull), pageOptions(request, context, pull.repository));
    return json(200, page.items.map((r) => reviewShape(r, context.urls)), page.headers);
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': (request, context) => {
    const pull = pullOf(request, context);
    let comments = context.store.comments.filter((c) => c.pull === pull);
    if (request.query.get('direction') === 'desc') comments = [...comments].reverse();
    const page = paginate(comments, pageOptions(request, context, pull.repository));
    return json(200, page.items.map((c) => reviewCommentShape(c, context.urls)), page.headers);
  },

  'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies': (request, context) => {
    const pull = pullOf(request, context);
    const target = context.store.comments.find((c) => c.pull === pull && c.id === Number(request.params.comment_id));
    if (!target) throw notFound();
    const root = target.inReplyTo ?? target.id;
    const { id: _id, pull: _pull, createdAt: _created, threadId, ...fields } = target;
    const reply = addComment(context, pull, { ...fields, user: context.app.bot, body: (request.body as { body: string }).body, inReplyTo: root, reviewId: context.store.id() }, threadId);
    return json(201, reviewCommentShape(reply, context.urls));
  },
};
