/** The dependency files of the head commit, from the git trees API (read even when the pull request does not touch them). */
import { isDependencyFile } from '../deps/index.js';
import type { BlobRequest } from './blobs.js';
import type { GitHub, RepoRef } from './client.js';

export interface DependencyListing {
  /** The dependency files. */
  files: BlobRequest[];
  /** Every file of the tree, for the files that dependency files include (`-r base.in`). */
  all: Map<string, BlobRequest>;
  /** GitHub truncates very large trees: some requirements files may be missing. */
  truncated: boolean;
}

export async function listDependencyFiles(github: GitHub, repo: RepoRef, headSha: string): Promise<DependencyListing> {
  const { data } = await github.rest.git.getTree({ ...repo, tree_sha: headSha, recursive: 'true' });
  const all = new Map<string, BlobRequest>();
  for (const entry of data.tree) {
    if (entry.type !== 'blob' || !entry.path || !entry.sha) continue;
    const file: BlobRequest = { path: entry.path, sha: entry.sha };
    if (entry.size !== undefined) file.size = entry.size;
    all.set(entry.path, file);
  }
  return { files: [...all.values()].filter((f) => isDependencyFile(f.path)), all, truncated: data.truncated };
}
