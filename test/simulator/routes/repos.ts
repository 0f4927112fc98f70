/** A repository and its branch refs: where the App finds the default branch's head. */
import { json, notFound } from '../http.js';
import { fullRepositoryShape } from '../shapes.js';
import { repositoryOf, type Routes } from './context.js';

export const repositoryRoutes: Routes = {
  'GET /repos/{owner}/{repo}': (request, context) => json(200, fullRepositoryShape(repositoryOf(request, context), context.urls)),

  'GET /repos/{owner}/{repo}/git/ref/{ref}': async (request, context) => {
    const repo = repositoryOf(request, context);
    const ref = request.params.ref as string;
    const sha = ref.startsWith('heads/') ? await repo.git.resolve(`refs/${ref}`) : null;
    if (!sha) throw notFound();
    const api = `${context.urls.api}/repos/${repo.fullName}/git`;
    return json(200, { ref: `refs/${ref}`, node_id: `REF_${Buffer.from(ref).toString('base64url')}`, url: `${api}/refs/${ref}`, object: { type: 'commit', sha, url: `${api}/commits/${sha}` } });
  },
};
