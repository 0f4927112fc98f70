/** The requirements files of the head commit, from the git trees API (read even when the pull request does not touch them). */
import { fileKind } from '../core/files.js';
import type { BlobRequest } from './blobs.js';
import type { GitHub, RepoRef } from './client.js';

export interface RequirementsListing {
  files: BlobRequest[];
  /** GitHub truncates very large trees: some requirements files may be missing. */
  truncated: boolean;
}

export async function listRequirementsFiles(github: GitHub, repo: RepoRef, headSha: string): Promise<RequirementsListing> {
  const { data } = await github.rest.git.getTree({ ...repo, tree_sha: headSha, recursive: 'true' });
  const files: BlobRequest[] = [];
  for (const entry of data.tree) {
    if (entry.type !== 'blob' || !entry.path || !entry.sha || fileKind(entry.path) !== 'requirements') continue;
    const file: BlobRequest = { path: entry.path, sha: entry.sha };
    if (entry.size !== undefined) file.size = entry.size;
    files.push(file);
  }
  return { files, truncated: data.truncated };
}
