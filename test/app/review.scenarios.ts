import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { API, createTestApp, mockInstallationToken, NOW, recorder, REPO_PATH, TOKEN, type CheckRunBody, type Recorder, type ReviewRequestBody } from './harness.js';
import { mockBlob, mockNoConfig, mockPullFiles, patchAdding, type FixtureFile } from './github.js';
import { pullRequestPayload } from './payloads.js';


const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const CHECK_RUN = 77;
const CHECK_URL = 'https://github.com/Codertocat/Hello-World/runs/77';

const VIEWS = ['from flask import Flask', '', 'app = Flask(__name__)', 'SECRET_KEY = "dev"', '', 'if __name__ == "__main__":', '    app.run(debug=True)', ''].join('\n');
const SETTINGS = ['DEBUG_SERVER = dict(debug=True)', 'TIMEOUT = 5', ''].join('\n');
const NEW_MODULE = 'run(debug=True)\n';

const FILES: FixtureFile[] = [
  { path: 'app/views.py', content: VIEWS, patch: patchAdding(VIEWS, [4, 7]) },
  // Line 1 is context: its finding is in the diff but not on a changed line.
  { path: 'app/settings.py', content: SETTINGS, patch: patchAdding(SETTINGS, [2]) },
  // A new file whose diff GitHub did not send: every line counts as changed.
  { path: 'app/new_module.py', status: 'added', content: NEW_MODULE, patch: null, changes: 1 },
  // A changed file without a diff cannot be scoped to changed lines.
  { path: 'app/huge.py', content: 'x = 1\n', patch: null, changes: 5000 },
  { path: 'app/old.py', status: 'removed', patch: '@@ -1 +0,0 @@\n-app.run(debug=True)' },
  { path: 'app/renamed.py', status: 'renamed', content: 'app.run(debug=True)\n', patch: null, changes: 0 },
  { path: 'README.md', content: '# hi\n', patch: '@@ -0,0 +1 @@\n+# hi' },
];

function mockCheckRunCreate(scope: nock.Scope, bodies: Recorder<unknown>) {
  return scope.post(`${REPO_PATH}/check-runs`).reply(bodies.reply(201, { id: CHECK_RUN, html_url: CHECK_URL }));
}

describe('a pull request with findings', () => {
  it('annotates changed lines, comments only on diff lines with suggestions, and fails the check', async () => {
    const app = await createTestApp();
    const created = recorder();
    const updates = recorder();
    const reviews = recorder<ReviewRequestBody>();
    const github = nock(API);
    mockInstallationToken(github);
    mockCheckRunCreate(github, created);
    mockNoConfig(github);
    mockPullFiles(github, 2, FILES);
    mockBlob(github, 'app/views.py', VIEWS);
    mockBlob(github, 'app/settings.py', SETTINGS);
    mockBlob(github, 'app/new_module.py', NEW_MODULE);
    github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(200, { id: 5 }));
    github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN}`).reply(updates.reply(200, { id: CHECK_RUN }));

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(created.bodies).toEqual([{ name: 'FlaskGuard', head_sha: HEAD, status: 'in_progress', started_at: NOW.toISOString() }]);

    expect(reviews.bodies).toHaveLength(1);
    const review = reviews.bodies[0] as ReviewRequestBody;
    expect(review.commit_id).toBe(HEAD);
    expect(review.event).toBe('COMMENT');
    expect(review.body).toContain(CHECK_URL);
    expect(review.comments.map((c) => [c.path, c.line, c.side, c.start_line])).toEqual([
      ['app/new_module.py', 1, 'RIGHT', undefined],
      ['app/views.py', 7, 'RIGHT', undefined],
      ['app/views.py', 4, 'RIGHT', undefined],
    ]);
    expect(review.comments[0]?.body).toContain('```suggestion\nrun(debug=False)\n```');
    expect(review.comments[1]?.body).toContain('```suggestion\n    app.run(debug=False)\n```');
    expect(review.comments[2]?.body).not.toContain('```suggestion');
    expect(review.comments[2]?.body).toContain('SECRET_KEY = os.environ["SECRET_KEY"]');
    for (const comment of review.comments) {
      expect(comment.body).toMatch(/<!-- flaskguard:fingerprint=[0-9a-f]{16} -->$/);
      expect(comment.body).toContain('(Critical)');
    }

    expect(updates.bodies).toHaveLength(1);
    const done = updates.bodies[0] as CheckRunBody;
    expect(done).toMatchObject({ status: 'completed', conclusion: 'failure', completed_at: NOW.toISOString() });
    expect(done.output?.title).toBe('2 high, 1 medium in 2 files');
    expect(done.output?.annotations?.map((a) => [a.path, a.start_line, a.end_line, a.start_column, a.end_column, a.annotation_level])).toEqual([
      ['app/new_module.py', 1, 1, 5, 14, 'failure'],
      ['app/views.py', 7, 7, 13, 22, 'failure'],
      ['app/views.py', 4, 4, 1, 18, 'warning'],
    ]);
    const summary = done.output?.summary ?? '';
    expect(summary).toContain(`https://github.com/Codertocat/Hello-World/blob/${HEAD}/app/views.py#L7-L7`);
    expect(summary).toContain('Remote Code Execution (Critical)');
    expect(summary).toContain('`app/huge.py`: not reviewed: diff too large');
    expect(summary).toContain('1 finding is on lines this pull request did not change');
    expect(summary).not.toContain('app/old.py');
    expect(summary).not.toContain('app/renamed.py');
  });

  it('logs pino JSON with delivery, repository, pull request and SHA, and never the token, key or file contents', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    mockCheckRunCreate(github, recorder());
    mockNoConfig(github);
    mockPullFiles(github, 2, FILES.slice(0, 1));
    mockBlob(github, 'app/views.py', VIEWS);
    github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    github.post(`${REPO_PATH}/pulls/2/reviews`).reply(200, { id: 5 });
    github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN}`).reply(200, { id: CHECK_RUN });

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }), 'delivery-log-test');

    const entries = app.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.find((e) => e.msg === 'review completed')).toMatchObject({ deliveryId: 'delivery-log-test', repo: 'Codertocat/Hello-World', pr: 2, sha: HEAD, conclusion: 'failure' });
    const everything = app.logs.join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('BEGIN RSA PRIVATE KEY');
    expect(everything).not.toContain('SECRET_KEY = ');
    expect(everything).not.toContain('debug=True');
    expect(everything).not.toContain(Buffer.from(VIEWS).toString('base64'));
  });
});

describe('a clean pull request', () => {
  it('succeeds without a review', async () => {
    const app = await createTestApp();
    const updates = recorder();
    const clean = 'from flask import Flask\napp = Flask(__name__)\n';
    const github = nock(API);
    mockInstallationToken(github);
    mockCheckRunCreate(github, recorder());
    mockNoConfig(github);
    mockPullFiles(github, 2, [{ path: 'app/views.py', content: clean, patch: patchAdding(clean, [2]) }]);
    mockBlob(github, 'app/views.py', clean);
    github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN}`).reply(updates.reply(200, { id: CHECK_RUN }));

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(updates.bodies).toEqual([
      {
        status: 'completed',
        conclusion: 'success',
        completed_at: NOW.toISOString(),
        output: { title: 'No findings on changed lines', summary: expect.stringContaining('FlaskGuard analyzed 1 changed file (3 lines)') },
      },
    ]);
  });
});

