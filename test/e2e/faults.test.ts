/**
 * GitHub failing under the App's real server: each injected fault still ends with a completed
 * check run — the right result when a retry or a fallback got through, else neutral with a
 * sentence saying what failed — and never one left in progress. The App retries a server error
 * once here (FLASKGUARD_RETRIES=1), so persistent failures cost one second, not fourteen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Stack, type FaultRule, type SimCheckRun, type SimPullRequest } from '../simulator/index.js';
import { annotationsOf, commentsOf } from './expect.js';
import { ADVISORIES, BASE_FILES, HEAD_CHANGES } from './scenario.js';

const BLOB = 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}';
const FILES = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
const UPDATE_RUN = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';
const CREATE_REVIEW = 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews';
const FINDINGS = ['hardcoded-secret-key', 'flask-run-debug', 'vulnerable-dependency'];

let stack: Stack;

beforeAll(async () => {
  stack = await Stack.start({ advisories: ADVISORIES, env: { FLASKGUARD_RETRIES: '1' } });
});

afterEach(() => {
  stack.sim.faults.clear();
  expect(stack.sim.store.violations).toEqual([]);
  expect(stack.sim.store.responseViolations).toEqual([]);
});

afterAll(async () => {
  await stack?.stop();
});

/** A pull request in a repository of its own (faults pick their requests by repository). */
async function pullRequest(repo: string): Promise<SimPullRequest> {
  const repository = await stack.sim.store.createRepository({ owner: 'acme', name: repo, files: BASE_FILES });
  return stack.sim.store.openPullRequest(repository, { branch: 'feature', changes: HEAD_CHANGES });
}

function inRepository(repo: string, route: string, fault: FaultRule['fault'], times = 1): FaultRule {
  return { route, fault, times, when: (request) => request.params.repo === repo };
}

/** Reviews the pull request and checks that every check run of its head is completed. */
async function review(pull: SimPullRequest): Promise<SimCheckRun> {
  const { checkRun } = await stack.review(stack.sim.payloads.pullRequest(pull, 'opened'), pull);
  expect(stack.sim.store.checkRuns.filter((r) => r.repository === pull.repository && r.headSha === pull.headSha).map((r) => r.status)).toEqual(['completed']);
  return checkRun;
}

function statusesOf(pull: SimPullRequest, route: string): number[] {
  return stack.sim.store.requests.filter((r) => r.route === route && r.url.includes(`/repos/acme/${pull.repository.name}/`)).map((r) => r.status);
}

describe('a server error', () => {
  it('once, on a file and on completing the check run: retried, and the review is whole', async () => {
    const pull = await pullRequest('error-once');
    const blob = stack.sim.faults.inject(inRepository('error-once', BLOB, { status: 500 }));
    const update = stack.sim.faults.inject(inRepository('error-once', UPDATE_RUN, { status: 502 }));
    const run = await review(pull);
    expect([blob.hits, update.hits]).toEqual([1, 1]);
    expect(statusesOf(pull, UPDATE_RUN)).toEqual([502, 200]);
    expect([run.conclusion, run.output.title]).toEqual(['failure', '2 critical, 1 high in 2 files']);
    expect(annotationsOf(run).map((a) => a[6])).toEqual(FINDINGS);
    expect(commentsOf(stack.sim, pull).map((c) => c[3])).toEqual(FINDINGS);
  });

  it('that persists: the check run ends neutral and says which step failed', async () => {
    const pull = await pullRequest('error-always');
    const files = stack.sim.faults.inject(inRepository('error-always', FILES, { status: 500 }, Infinity));
    const run = await review(pull);
    expect(files.hits).toBe(2);
    expect([run.conclusion, run.output.title]).toEqual(['neutral', 'FlaskGuard could not finish']);
    expect(run.output.summary).toBe("FlaskGuard could not list the pull request's files: 500 Server Error\n\nRe-run this check to try again.");
    expect(stack.sim.store.reviews.filter((r) => r.pull === pull)).toEqual([]);
  });
});

