/** POST /app/installations/{installation_id}/access_tokens: an installation token for the App's JWT. */
import { GitHubError, json } from '../http.js';
import type { Routes } from './context.js';

export const appRoutes: Routes = {
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
