/**
 * The default branch: a push to it, and the App's installation on a repository, end in a
 * completed "FlaskGuard" check run on the head commit with the findings of the whole repository.
 */
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { API, createTestApp, mockInstallationToken, NOW, recorder, REPO_PATH } from './harness.js';
import { blobSha, mockBlob, mockNoConfig } from './github.js';
import { BASE_REF, installationPayload, pushPayload } from './payloads.js';

const AFTER = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';
const APP_PY = ['from flask import Flask', 'app = Flask(__name__)', 'SECRET_KEY = "dev"', 'app.run(debug=True)', ''].join('\n');
const CONFIG_PY = 'SECRET_KEY = "also-dev"\n';

function entry(path: string, content: string, mode = '100644') {
  return { path, mode, type: 'blob', sha: blobSha(path, content), size: content.length };
}

/** The requests of one whole-repository scan of `files` at AFTER. */
function mockScan(github: nock.Scope, files: Record<string, string>, extraTree: object[] = []) {
  const created = recorder();
  const update = recorder();
  github.post(`${REPO_PATH}/check-runs`).reply(created.reply(201, { id: 9, html_url: 'https://github.com/Codertocat/Hello-World/runs/9' }));
  mockNoConfig(github, AFTER);
  github
    .get(`${REPO_PATH}/git/trees/${AFTER}`)
    .query({ recursive: 'true' })
    .reply(200, { sha: AFTER, truncated: false, tree: [{ path: 'app', type: 'tree', sha: 'd1', mode: '040000' }, ...Object.entries(files).map(([p, c]) => entry(p, c)), ...extraTree] });
  for (const [path, content] of Object.entries(files)) if (path !== 'README.md') mockBlob(github, path, content);
  github.patch(`${REPO_PATH}/check-runs/9`).reply(update.reply(200, {}));
  return { created, update };
}

describe('default-branch check runs', () => {
  it('a push to the default branch creates a check run on the pushed commit with the findings of every file, highest severity first', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const { created, update } = mockScan(github, { 'app/main.py': APP_PY, 'app/config.py': CONFIG_PY, 'README.md': '# shop\n' });

    await app.receive('push', pushPayload({ after: AFTER }));

    expect(created.bodies).toEqual([{ name: 'FlaskGuard', head_sha: AFTER, status: 'in_progress', started_at: NOW.toISOString() }]);
    const done = update.bodies[0];
    expect(done).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: `1 high, 2 medium in 2 files on ${BASE_REF}` } });
    expect(done?.output?.annotations?.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ['app/main.py', 4, 'failure'],
      ['app/config.py', 1, 'warning'],
      ['app/main.py', 3, 'warning'],
    ]);
    const summary = done?.output?.summary ?? '';
    expect(summary).toMatch(/^FlaskGuard scanned the whole repository on `master`: 2 files \(\d+ lines of code\) at `b0b0b0b`\./);
    expect(summary).toContain('### Disable debug mode in production');
    expect(summary).toContain('### Secure secret key management');
  });

  it('a push to another branch, or a deleted default branch, scans nothing', async () => {
    const app = await createTestApp();
    await app.receive('push', pushPayload({ after: AFTER, ref: 'refs/heads/feature' }));
    await app.receive('push', pushPayload({ after: '0000000000000000000000000000000000000000', deleted: true }));
    await app.receive('push', pushPayload({ after: AFTER, ref: `refs/tags/${BASE_REF}` }));
    expect(app.logs.filter((l) => l.includes('default-branch scan'))).toEqual([]);
  });

  it('the same push delivered twice is scanned once', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const { update } = mockScan(github, { 'app/main.py': 'x = 1\n' });
    await app.receive('push', pushPayload({ after: AFTER }), 'same-delivery');
    await app.receive('push', pushPayload({ after: AFTER }), 'same-delivery');
    expect(update.bodies).toHaveLength(1);
    expect(update.bodies[0]).toMatchObject({ conclusion: 'success', output: { title: `No findings on ${BASE_REF}` } });
  });

  it('a repository with no Python code and no dependency files gets a short neutral check run', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const created = recorder();
    const update = recorder();
    github.post(`${REPO_PATH}/check-runs`).reply(created.reply(201, { id: 9 }));
    mockNoConfig(github, AFTER);
    github.get(`${REPO_PATH}/git/trees/${AFTER}`).query({ recursive: 'true' }).reply(200, { sha: AFTER, truncated: false, tree: [entry('README.md', '# docs\n'), entry('index.html', '<p>hi</p>\n')] });
    github.patch(`${REPO_PATH}/check-runs/9`).reply(update.reply(200, {}));

    await app.receive('push', pushPayload({ after: AFTER }));

    expect(update.bodies).toEqual([
      {
        status: 'completed',
        conclusion: 'neutral',
        completed_at: NOW.toISOString(),
        output: {
          title: 'No Python code or dependency files',
          summary: 'FlaskGuard found no Python files and no dependency files (requirements, pyproject.toml, Pipfile, lock files) on `master` at `b0b0b0b`: nothing to review.',
        },
      },
    ]);
  });

  it.each(['installation', 'installation_repositories'] as const)('%s: each repository now installed gets a scan of its default branch head', async (event) => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    github.get(REPO_PATH).reply(200, { name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: BASE_REF, html_url: 'https://github.com/Codertocat/Hello-World' });
    github.get(`${REPO_PATH}/git/ref/heads%2F${BASE_REF}`).reply(200, { ref: `refs/heads/${BASE_REF}`, object: { sha: AFTER, type: 'commit' } });
    const { created, update } = mockScan(github, { 'app/main.py': APP_PY });

    await app.receive(event, installationPayload(event));

    expect(created.bodies.map((b) => (b as { head_sha: string }).head_sha)).toEqual([AFTER]);
    expect(update.bodies[0]).toMatchObject({ conclusion: 'failure', output: { title: `1 high, 1 medium in 1 file on ${BASE_REF}` } });
  });

  it('an empty repository (no default branch yet) is not scanned', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    github.get(REPO_PATH).reply(200, { name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: BASE_REF, html_url: 'https://github.com/Codertocat/Hello-World' });
    github.get(`${REPO_PATH}/git/ref/heads%2F${BASE_REF}`).reply(409, { message: 'Git Repository is empty.' });
    await app.receive('installation', installationPayload('installation'));
    expect(app.logs.some((l) => l.includes('empty repository: nothing to scan'))).toBe(true);
  });
});
