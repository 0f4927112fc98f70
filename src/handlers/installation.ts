/**
 * installation.created and installation_repositories.added: the repositories the App can now
 * see get a whole-repository scan of their default branch, so that problems already on it show
 * before the first pull request does.
 */
import { describeError } from '../github/errors.js';
import { defaultBranchHead } from '../github/repositories.js';
import type { GitHub } from '../github/client.js';
import type { Logger } from 'pino';
import { dispatchBranchScan, type AppServices } from './dispatch.js';

interface InstalledRepository {
  name: string;
  full_name: string;
}

export interface InstallationContext {
  id: string;
  octokit: GitHub;
  log: Logger;
  payload: {
    action: string;
    repositories?: InstalledRepository[];
    repositories_added?: InstalledRepository[];
  };
}

export async function onInstallation(context: InstallationContext, services: AppServices): Promise<void> {
  if (!services.scheduler.firstDelivery(context.id)) return;
  const repositories = context.payload.repositories_added ?? context.payload.repositories ?? [];
  for (const repository of repositories) {
    const [owner, name] = repository.full_name.split('/') as [string, string];
    const repo = { owner, repo: name };
    const log = context.log.child({ deliveryId: context.id, repo: repository.full_name });
    services.scheduler.background(`find the default branch of ${repository.full_name}`, async () => {
      try {
        const head = await defaultBranchHead(context.octokit, repo);
        if (!head) {
          log.info('empty repository: nothing to scan');
          return;
        }
        const eventContext = { id: context.id, octokit: context.octokit, log: context.log, payload: { repository: { name, full_name: repository.full_name, html_url: head.htmlUrl, owner: { login: owner } } } };
        dispatchBranchScan(services, eventContext, repo, head);
      } catch (error) {
        log.error({ error: describeError(error) }, 'could not find the default branch');
      }
    });
  }
}
