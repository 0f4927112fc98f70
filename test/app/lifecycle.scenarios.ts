import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { API, createTestApp, mockInstallationToken, recorder, REPO_PATH, type CheckRunBody, type ReviewRequestBody } from './harness.js';
import { existingComments, holdPullFiles, mockNoConfig, mockRun, viewsFiles as files } from './github.js';
import { checkRunPayload, checkSuitePayload, pullRequestPayload, pullRequestResource } from './payloads.js';



const HEAD1 = '1111111111111111111111111111111111111111';
const HEAD2 = '2222222222222222222222222222222222222222';
const VIEWS1 = ['from flask import Flask', '', 'app = Flask(__name__)', 'SECRET_KEY = "dev"', '', 'if __name__ == "__main__":', '    app.run(debug=True)', ''].join('\n');
const VIEWS2 = VIEWS1.replace('SECRET_KEY = "dev"', 'SECRET_KEY = os.environ["SECRET_KEY"]');

describe('later pushes', () => {
  it('comments a finding once, and resolves the thread of a finding that was fixed', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const firstReview = recorder<ReviewRequestBody>();
    const firstUpdate = recorder();
    mockRun(github, { checkRunId: 1, content: VIEWS1, review: firstReview, update: firstUpdate });
    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD1 }));
    const firstComments = firstReview.bodies[0]?.comments ?? [];
    expect(firstComments.map((c) => c.line)).toEqual([7, 4]);

    // Second push: the secret is fixed, debug=True stays.
    const secondUpdate = recorder();
    const graphql = recorder<{ query: string; variables: Record<string, unknown> }>();
    mockRun(github, { checkRunId: 2, content: VIEWS2, comments: existingComments(firstComments, 1001), update: secondUpdate });
    github.post('/graphql').reply(graphql.reply(200, {
      data: {
        repository: {
          pullRequest: {
            reviewThreads: {
              pageInfo: { hasNextPage: false, endCursor: null },
              nodes: [
                { id: 'THREAD_DEBUG', isResolved: false, comments: { nodes: [{ databaseId: 1001 }] } },
                { id: 'THREAD_SECRET', isResolved: false, comments: { nodes: [{ databaseId: 1002 }] } },
              ],
            },
          },
        },
      },
    }));
    github.post('/graphql').reply(graphql.reply(200, { data: { resolveReviewThread: { thread: { id: 'THREAD_SECRET', isResolved: true } } } }));
    await app.receive('pull_request', pullRequestPayload('synchronize', { headSha: HEAD2 }));

    expect(graphql.bodies[0]?.variables).toEqual({ owner: 'Codertocat', repo: 'Hello-World', number: 2, cursor: null });
    expect(graphql.bodies[1]?.query).toContain('resolveReviewThread');
    expect(graphql.bodies[1]?.variables).toEqual({ threadId: 'THREAD_SECRET' });
    expect(secondUpdate.bodies[0]).toMatchObject({ conclusion: 'failure', output: { title: '1 high in 1 file' } });
    expect(secondUpdate.bodies[0]?.output?.summary).toContain('Review: 0 new review comments, 1 already commented on earlier pushes, 1 earlier comment marked fixed.');
  });

  it('answers "fixed in" when the thread of a fixed finding cannot be found', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const firstReview = recorder<ReviewRequestBody>();
    mockRun(github, { checkRunId: 1, content: VIEWS1, review: firstReview, update: recorder() });
    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD1 }));
    const firstComments = firstReview.bodies[0]?.comments ?? [];

    const replies = recorder<{ body: string }>();
    mockRun(github, { checkRunId: 2, content: VIEWS2, comments: existingComments(firstComments, 1001), update: recorder() });
    github.post('/graphql').reply(200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } } });
    github.post(`${REPO_PATH}/pulls/2/comments/1002/replies`).reply(replies.reply(201, { id: 2001 }));
    await app.receive('pull_request', pullRequestPayload('synchronize', { headSha: HEAD2 }));

    expect(replies.bodies).toHaveLength(1);
    expect(replies.bodies[0]?.body).toMatch(/^Fixed in 2222222/);
  });
});

