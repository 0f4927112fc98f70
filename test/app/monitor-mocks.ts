/** The GitHub requests of the advisory monitoring's ticks, mocked with nock (in-process and with REDIS_URL). */
import type nock from 'nock';
import { mockInstallationToken, REPO_PATH } from './harness.js';
import { blobSha, mockBlob, mockNoConfig } from './github.js';
import { BASE_REF, INSTALLATION_ID, OWNER, REPO } from './payloads.js';

export const HEAD = 'c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff';
export const VULNERABLE = '# web\nflask==2.0.1  # pinned\nwerkzeug==3.0.0\n';
export const DAY = 24 * 3_600_000;

/** The App-level requests of a tick: the installations (and, the first time, the App's slug and an installation token). */
export function mockInstallations(github: nock.Scope, options: { first: boolean; issues?: 'write' | 'read' }) {
  github.get('/app/installations').query({ per_page: 100 }).reply(200, [
    { id: INSTALLATION_ID, account: { login: OWNER }, permissions: { checks: 'write', contents: 'read', metadata: 'read', pull_requests: 'write', ...(options.issues && { issues: options.issues }) }, suspended_at: null },
  ]);
  if (options.first) {
    github.get('/app').reply(200, { id: 123, slug: 'flaskguard', name: 'FlaskGuard' });
    mockInstallationToken(github);
  }
  github.get('/installation/repositories').query({ per_page: 100 }).reply(200, { total_count: 1, repositories: [{ name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, archived: false }] });
  github.get(REPO_PATH).reply(200, { name: REPO, full_name: `${OWNER}/${REPO}`, default_branch: BASE_REF, html_url: `https://github.com/${OWNER}/${REPO}` });
}

/** The repository's reads at a tick that audits it: its head, config, tree and requirements file. */
export function mockAuditReads(github: nock.Scope, sha: string, requirements: string) {
  github.get(`${REPO_PATH}/git/ref/heads%2F${BASE_REF}`).reply(200, { ref: `refs/heads/${BASE_REF}`, object: { sha, type: 'commit' } });
  mockNoConfig(github, sha);
  github.get(`${REPO_PATH}/git/trees/${sha}`).query({ recursive: 'true' }).reply(200, {
    sha,
    truncated: false,
    tree: [{ path: 'requirements.txt', mode: '100644', type: 'blob', sha: blobSha('requirements.txt', requirements), size: requirements.length }],
  });
  mockBlob(github, 'requirements.txt', requirements);
}

export function mockIssues(github: nock.Scope, issues: object[]) {
  github.get(`${REPO_PATH}/issues`).query({ state: 'all', creator: 'flaskguard[bot]', sort: 'created', direction: 'desc', per_page: 100 }).reply(200, issues);
}

export interface IssueBody {
  title?: string;
  body?: string;
  state?: string;
  state_reason?: string;
}
