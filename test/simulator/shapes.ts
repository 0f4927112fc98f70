/**
 * The JSON GitHub answers with, built from the simulator's model: every field the API
 * description requires, with URLs that point back at the simulator.
 */
import { example } from './examples.js';
import type { ChangedFile } from './git/diff.js';
import type {
  SimCheckRun,
  SimIssue,
  SimPullRequest,
  SimRepository,
  SimReview,
  SimReviewComment,
  SimUser,
} from './model.js';

export interface Urls {
  /** The REST API root, e.g. http://127.0.0.1:41234/api/v3 */
  api: string;
  /** The web root, e.g. http://127.0.0.1:41234 */
  web: string;
}

export interface AppIdentity {
  id: number;
  slug: string;
  name: string;
  owner: SimUser;
  bot: SimUser;
  permissions: Record<string, string>;
}

const CREATED_AT = '2026-01-05T09:00:00Z';

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`sim:${prefix}:${id}`).toString('base64url')}`;
}

export function userShape(user: SimUser, urls: Urls) {
  const login = encodeURIComponent(user.login);
  const api = `${urls.api}/users/${login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    avatar_url: `${urls.web}/avatars/u/${user.id}`,
    gravatar_id: '',
    url: api,
    html_url: user.type === 'Bot' ? `${urls.web}/apps/${login.replace(/%5Bbot%5D$/, '')}` : `${urls.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    site_admin: false,
    user_view_type: 'public',
  };
}

export function repositoryShape(repo: SimRepository, urls: Urls) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}`;
  const templated = (name: string, suffix: string) => [`${name}_url`, `${api}/${suffix}`] as const;
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userShape(repo.owner, urls),
    html_url: html,
    description: null,
    fork: false,
    url: api,
    ...Object.fromEntries([
      templated('archive', '{archive_format}{/ref}'),
      templated('assignees', 'assignees{/user}'),
      templated('blobs', 'git/blobs{/sha}'),
      templated('branches', 'branches{/branch}'),
      templated('collaborators', 'collaborators{/collaborator}'),
      templated('comments', 'comments{/number}'),
      templated('commits', 'commits{/sha}'),
      templated('compare', 'compare/{base}...{head}'),
      templated('contents', 'contents/{+path}'),
      templated('contributors', 'contributors'),
      templated('deployments', 'deployments'),
      templated('downloads', 'downloads'),
      templated('events', 'events'),
      templated('forks', 'forks'),
      templated('git_commits', 'git/commits{/sha}'),
      templated('git_refs', 'git/refs{/sha}'),
      templated('git_tags', 'git/tags{/sha}'),
      templated('hooks', 'hooks'),
      templated('issue_comment', 'issues/comments{/number}'),
      templated('issue_events', 'issues/events{/number}'),
      templated('issues', 'issues{/number}'),
      templated('keys', 'keys{/key_id}'),
      templated('labels', 'labels{/name}'),
      templated('languages', 'languages'),
      templated('merges', 'merges'),
      templated('milestones', 'milestones{/number}'),
      templated('notifications', 'notifications{?since,all,participating}'),
      templated('pulls', 'pulls{/number}'),
      templated('releases', 'releases{/id}'),
      templated('stargazers', 'stargazers'),
      templated('statuses', 'statuses/{sha}'),
      templated('subscribers', 'subscribers'),
      templated('subscription', 'subscription'),
      templated('tags', 'tags'),
      templated('teams', 'teams'),
      templated('trees', 'git/trees{/sha}'),
    ]),
    git_url: `${html.replace(/^https?/, 'git')}.git`,
    ssh_url: `git@${new URL(urls.web).host}:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: 'Python',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    license: null,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    allow_forking: true,
    web_commit_signoff_required: false,
  };
}

function link(href: string) {
  return { href };
}

function branchShape(pull: SimPullRequest, side: 'base' | 'head', urls: Urls) {
  const repo = side === 'base' ? pull.repository : pull.headRepository;
  const ref = side === 'base' ? pull.baseRef : pull.headRef;
  return {
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha: side === 'base' ? pull.baseSha : pull.headSha,
    user: userShape(repo.owner, urls),
    repo: repositoryShape(repo, urls),
  };
}

/** A pull request as `pulls.list` and the commits→pulls lookup show it. */
export function pullRequestSimpleShape(pull: SimPullRequest, urls: Urls) {
  const repo = pull.repository;
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}/pull/${pull.number}`;
  const self = `${api}/pulls/${pull.number}`;
  return {
    url: self,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userShape(pull.user, urls),
    body: pull.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branchShape(pull, 'head', urls),
    base: branchShape(pull, 'base', urls),
    _links: {
      self: link(self),
      html: link(html),
      issue: link(`${api}/issues/${pull.number}`),
      comments: link(`${api}/issues/${pull.number}/comments`),
      review_comments: link(`${self}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${self}/commits`),
      statuses: link(`${api}/statuses/${pull.headSha}`),
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: pull.draft,
  };
}

/** A pull request as `pulls.get` shows it. */
export function pullRequestShape(pull: SimPullRequest, urls: Urls, reviewComments: number) {
  return {
    ...pullRequestSimpleShape(pull, urls),
    merged: false,
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: null,
    comments: 0,
    review_comments: reviewComments,
    maintainer_can_modify: false,
    commits: pull.heads.length,
    additions: pull.files.reduce((sum, f) => sum + f.additions, 0),
    deletions: pull.files.reduce((sum, f) => sum + f.deletions, 0),
    changed_files: pull.files.length,
  };
}

/** One entry of `pulls.listFiles`. */
export function diffEntryShape(file: ChangedFile, pull: SimPullRequest, urls: Urls) {
  const repo = pull.repository.fullName;
  const path = encodeURI(file.path);
  const removed = file.status === 'removed';
  const at = removed ? pull.baseSha : pull.headSha;
  return {
    sha: removed ? file.oldSha : file.newSha,
    filename: file.path,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${urls.web}/${repo}/blob/${at}/${path}`,
    raw_url: `${urls.web}/${repo}/raw/${at}/${path}`,
    contents_url: `${urls.api}/repos/${repo}/contents/${path}?ref=${at}`,
    ...(file.patch !== undefined && { patch: file.patch }),
    ...(file.previousPath !== undefined && { previous_filename: file.previousPath }),
  };
}

/** Base64 the way GitHub sends it: wrapped every 60 characters. */
export function githubBase64(content: Buffer): string {
  const encoded = content.toString('base64');
  return encoded.length === 0 ? '' : `${encoded.match(/.{1,60}/g)?.join('\n')}\n`;
}

export function blobShape(repo: SimRepository, sha: string, content: Buffer, urls: Urls) {
  return {
    sha,
    node_id: nodeId('B', parseInt(sha.slice(0, 8), 16)),
    size: content.length,
    url: `${urls.api}/repos/${repo.fullName}/git/blobs/${sha}`,
    content: githubBase64(content),
    encoding: 'base64',
  };
}

export function appShape(app: AppIdentity, urls: Urls) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('A', app.id),
    client_id: `Iv1.sim${app.id}`,
    owner: userShape(app.owner, urls),
    name: app.name,
    description: 'Flask security review',
    external_url: `${urls.web}/apps/${app.slug}`,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
    permissions: app.permissions,
    events: ['check_run', 'check_suite', 'pull_request'],
  };
}

export function checkRunShape(run: SimCheckRun, app: AppIdentity, pulls: readonly SimPullRequest[], urls: Urls) {
  const api = `${urls.api}/repos/${run.repository.fullName}`;
  return {
    id: run.id,
    node_id: nodeId('CR', run.id),
    head_sha: run.headSha,
    name: run.name,
    external_id: run.externalId,
    url: `${api}/check-runs/${run.id}`,
    html_url: `${urls.web}/${run.repository.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      ...run.output,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/check-runs/${run.id}/annotations`,
    },
    check_suite: { id: run.suiteId },
    app: appShape(app, urls),
    pull_requests: pulls.map((p) => ({
      id: p.id,
      number: p.number,
      url: `${api}/pulls/${p.number}`,
      head: { ref: p.headRef, sha: p.headSha, repo: { id: p.headRepository.id, url: `${urls.api}/repos/${p.headRepository.fullName}`, name: p.headRepository.name } },
      base: { ref: p.baseRef, sha: p.baseSha, repo: { id: p.repository.id, url: `${urls.api}/repos/${p.repository.fullName}`, name: p.repository.name } },
    })),
  };
}

export function reviewShape(review: SimReview, urls: Urls) {
  const repo = review.pull.repository.fullName;
  const html = `${urls.web}/${repo}/pull/${review.pull.number}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: nodeId('PRR', review.id),
    user: userShape(review.user, urls),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: `${urls.api}/repos/${repo}/pulls/${review.pull.number}`,
    _links: { html: link(html), pull_request: link(`${urls.api}/repos/${repo}/pulls/${review.pull.number}`) },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
    author_association: 'NONE',
  };
}

export function reviewCommentShape(comment: SimReviewComment, urls: Urls) {
  const repo = comment.pull.repository.fullName;
  const self = `${urls.api}/repos/${repo}/pulls/comments/${comment.id}`;
  const html = `${urls.web}/${repo}/pull/${comment.pull.number}#discussion_r${comment.id}`;
  const pullUrl = `${urls.api}/repos/${repo}/pulls/${comment.pull.number}`;
  return {
    url: self,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: nodeId('PRRC', comment.id),
    diff_hunk: comment.diffHunk,
    path: comment.path,
    position: comment.position,
    original_position: comment.position,
    commit_id: comment.commitId,
    original_commit_id: comment.commitId,
    ...(comment.inReplyTo !== undefined && { in_reply_to_id: comment.inReplyTo }),
    user: userShape(comment.user, urls),
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: 'NONE',
    _links: { self: link(self), html: link(html), pull_request: link(pullUrl) },
    start_line: comment.startLine,
    original_start_line: comment.startLine,
    start_side: comment.startSide,
    line: comment.line,
    original_line: comment.line,
    side: comment.side,
    subject_type: 'line',
  };
}

/** `GET /repos/{owner}/{repo}`: the repository with the fields of a full repository. */
export function fullRepositoryShape(repo: SimRepository, urls: Urls) {
  return {
    ...repositoryShape(repo, urls),
    network_count: 0,
    subscribers_count: 0,
    permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
    temp_clone_token: '',
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    delete_branch_on_merge: false,
  };
}

/** The App's one installation, as `GET /app/installations` lists it. */
export function installationShape(id: number, app: AppIdentity, urls: Urls) {
  return {
    ...(example<object[]>('base-installation-items')[0] as object),
    id,
    // The response check cannot match `account` (a nullable anyOf of a user and an enterprise) even
    // with GitHub's own example; the App does not read it.
    account: null,
    repository_selection: 'all',
    access_tokens_url: `${urls.api}/app/installations/${id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/organizations/${app.owner.login}/settings/installations/${id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: app.owner.id,
    target_type: 'Organization',
    permissions: app.permissions,
    events: ['check_run', 'check_suite', 'pull_request', 'push'],
    suspended_at: null,
    suspended_by: null,
  };
}

export function issueShape(issue: SimIssue, urls: Urls) {
  const api = `${urls.api}/repos/${issue.repository.fullName}/issues/${issue.number}`;
  // The example is a pull request's issue: an issue has no `pull_request`.
  const { pull_request: _pullRequest, ...base } = example('issue');
  return {
    ...base,
    id: issue.id,
    node_id: nodeId('I', issue.id),
    url: api,
    repository_url: `${urls.api}/repos/${issue.repository.fullName}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${urls.web}/${issue.repository.fullName}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userShape(issue.user, urls),
    labels: [],
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: issue.comments.length,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: issue.closedAt ? userShape(issue.user, urls) : null,
    author_association: 'NONE',
  };
}

export function issueCommentShape(issue: SimIssue, comment: SimIssue['comments'][number], urls: Urls) {
  const api = `${urls.api}/repos/${issue.repository.fullName}/issues`;
  return {
    ...example('issue-comment'),
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${api}/comments/${comment.id}`,
    html_url: `${urls.web}/${issue.repository.fullName}/issues/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${api}/${issue.number}`,
    body: comment.body,
    user: userShape(comment.user, urls),
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    author_association: 'NONE',
  };
}