describe('concurrency and duplicates', () => {
  it('cancels a running review when a newer head SHA arrives, then reviews the newer one', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const oldUpdate = recorder();
    github.post(`${REPO_PATH}/check-runs`, (b: { head_sha: string }) => b.head_sha === HEAD1).reply(201, { id: 1 });
    mockNoConfig(github);
    const { reached: atFiles, release: releaseFiles } = holdPullFiles(github, 2, files(VIEWS1));
    github.patch(`${REPO_PATH}/check-runs/1`).reply(oldUpdate.reply(200, {}));
    const newUpdate = recorder();
    mockRun(github, { checkRunId: 2, content: VIEWS2, review: recorder(), update: newUpdate });

    await app.deliver('pull_request', pullRequestPayload('synchronize', { headSha: HEAD1 }));
    await atFiles;
    await app.deliver('pull_request', pullRequestPayload('synchronize', { headSha: HEAD2 }));
    releaseFiles();
    await app.queue.idle();

    expect(oldUpdate.bodies).toEqual([
      {
        status: 'completed',
        conclusion: 'cancelled',
        completed_at: expect.any(String),
        output: { title: 'Superseded by 2222222', summary: expect.stringContaining(HEAD2) },
      },
    ]);
    expect(newUpdate.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('ignores a redelivered webhook and a second event for a reviewed SHA; a re-run reviews again without duplicate comments', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    const firstReview = recorder<ReviewRequestBody>();
    mockRun(github, { checkRunId: 1, content: VIEWS1, review: firstReview, update: recorder() });
    const payload = pullRequestPayload('opened', { headSha: HEAD1 });
    await app.receive('pull_request', payload, 'delivery-A');

    // Nothing is mocked for these: any request would fail the test.
    await app.receive('pull_request', payload, 'delivery-A');
    await app.receive('pull_request', pullRequestPayload('reopened', { headSha: HEAD1 }), 'delivery-B');
    await app.receive('check_suite', checkSuitePayload('requested', { headSha: HEAD1, pullRequests: [2] }), 'delivery-C');

    const rerunUpdate = recorder<CheckRunBody>();
    github.get(`${REPO_PATH}/pulls/2`).reply(200, pullRequestResource({ number: 2, headSha: HEAD1 }));
    mockRun(github, { checkRunId: 3, content: VIEWS1, comments: existingComments(firstReview.bodies[0]?.comments ?? [], 1001), update: rerunUpdate });
    await app.receive('check_run', checkRunPayload({ headSha: HEAD1, pullRequests: [2] }), 'delivery-D');

    expect(firstReview.bodies).toHaveLength(1);
    expect(rerunUpdate.bodies[0]).toMatchObject({ conclusion: 'failure' });
    expect(rerunUpdate.bodies[0]?.output?.summary).toContain('2 already commented on earlier pushes');
  });

  it('finds a fork pull request by head SHA when the check suite lists none', async () => {
    const app = await createTestApp();
    const github = nock(API);
    mockInstallationToken(github);
    github
      .get(`${REPO_PATH}/pulls`)
      .query({ state: 'open', per_page: 100 })
      .reply(200, [pullRequestResource({ number: 5, headSha: 'f'.repeat(40) }), pullRequestResource({ number: 7, headSha: HEAD1 })]);
    const update = recorder();
    mockRun(github, { checkRunId: 9, content: VIEWS1, review: recorder(), update, number: 7 });

    await app.receive('check_suite', checkSuitePayload('requested', { headSha: HEAD1, pullRequests: [] }));

    expect(update.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('ignores re-runs of other apps\u2019 check runs', async () => {
    const app = await createTestApp();
    await app.receive('check_run', checkRunPayload({ headSha: HEAD1, pullRequests: [2], name: 'CI' }));
    expect(app.queue.stats).toEqual({ running: 0, waiting: 0 });
  });
});
