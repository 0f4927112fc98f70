/**
 * FlaskGuard's Octokit against mocked HTTP (nock; an unmatched request or an unused mock fails
 * the test): how often a server error is retried, and the process-wide spacing of writes.
 */
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { useGitHubMocks } from '../support/github-mocks.js';
import { describeError, step } from '../../src/github/errors.js';
import { DEFAULT_RATE_LIMIT_POLICY, flaskGuardOctokit, writeSpacing } from '../../src/github/octokit.js';

const API = 'https://api.github.com';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
useGitHubMocks();

function client(Octokit: ReturnType<typeof flaskGuardOctokit>) {
  return new Octokit({ auth: { token: 'ghs_installation' }, log: quiet });
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('server errors', () => {
  it('are not retried with serverErrorRetries 0', async () => {
    const octokit = client(flaskGuardOctokit({ ...DEFAULT_RATE_LIMIT_POLICY, serverErrorRetries: 0, throttle: writeSpacing(0) }));
    nock(API).get('/repos/acme/shop/pulls/1').reply(500, { message: 'Server Error' });
    expect(await statusOf(octokit.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 1 }))).toBe(500);
  });

  it('are sent again serverErrorRetries times', async () => {
    const Octokit = flaskGuardOctokit({ ...DEFAULT_RATE_LIMIT_POLICY, serverErrorRetries: 1, throttle: writeSpacing(0) });
    nock(API).get('/repos/acme/shop/pulls/1').times(2).reply(502, { message: 'Bad Gateway' });
    expect(await statusOf(client(Octokit).rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 1 }))).toBe(502);
    // (A fresh client: the retry plugin keeps a request's retry count, and so its wait, per client.)
    nock(API).get('/repos/acme/shop/pulls/2').reply(500, { message: 'Server Error' }).get('/repos/acme/shop/pulls/2').reply(200, { number: 2 });
    expect((await client(Octokit).rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 2 })).data).toEqual({ number: 2 });
  });

  it('wait 1 s before the first retry of a request, whatever failed before it on the same client', async () => {
    const octokit = client(flaskGuardOctokit({ ...DEFAULT_RATE_LIMIT_POLICY, serverErrorRetries: 0, throttle: writeSpacing(0) }));
    nock(API).get('/repos/acme/shop/contents/.flaskguard.yml').reply(404, { message: 'Not Found' }).get('/repos/acme/shop/pulls/1').reply(500, { message: 'Server Error' });
    expect(await statusOf(octokit.rest.repos.getContent({ owner: 'acme', repo: 'shop', path: '.flaskguard.yml' }))).toBe(404);
    // The retry plugin records the wait it chose (in seconds) on the error.
    const error = await octokit.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 1 }).then(
      () => undefined,
      (e: { status: number; request: { request: { retryAfter: number } } }) => e,
    );
    expect([error?.status, error?.request.request.retryAfter]).toEqual([500, 1]);
  });
});

describe('a refused connection', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
  const policy = (retries: number) => ({ ...DEFAULT_RATE_LIMIT_POLICY, serverErrorRetries: 3, connection: { retries, delayMs: () => 0 }, throttle: writeSpacing(0) });

  it('is retried by its own count, not as a server error, and reported as what it is', async () => {
    const octokit = client(flaskGuardOctokit(policy(1)));
    nock(API).get('/repos/acme/shop/pulls/1').times(2).replyWithError(refused);
    const failure = await step('read the pull request', () => octokit.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 1 })).catch((e: unknown) => e);
    expect((failure as Error).message).toBe('FlaskGuard could not read the pull request: could not connect to api.github.com (ECONNREFUSED)');
  });

  it('that recovers: the request goes through, a write included', async () => {
    const octokit = client(flaskGuardOctokit(policy(2)));
    nock(API).post('/repos/acme/shop/check-runs').times(2).replyWithError(refused).post('/repos/acme/shop/check-runs').reply(201, { id: 4 });
    expect((await octokit.rest.checks.create({ owner: 'acme', repo: 'shop', name: 'n', head_sha: 'a'.repeat(40) })).data).toEqual({ id: 4 });
  });

  it('is not mistaken for one when the connection was lost after the request was sent', async () => {
    const octokit = client(flaskGuardOctokit(policy(2)));
    nock(API).get('/repos/acme/shop/pulls/1').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).get('/repos/acme/shop/pulls/1').reply(200, { number: 1 });
    // Retried as before, by the server-error policy.
    expect((await octokit.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 1 })).data).toEqual({ number: 1 });
    expect(describeError(new Error('socket hang up'))).toBe('socket hang up');
  });
});

