/** The App's monitoring issue: found again by its hidden marker among the issues the App opened, created, edited, commented on. */
import type { GitHub, RepoRef } from './client.js';

export interface IssueRecord {
  number: number;
  state: string;
  body?: string | null;
}

/**
 * The App's own issue carrying `marker`: the open one if there is one, else the most recently
 * created. Only issues the App's bot opened are looked at (`creator`), so nobody else's issue
 * is taken over by quoting the marker.
 */
export async function findMarkedIssue(github: GitHub, repo: RepoRef, creator: string, marker: string): Promise<IssueRecord | undefined> {
  const issues = await github.paginate(github.rest.issues.listForRepo, { ...repo, state: 'all', creator, sort: 'created', direction: 'desc', per_page: 100 });
  const marked = issues.filter((i) => !i.pull_request && (i.body ?? '').includes(marker));
  const found = marked.find((i) => i.state === 'open') ?? marked[0];
  return found && { number: found.number, state: found.state, body: found.body ?? null };
}

export async function createIssue(github: GitHub, repo: RepoRef, title: string, body: string): Promise<number> {
  const { data } = await github.rest.issues.create({ ...repo, title, body });
  return data.number;
}

export async function editIssue(github: GitHub, repo: RepoRef, number: number, change: { body?: string; state?: 'open' | 'closed' }): Promise<void> {
  await github.rest.issues.update({ ...repo, issue_number: number, ...change, ...(change.state === 'closed' && { state_reason: 'completed' as const }) });
}

export async function commentOnIssue(github: GitHub, repo: RepoRef, number: number, body: string): Promise<void> {
  await github.rest.issues.createComment({ ...repo, issue_number: number, body });
}
