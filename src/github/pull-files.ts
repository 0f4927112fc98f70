/** The files a pull request changes, from `pulls.listFiles` (100 a page, GitHub stops at 3000). */
import type { PullFile } from '../review/scope.js';
import type { GitHub, PullRef } from './client.js';

export const MAX_PULL_FILES = 3000;

export async function listPullFiles(github: GitHub, pull: PullRef): Promise<PullFile[]> {
  const files: PullFile[] = [];
  await github.paginate(github.rest.pulls.listFiles, { ...pull, per_page: 100 }, (response, done) => {
    for (const file of response.data) {
      // Submodule changes have no blob to read.
      if (!file.sha) continue;
      const entry: PullFile = { path: file.filename, status: file.status, blobSha: file.sha, changes: file.changes };
      if (file.patch !== undefined && file.patch !== null) entry.patch = file.patch;
      files.push(entry);
    }
    if (files.length >= MAX_PULL_FILES) done();
    return [];
  });
  return files.slice(0, MAX_PULL_FILES);
}