describe('writeSpacing', () => {
  const create = (octokit: ReturnType<typeof client>, name: string) => octokit.rest.checks.create({ owner: 'acme', repo: 'shop', name, head_sha: 'a'.repeat(40) });

  it('holds a write of any installation until the interval after the last one has passed, but no read', async () => {
    const spacing = writeSpacing(60_000);
    const Octokit = flaskGuardOctokit({ ...DEFAULT_RATE_LIMIT_POLICY, throttle: spacing });
    const [first, second] = [client(Octokit), client(Octokit)];
    nock(API).post('/repos/acme/shop/check-runs').reply(201, { id: 1 }).get('/repos/acme/shop/pulls/1').reply(200, { number: 1 });
    expect((await create(first, 'one')).data).toEqual({ id: 1 });

    const held = create(second, 'two');
    const limiter = spacing.write.key('no-id');
    while (limiter.counts().RUNNING === 0) await new Promise((resolve) => setImmediate(resolve));
    expect((await second.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 1 })).data).toEqual({ number: 1 });
    expect(limiter.counts()).toMatchObject({ RUNNING: 1, EXECUTING: 0 });

    await limiter.stop({ dropWaitingJobs: true });
    await expect(held).rejects.toThrow('This limiter has been stopped');
  });

  it('holds a write that notifies people (a review) in a limiter of its own, and no other write there', async () => {
    const reviewSpacing = writeSpacing(20_000).notifications;
    const Octokit = flaskGuardOctokit({ ...DEFAULT_RATE_LIMIT_POLICY, throttle: { ...writeSpacing(0), notifications: reviewSpacing } });
    const review = (octokit: ReturnType<typeof client>) => octokit.rest.pulls.createReview({ owner: 'acme', repo: 'shop', pull_number: 1, event: 'COMMENT', body: 'b' });
    const [first, second] = [client(Octokit), client(Octokit)];
    nock(API).post('/repos/acme/shop/pulls/1/reviews').reply(200, { id: 7 }).post('/repos/acme/shop/check-runs').reply(201, { id: 3 });
    expect((await review(first)).data).toEqual({ id: 7 });

    const held = review(second);
    const limiter = reviewSpacing.key('no-id');
    while (limiter.counts().RUNNING === 0) await new Promise((resolve) => setImmediate(resolve));
    expect((await create(second, 'three')).data).toEqual({ id: 3 });
    expect(limiter.counts()).toMatchObject({ RUNNING: 1, EXECUTING: 0 });

    await limiter.stop({ dropWaitingJobs: true });
    await expect(held).rejects.toThrow('This limiter has been stopped');
  });

  it('lets writes through one after the other at 0', async () => {
    const Octokit = flaskGuardOctokit({ ...DEFAULT_RATE_LIMIT_POLICY, throttle: writeSpacing(0) });
    nock(API).post('/repos/acme/shop/check-runs').times(3).reply(201, { id: 2 });
    const octokit = client(Octokit);
    const created = await Promise.all(['a', 'b', 'c'].map((name) => create(octokit, name)));
    expect(created.map((r) => r.data.id)).toEqual([2, 2, 2]);
  });
});
