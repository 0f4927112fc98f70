import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { API, createTestApp, mockInstallationToken, recorder, REPO_PATH, type ReviewRequestBody } from './harness.js';
import { mockBlob, mockConfig, mockNoConfig, mockPullFiles, mockRun, viewsFiles } from './github.js';
import { pullRequestPayload } from './payloads.js';

const HEAD = '3333333333333333333333333333333333333333';
const VIEWS = ['from flask import Flask', '', 'app = Flask(__name__)', 'SECRET_KEY = "dev"', '', 'if __name__ == "__main__":', '    app.run(debug=True)', ''].join('\n');
const SECONDARY_LIMIT = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };

describe('configuration', () => {
  it('says exactly what is wrong with an invalid base config and reviews with the defaults', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    mockRun(github, { checkRunId: 1, content: VIEWS, config: 'fail_on: urgent\nreview:\n  max_comments: 500\n', review: recorder(), update });

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(update.bodies[0]).toMatchObject({ conclusion: 'failure', output: { title: '1 high, 1 medium in 1 file' } });
    const summary = update.bodies[0]?.output?.summary ?? '';
    expect(summary).toContain('Invalid FlaskGuard configuration in .flaskguard.yml on master:');
    expect(summary).toContain('fail_on: got "urgent"; allowed: critical, high, medium, low, info, none');
    expect(summary).toContain('review.max_comments: got 500; must be at most 100');
    expect(summary).toContain('This review ran with the default settings.');
  });

  it('validates the config a pull request changes, but applies the base branch’s', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    const reviews = recorder<ReviewRequestBody>();
    const proposed = 'rules:\n  test-debug-true: off\nreviews:\n  comments: off\n';
    mockRun(github, {
      checkRunId: 1,
      content: VIEWS,
      config: 'fail_on: medium\n',
      review: reviews,
      update,
      extraFiles: [{ path: '.flaskguard.yml', content: proposed, patch: '@@ -1 +1,4 @@\n-fail_on: medium\n+rules:\n+  test-debug-true: off\n+reviews:\n+  comments: off' }],
    });

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    // The pull request tried to switch the debug rule off: the base config still reports it.
    expect(reviews.bodies[0]?.comments.map((c) => c.line)).toEqual([7, 4]);
    expect(update.bodies[0]).toMatchObject({ conclusion: 'failure' });
    const summary = update.bodies[0]?.output?.summary ?? '';
    expect(summary).toContain('Invalid FlaskGuard configuration in .flaskguard.yml as changed by this pull request: reviews: unknown key; allowed keys here:');
    expect(summary).toContain("The base branch's configuration applies to this review");
  });

  it.each([
    ['an alias bomb', `rules: &r {test-debug-true: off}\n${Array.from({ length: 60 }, (_, i) => `k${i}: *r`).join('\n')}\n`, 'uses YAML aliases (*name) more than 50 times'],
    ['nesting too deep', `fail_on: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, 'nested too deeply to read'],
    ['a file over the size limit', `# ${'x'.repeat(70 * 1024)}\nfail_on: none\n`, 'is 71 KB; a configuration file may be at most 64 KB'],
  ])('a hostile config in the pull request (%s) cannot neutralise its check: it is a config problem and the check still fails', async (_name, proposed, problem) => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    const reviews = recorder<ReviewRequestBody>();
    mockRun(github, { checkRunId: 1, content: VIEWS, review: reviews, update, extraFiles: [{ path: '.flaskguard.yml', status: 'added', content: proposed, patch: null }] });

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(update.bodies[0]).toMatchObject({ conclusion: 'failure', output: { title: '1 high, 1 medium in 1 file' } });
    expect(reviews.bodies[0]?.comments.map((c) => c.line)).toEqual([7, 4]);
    const summary = update.bodies[0]?.output?.summary ?? '';
    expect(summary).toContain(`Invalid FlaskGuard configuration in .flaskguard.yml as changed by this pull request: ${problem}`);
    expect(summary).toContain("The base branch's configuration applies to this review; fix the file before merging.");
  });

  it('a config in the pull request over max_file_size_kb, with a diff GitHub does not show, is a config problem, not a file left unreviewed', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    const proposed = `# ${'x'.repeat(2048)}\n`;
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 7 });
    mockConfig(github, 'max_file_size_kb: 1\n');
    mockPullFiles(github, 2, [...viewsFiles(VIEWS), { path: '.flaskguard.yml', content: proposed, patch: null }]);
    mockBlob(github, 'app/views.py', VIEWS);
    mockBlob(github, '.flaskguard.yml', proposed);
    github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    github.post(`${REPO_PATH}/pulls/2/reviews`).reply(200, { id: 1 });
    github.patch(`${REPO_PATH}/check-runs/7`).reply(update.reply(200, {}));

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(update.bodies[0]).toMatchObject({ conclusion: 'failure' });
    const summary = update.bodies[0]?.output?.summary ?? '';
    expect(summary).toContain(".flaskguard.yml as changed by this pull request could not be read: larger than 1 KB (max_file_size_kb). The base branch's configuration applies");
    expect(summary).not.toContain('.flaskguard.yml: larger than');
  });
});

