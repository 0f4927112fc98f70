/**
 * push to the default branch: a whole-repository scan of the new head commit. Pushes to other
 * branches are reviewed through their pull requests; a deleted branch has nothing to scan.
 */
import type { Logger } from 'pino';
import type { GitHub } from '../github/client.js';
import { dispatchBranchScan, type AppServices } from './dispatch.js';

const NO_COMMIT = /^0+$/;

export interface PushContext {
  id: string;
  octokit: GitHub;
  log: Logger;
  payload: { ref: string; after: string; deleted?: boolean; repository: { name: string; full_name: string; html_url: string; default_branch: string } };
}

export async function onPush(context: PushContext, services: AppServices): Promise<void> {
  const { ref, after, repository } = context.payload;
  if (ref !== `refs/heads/${repository.default_branch}` || context.payload.deleted || NO_COMMIT.test(after)) return;
  if (!services.scheduler.firstDelivery(context.id)) return;
  // The owner's login is the first half of the full name (a push payload's owner is a git identity with a name).
  const owner = repository.full_name.split('/')[0] as string;
  const eventContext = { ...context, payload: { repository: { ...repository, owner: { login: owner } } } };
  dispatchBranchScan(services, eventContext, { owner, repo: repository.name }, { branch: repository.default_branch, sha: after, htmlUrl: repository.html_url });
}
