/**
 * GET /repos/{owner}/{repo}/contents/{path}?ref=: a file (base64; past 1 MB GitHub sends no
 * content and encoding "none") or a directory listing, at a branch, tag or commit.
 */
import type { TreeEntry } from '../git/repository.js';
import { json, notFound } from '../http.js';
import type { SimRepository } from '../model.js';
import { githubBase64, type Urls } from '../shapes.js';
import { repositoryOf, type Routes } from './context.js';

/** The contents API serves file contents up to this size. */
export const CONTENTS_LIMIT_BYTES = 1024 * 1024;

function entryShape(repo: SimRepository, entry: TreeEntry, ref: string, urls: Urls) {
  const type = entry.type === 'tree' ? 'dir' : entry.type === 'commit' ? 'submodule' : 'file';
  const path = encodeURI(entry.path);
  const self = `${urls.api}/repos/${repo.fullName}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const git = `${urls.api}/repos/${repo.fullName}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`;
  const html = `${urls.web}/${repo.fullName}/${entry.type === 'tree' ? 'tree' : 'blob'}/${encodeURIComponent(ref)}/${path}`;
  return {
    type,
    size: entry.size ?? 0,
    name: entry.path.split('/').at(-1) as string,
    path: entry.path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: type === 'file' ? `${urls.web}/${repo.fullName}/raw/${encodeURIComponent(ref)}/${path}` : null,
    _links: { self, git, html },
  };
}

export const contentRoutes: Routes = {
  'GET /repos/{owner}/{repo}/contents/{path}': async (request, context) => {
    const repo = repositoryOf(request, context);
    const ref = request.query.get('ref') ?? repo.defaultBranch;
    const commit = await repo.git.resolve(ref);
    const tree = commit ? await repo.git.tree(commit) : null;
    if (!tree) throw notFound();
    const path = (request.params.path as string).replace(/^\/+|\/+$/g, '');
    const entry = tree.byPath.get(path);
    if (!entry) throw notFound();
    if (entry.type === 'tree') {
      const children = tree.entries.filter((e) => e.path.startsWith(`${path}/`) && !e.path.slice(path.length + 1).includes('/'));
      return json(200, children.map((e) => entryShape(repo, e, ref, context.urls)));
    }
    const shape = entryShape(repo, entry, ref, context.urls);
    if (entry.type === 'commit') return json(200, { ...shape, submodule_git_url: shape.git_url });
    const content = (await repo.git.blob(entry.sha)) as Buffer;
    if (content.length > CONTENTS_LIMIT_BYTES) return json(200, { ...shape, content: '', encoding: 'none' });
    return json(200, { ...shape, content: githubBase64(content), encoding: 'base64' });
  },
};