describe('a secondary rate limit', () => {
  it('on the review: waits for retry-after, then posts the review once', async () => {
    const pull = await pullRequest('rate-limited');
    const limit = stack.sim.faults.inject(inRepository('rate-limited', CREATE_REVIEW, { secondaryRateLimit: { retryAfterSeconds: 1 } }));
    const run = await review(pull);
    expect(limit.hits).toBe(1);
    expect(statusesOf(pull, CREATE_REVIEW)).toEqual([403, 200]);
    expect([run.conclusion, run.output.title]).toEqual(['failure', '2 critical, 1 high in 2 files']);
    expect(stack.sim.store.reviews.filter((r) => r.pull === pull)).toHaveLength(1);
    expect(commentsOf(stack.sim, pull).map((c) => c[3])).toEqual(FINDINGS);
  });
});

describe('a 404', () => {
  it('on a file: the check run ends neutral and names the file', async () => {
    const pull = await pullRequest('missing-blob');
    const sha = pull.files.find((f) => f.path === 'app.py')?.newSha;
    const missing = stack.sim.faults.inject({ route: BLOB, fault: { status: 404 }, when: (request) => request.params.file_sha === sha });
    const run = await review(pull);
    expect(missing.hits).toBe(1);
    expect([run.conclusion, run.output.title]).toEqual(['neutral', 'FlaskGuard could not finish']);
    expect(run.output.summary).toBe('FlaskGuard could not read app.py: 404 Not Found\n\nRe-run this check to try again.');
  });
});

describe('a 422 on the review', () => {
  it('once: the review is sent again without inline comments, and the findings stay as annotations', async () => {
    const pull = await pullRequest('refused-once');
    const refused = stack.sim.faults.inject(inRepository('refused-once', CREATE_REVIEW, { status: 422, message: 'Unprocessable Entity', errors: ['Line could not be resolved'] }));
    const run = await review(pull);
    expect(refused.hits).toBe(1);
    expect([run.conclusion, run.output.title]).toEqual(['failure', '2 critical, 1 high in 2 files']);
    expect(annotationsOf(run).map((a) => a[6])).toEqual(FINDINGS);
    const reviews = stack.sim.store.reviews.filter((r) => r.pull === pull);
    expect(reviews.map((r) => [r.state, r.commentIds.length])).toEqual([['COMMENTED', 0]]);
    expect(reviews[0]?.body).toContain('GitHub refused 3 inline comments');
  });

  it('every time: the check run ends neutral, with its annotations', async () => {
    const pull = await pullRequest('refused-always');
    const refused = stack.sim.faults.inject(inRepository('refused-always', CREATE_REVIEW, { status: 422 }, Infinity));
    const run = await review(pull);
    expect(refused.hits).toBe(2);
    expect([run.conclusion, run.output.title]).toEqual(['neutral', 'FlaskGuard could not post its review']);
    expect(run.output.summary).toContain('FlaskGuard could not post its review: 422 Unprocessable Entity');
    expect(annotationsOf(run).map((a) => a[6])).toEqual(FINDINGS);
  });
});

describe('slow answers', () => {
  it('delay the review but do not change it', async () => {
    const pull = await pullRequest('slow');
    const slowFiles = stack.sim.faults.inject(inRepository('slow', FILES, { delayMs: 800 }, Infinity));
    const slowBlobs = stack.sim.faults.inject(inRepository('slow', BLOB, { delayMs: 800 }, Infinity));
    const run = await review(pull);
    expect([slowFiles.hits, slowBlobs.hits]).toEqual([1, 2]);
    expect([run.conclusion, run.output.title]).toEqual(['failure', '2 critical, 1 high in 2 files']);
    expect(annotationsOf(run).map((a) => a[6])).toEqual(FINDINGS);
    expect(commentsOf(stack.sim, pull).map((c) => c[3])).toEqual(FINDINGS);
  });
});
