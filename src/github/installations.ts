/** The App's installations and the repositories each can see (the scheduled advisory monitoring walks them). */
import type { GitHub, RepoRef } from './client.js';

export interface InstallationInfo {
  id: number;
  /** Whether the installation granted `issues: write` (the monitoring issue needs it). */
  canWriteIssues: boolean;
  suspended: boolean;
}

/** `appClient` is authenticated as the App itself (its JWT). */
export async function listInstallations(appClient: GitHub): Promise<InstallationInfo[]> {
  const installations = await appClient.paginate(appClient.rest.apps.listInstallations, { per_page: 100 });
  return installations.map((i) => ({ id: i.id, canWriteIssues: i.permissions?.issues === 'write', suspended: Boolean(i.suspended_at) }));
}

export interface InstalledRepository extends RepoRef {
  fullName: string;
}

export async function listInstalledRepositories(github: GitHub): Promise<InstalledRepository[]> {
  const repositories = await github.paginate(github.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return repositories.filter((r) => !r.archived).map((r) => ({ owner: r.owner.login, repo: r.name, fullName: r.full_name }));
}

/** The login of the App's bot user (`slug[bot]`): the author of the issues it opens. */
export async function botLogin(appClient: GitHub): Promise<string> {
  const { data } = await appClient.rest.apps.getAuthenticated();
  return `${data?.slug ?? 'flaskguard'}[bot]`;
}
