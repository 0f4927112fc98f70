/**
 * The App's own routes: an installation token for its JWT, the App itself and its one
 * installation (JWT), and the repositories the installation can see (installation token).
 */
import { GitHubError, json } from '../http.js';
import { paginate } from '../pagination.js';
import { appShape, installationShape, repositoryShape } from '../shapes.js';
import { pageOptions, type Routes } from './context.js';

export const appRoutes: Routes = {
  'GET /app': (request, context) => {
    context.authority.verifyAppJwt(request.headers);
    return json(200, appShape(context.app, context.urls));
  },

  'GET /app/installations': (request, context) => {
    context.authority.verifyAppJwt(request.headers);
    return json(200, [installationShape(context.authority.installationId, context.app, context.urls)]);
  },

  'GET /installation/repositories': (request, context) => {
    const page = paginate(context.store.repositories, pageOptions(request, context));
    return json(200, { total_count: context.store.repositories.length, repository_selection: 'all', repositories: page.items.map((r) => repositoryShape(r, context.urls)) }, page.headers);
  },

  'POST /app/installations/{installation_id}/access_tokens': (request, context) => {
    context.authority.verifyAppJwt(request.headers);
    const installationId = Number(request.params.installation_id);
    if (installationId !== context.authority.installationId) throw new GitHubError(404, 'Not Found');
    const { token, expiresAt } = context.authority.issueToken(installationId);
    return json(201, {
      token,
      expires_at: expiresAt,
      permissions: context.app.permissions,
      repository_selection: 'all',
    });
  },
};