describe('failures end the check run with a sentence', () => {
  it('a file that cannot be read (404)', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 4 });
    mockNoConfig(github);
    mockPullFiles(github, 2, viewsFiles(VIEWS));
    github.get(/\/git\/blobs\//).reply(404, { message: 'Not Found' });
    github.patch(`${REPO_PATH}/check-runs/4`).reply(update.reply(200, {}));

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(update.bodies).toEqual([
      {
        status: 'completed',
        conclusion: 'neutral',
        completed_at: expect.any(String),
        output: { title: 'FlaskGuard could not finish', summary: 'FlaskGuard could not read app/views.py: 404 Not Found\n\nRe-run this check to try again.' },
      },
    ]);
  });

  it('a secondary rate limit is retried after retry-after, through Probot’s throttling', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const reviews = recorder<ReviewRequestBody>();
    const update = recorder();
    github.post(`${REPO_PATH}/pulls/2/reviews`).reply(403, SECONDARY_LIMIT, { 'retry-after': '1' });
    mockRun(github, { checkRunId: 1, content: VIEWS, review: reviews, update });

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(reviews.bodies).toHaveLength(1);
    expect(update.bodies[0]).toMatchObject({ conclusion: 'failure' });
  });

  it('a secondary rate limit that persists ends the run neutral', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 5 });
    mockNoConfig(github);
    github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).times(3).reply(403, SECONDARY_LIMIT, { 'retry-after': '1' });
    github.patch(`${REPO_PATH}/check-runs/5`).reply(update.reply(200, {}));

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(update.bodies[0]).toMatchObject({
      conclusion: 'neutral',
      output: { summary: `FlaskGuard could not list the pull request's files: 403 ${SECONDARY_LIMIT.message}\n\nRe-run this check to try again.` },
    });
  });

  it('a review GitHub refuses (422) is sent again without the inline comments, which stay as annotations', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const refused = recorder<ReviewRequestBody>();
    const reviews = recorder<ReviewRequestBody>();
    const update = recorder();
    github.post(`${REPO_PATH}/pulls/2/reviews`).reply(refused.reply(422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] }));
    mockRun(github, { checkRunId: 1, content: VIEWS, review: reviews, update });

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(refused.bodies[0]?.comments).toHaveLength(2);
    expect(reviews.bodies[0]?.comments).toEqual([]);
    expect(reviews.bodies[0]?.body).toContain('GitHub refused 2 inline comments');
    expect(update.bodies[0]).toMatchObject({ conclusion: 'failure' });
    expect(update.bodies[0]?.output?.annotations).toHaveLength(2);
    expect(update.bodies[0]?.output?.summary).toContain('2 refused by GitHub');
  });

  it('a review that keeps failing ends neutral but keeps the findings', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 6 });
    mockConfig(github, 'review:\n  event: REQUEST_CHANGES\n');
    mockPullFiles(github, 2, viewsFiles(VIEWS));
    github.get(/\/git\/blobs\//).reply(200, { size: VIEWS.length, encoding: 'base64', content: Buffer.from(VIEWS).toString('base64') });
    github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    github.post(`${REPO_PATH}/pulls/2/reviews`, (b: { event: string }) => b.event === 'REQUEST_CHANGES').times(2).reply(422, { message: 'Unprocessable Entity' });
    github.patch(`${REPO_PATH}/check-runs/6`).reply(update.reply(200, {}));

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(update.bodies[0]).toMatchObject({ conclusion: 'neutral', output: { title: 'FlaskGuard could not post its review' } });
    expect(update.bodies[0]?.output?.summary).toContain('FlaskGuard could not post its review: 422 Unprocessable Entity');
    expect(update.bodies[0]?.output?.annotations).toHaveLength(2);
  });
});
