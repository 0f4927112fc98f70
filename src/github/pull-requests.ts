/** Pull requests: the facts a review needs, from a webhook payload or from the API. */
import type { GitHub, RepoRef } from './client.js';

export interface PullRequestInfo {
  number: number;
  headSha: string;
  /** The base branch, where `.flaskguard.yml` is read. */
  baseRef: string;
  draft: boolean;
  state: string;
}

interface PullRequestShape {
  number: number;
  head: { sha: string };
  base: { ref: string };
  draft?: boolean;
  state: string;
}

export function pullRequestInfo(pull: PullRequestShape): PullRequestInfo {
  return { number: pull.number, headSha: pull.head.sha, baseRef: pull.base.ref, draft: pull.draft ?? false, state: pull.state };
}

export async function getPullRequest(github: GitHub, repo: RepoRef, number: number): Promise<PullRequestInfo> {
  const { data } = await github.rest.pulls.get({ ...repo, pull_number: number });
  return pullRequestInfo(data);
}

/**
 * Open pull requests whose head is this commit. Check events from forks carry no
 * `pull_requests`, so the pull request is found by its head SHA.
 */
export async function findOpenPullRequests(github: GitHub, repo: RepoRef, headSha: string): Promise<PullRequestInfo[]> {
  const pulls = await github.paginate(github.rest.pulls.list, { ...repo, state: 'open', per_page: 100 });
  return pulls.filter((p) => p.head.sha === headSha).map(pullRequestInfo);
}
