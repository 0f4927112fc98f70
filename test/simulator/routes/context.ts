/** What route handlers work with, and the lookups most of them start with. */
import type { Authority } from '../auth.js';
import { notFound, type SimRequest, type SimResponse } from '../http.js';
import type { SimPullRequest, SimRepository } from '../model.js';
import type { AppIdentity, Urls } from '../shapes.js';
import type { GitHubStore } from '../store.js';
import type { AdvisoryTable } from './advisories.js';

export interface RouteContext {
  store: GitHubStore;
  urls: Urls;
  app: AppIdentity;
  authority: Authority;
  advisories: AdvisoryTable;
}

export type Handler = (request: SimRequest, context: RouteContext) => Promise<SimResponse> | SimResponse;

/** Handlers by route ("METHOD /template" of GitHub's API description). */
export type Routes = Record<string, Handler>;

export function repositoryOf(request: SimRequest, context: RouteContext): SimRepository {
  const repo = context.store.repository(request.params.owner ?? '', request.params.repo ?? '');
  if (!repo) throw notFound();
  return repo;
}

export function pullOf(request: SimRequest, context: RouteContext): SimPullRequest {
  const pull = context.store.pull(repositoryOf(request, context), Number(request.params.pull_number));
  if (!pull) throw notFound();
  return pull;
}

export function pageOptions(request: SimRequest, context: RouteContext, repo?: SimRepository) {
  return { url: request.url, apiRoot: context.urls.api, ...(repo && { repositoryId: { fullName: repo.fullName, id: repo.id } }) };
}

export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}
