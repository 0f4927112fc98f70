/**
 * Issues, as far as the App's advisory monitoring uses them: list (by state and creator), create,
 * edit (body, state), comment. Every edit body is recorded on the issue.
 */
import { GitHubError, json, notFound } from '../http.js';
import type { SimIssue } from '../model.js';
import { paginate } from '../pagination.js';
import { issueCommentShape, issueShape } from '../shapes.js';
import { pageOptions, repositoryOf, timestamp, type RouteContext, type Routes } from './context.js';
import type { SimRequest } from '../http.js';

function issueOf(request: SimRequest, context: RouteContext): SimIssue {
  const repo = repositoryOf(request, context);
  const issue = context.store.issues.find((i) => i.repository === repo && i.number === Number(request.params.issue_number));
  if (!issue) throw notFound();
  return issue;
}

/** Only an installation granted issues: write may change issues, as on GitHub. */
function requireIssuesWrite(context: RouteContext): void {
  if (context.app.permissions.issues !== 'write') throw new GitHubError(403, 'Resource not accessible by integration');
}

export const issueRoutes: Routes = {
  'GET /repos/{owner}/{repo}/issues': (request, context) => {
    const repo = repositoryOf(request, context);
    const state = request.query.get('state') ?? 'open';
    const creator = request.query.get('creator');
    const direction = request.query.get('direction') ?? 'desc';
    const issues = context.store.issues
      .filter((i) => i.repository === repo && (state === 'all' || i.state === state) && (!creator || i.user.login === creator))
      .sort((a, b) => (direction === 'asc' ? a.number - b.number : b.number - a.number));
    const page = paginate(issues, pageOptions(request, context, repo));
    return json(200, page.items.map((i) => issueShape(i, context.urls)), page.headers);
  },

  'POST /repos/{owner}/{repo}/issues': (request, context) => {
    requireIssuesWrite(context);
    const repo = repositoryOf(request, context);
    const body = request.body as { title: string; body?: string };
    const now = timestamp();
    const issue: SimIssue = {
      repository: repo,
      number: context.store.nextIssueNumber(repo),
      id: context.store.id(),
      title: body.title,
      body: body.body ?? '',
      user: context.app.bot,
      state: 'open',
      stateReason: null,
      comments: [],
      edits: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    context.store.issues.push(issue);
    return json(201, issueShape(issue, context.urls));
  },

  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': (request, context) => {
    requireIssuesWrite(context);
    const issue = issueOf(request, context);
    const body = request.body as { body?: string; state?: 'open' | 'closed'; state_reason?: string; title?: string };
    issue.edits.push(body as Record<string, unknown>);
    if (body.title !== undefined) issue.title = body.title;
    if (body.body !== undefined) issue.body = body.body;
    if (body.state !== undefined && body.state !== issue.state) {
      issue.state = body.state;
      issue.closedAt = body.state === 'closed' ? timestamp() : null;
      issue.stateReason = body.state === 'closed' ? (body.state_reason ?? 'completed') : 'reopened';
    }
    issue.updatedAt = timestamp();
    return json(200, issueShape(issue, context.urls));
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (request, context) => {
    requireIssuesWrite(context);
    const issue = issueOf(request, context);
    const comment = { id: context.store.id(), user: context.app.bot, body: (request.body as { body: string }).body, createdAt: timestamp() };
    issue.comments.push(comment);
    issue.updatedAt = comment.createdAt;
    return json(201, issueCommentShape(issue, comment, context.urls));
  },
};
