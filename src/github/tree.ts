/** The dependency files of the head commit, from the git trees API (read even when the pull request does not touch them). */
import type { FileNote } from '../core/analyze.js';
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
  /** Symbolic links (whose blob is the target's path, not a file): never read, and noted when included. */
  links: FileNote[];
}

const SYMBOLIC_LINK_MODE = '120000';

export async function listDependencyFiles(github: GitHub, repo: RepoRef, headSha: string): Promise<DependencyListing> {
  const { data } = await github.rest.git.getTree({ ...repo, tree_sha: headSha, recursive: 'true' });
  const all = new Map<string, BlobRequest>();
  const links: FileNote[] = [];
  for (const entry of data.tree) {
    if (entry.type !== 'blob' || !entry.path || !entry.sha) continue;
    if (entry.mode === SYMBOLIC_LINK_MODE) {
      links.push({ path: entry.path, note: 'a symbolic link; not followed' });
      continue;
    }
    const file: BlobRequest = { path: entry.path, sha: entry.sha };
    if (entry.size !== undefined) file.size = entry.size;
    all.set(entry.path, file);
  }
  return { files: [...all.values()].filter((f) => isDependencyFile(f.path)), all, truncated: data.truncated, links };
}
