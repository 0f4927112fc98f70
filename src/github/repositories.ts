/** A repository's default branch and the commit at its head (none for an empty repository). */
import type { GitHub, RepoRef } from './client.js';
import { httpStatus } from './errors.js';

export interface BranchHead {
  branch: string;
  sha: string;
  /** The repository's web address, for links to lines. */
  htmlUrl: string;
}

export async function defaultBranchHead(github: GitHub, repo: RepoRef): Promise<BranchHead | null> {
  const { data } = await github.rest.repos.get({ ...repo });
  try {
    // Not retried: an empty repository's 409 is an answer, not a hiccup.
    const { data: ref } = await github.rest.git.getRef({ ...repo, ref: `heads/${data.default_branch}`, request: { retries: 0 } });
    return { branch: data.default_branch, sha: ref.object.sha, htmlUrl: data.html_url };
  } catch (error) {
    // An empty repository has no branch yet: GitHub answers 409 (or 404 for the ref).
    const status = httpStatus(error);
    if (status === 409 || status === 404) return null;
    throw error;
  }
}
