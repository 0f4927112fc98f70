import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { API, createTestApp, mockInstallationToken, recorder, REPO_PATH, type ReviewRequestBody } from './harness.js';
import { blobResponse, listFilesEntry, mockNoConfig, type FixtureFile } from './github.js';
import { pullRequestPayload } from './payloads.js';

const HEAD = '4444444444444444444444444444444444444444';
const PAGES = 30;
const PY_EVERY = 50;
const FLAGGED = 'app.run(debug=True)\n';

/**
 * 3000 files: every fiftieth a new Python file with one finding; the others changed Python files
 * whose diff GitHub did not send, each listed as not reviewed (which outgrows the summary limit).
 */
function files(): FixtureFile[] {
  return Array.from({ length: PAGES * 100 }, (_, i) =>
    i % PY_EVERY === 0
      ? { path: `app/m${String(i).padStart(4, '0')}.py`, status: 'added' as const, content: FLAGGED, patch: '@@ -0,0 +1 @@\n+app.run(debug=True)' }
      : { path: `app/big${String(i).padStart(4, '0')}.py`, content: 'x = 1\n', patch: null, changes: 9000 },
  );
}

describe('a pull request of 3000 files', () => {
  it('reads every page, sends annotations 50 per request, and truncates the summary', async () => {
    const app = await createTestApp();
    const github = nock(API);
    const all = files();
    const flagged = all.length / PY_EVERY;
    mockInstallationToken(github);
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 30 });
    mockNoConfig(github);
    github
      .get(`${REPO_PATH}/pulls/2/files`)
      .query(true)
      .times(PAGES)
      .reply((req: Request) => {
        const page = Number(new URL(req.url).searchParams.get('page') ?? '1');
        const link = page < PAGES ? { link: `<${API}${REPO_PATH}/pulls/2/files?per_page=100&page=${page + 1}>; rel="next"` } : {};
        return [200, all.slice((page - 1) * 100, page * 100).map(listFilesEntry), link];
      });
    github.get(/\/git\/blobs\//).times(flagged).reply(200, blobResponse('any', FLAGGED));
    github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    const reviews = recorder<ReviewRequestBody>();
    github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(200, {}));
    const updates = recorder();
    github.patch(`${REPO_PATH}/check-runs/30`).times(2).reply(updates.reply(200, {}));

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    // 60 annotations: a first update with 50 while the run is in progress, the last 10 with the conclusion.
    expect(updates.bodies.map((u) => u.output?.annotations?.length)).toEqual([50, 10]);
    expect(updates.bodies.map((u) => u.status)).toEqual([undefined, 'completed']);
    const last = updates.bodies.at(-1);
    expect(last).toMatchObject({ conclusion: 'failure', output: { title: `${flagged} high in ${flagged} files` } });
    const annotated = updates.bodies.flatMap((u) => u.output?.annotations ?? []).map((a) => a.path);
    expect(new Set(annotated).size).toBe(flagged);
    const summary = last?.output?.summary ?? '';
    expect(summary.length).toBeLessThanOrEqual(65_535);
    expect(summary).toMatch(/Summary truncated: \d+ more entries not shown/);
    expect(reviews.bodies[0]?.comments).toHaveLength(25);
    expect(reviews.bodies[0]?.body).toContain(`${flagged - 25} more are not commented here (review.max_comments: 25)`);
  });
});
