/** The git database: blobs by SHA (base64) and trees (recursive on request), read from git. */
import { json, notFound } from '../http.js';
import { blobShape } from '../shapes.js';
import { repositoryOf, type Routes } from './context.js';

export const gitRoutes: Routes = {
  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': async (request, context) => {
    const repo = repositoryOf(request, context);
    const sha = request.params.file_sha as string;
    const content = /^[0-9a-f]{40}$/.test(sha) ? await repo.git.blob(sha) : null;
    if (!content) throw notFound();
    return json(200, blobShape(repo, sha, content, context.urls));
  },

  /** Any `recursive` value lists the whole tree, as on GitHub; past the entry limit the listing is truncated. */
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': async (request, context) => {
    const repo = repositoryOf(request, context);
    const tree = await repo.git.tree(request.params.tree_sha as string);
    if (!tree) throw notFound();
    const recursive = request.query.has('recursive');
    const entries = recursive ? tree.entries : tree.entries.filter((e) => !e.path.includes('/'));
    const limit = context.store.limits.maxTreeEntries;
    const api = `${context.urls.api}/repos/${repo.fullName}/git`;
    return json(200, {
      sha: tree.sha,
      url: `${api}/trees/${tree.sha}`,
      tree: entries.slice(0, limit).map((e) => ({
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.size !== undefined && { size: e.size }),
        url: `${api}/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
      })),
      truncated: entries.length > limit,
    });
  },
};
