/**
 * The App's real HTTP server against the simulator: a pull request reviewed end to end, a later
 * push, twenty pull requests at once, and forged deliveries. Every request the App sends must
 * be one GitHub's API description allows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Stack, type SimPullRequest, type SimRepository } from '../simulator/index.js';
import { annotationsOf, commentsOf, routesSince, splitRoutes } from './expect.js';
import { ADVISORIES, BASE_FILES, DEBUG_FIX, HEAD_CHANGES } from './scenario.js';

let stack: Stack;

beforeAll(async () => {
  stack = await Stack.start({ advisories: ADVISORIES });
});

afterEach(() => {
  expect(stack.sim.store.violations).toEqual([]);
  expect(stack.sim.store.responseViolations).toEqual([]);
});

afterAll(async () => {
  await stack?.stop();
});

function repository(name: string): Promise<SimRepository> {
  return stack.sim.store.createRepository({ owner: 'acme', name, files: BASE_FILES });
}

const TOKEN = 'POST /app/installations/{installation_id}/access_tokens 201';
const CREATE_RUN = 'POST /repos/{owner}/{repo}/check-runs 201';
const UPDATE_RUN = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id} 200';
const CREATE_REVIEW = 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews 200';

describe('a pull request', () => {
  let pull: SimPullRequest;

  it('gets a check run with its annotations and one review with a comment per finding', async () => {
    const repo = await repository('shop');
    pull = await stack.sim.store.openPullRequest(repo, { branch: 'feature', title: 'Run the shop', changes: HEAD_CHANGES });
    const from = stack.sim.store.requests.length;
    const { delivery, checkRun } = await stack.review(stack.sim.payloads.pullRequest(pull, 'opened'), pull);

    expect(delivery.status).toBe(200);
    expect([checkRun.name, checkRun.conclusion, checkRun.output.title]).toEqual(['FlaskGuard', 'failure', '2 critical, 1 high in 2 files']);
    expect(checkRun.requests.map((r) => [r.method, r.body.status])).toEqual([
      ['POST', 'in_progress'],
      ['PATCH', 'completed'],
    ]);
    expect(annotationsOf(checkRun)).toEqual([
      ['app.py', 6, 6, 1, 27, 'failure', 'hardcoded-secret-key'],
      ['app.py', 15, 15, 29, 38, 'failure', 'flask-run-debug'],
      ['requirements.txt', 2, 2, 1, 15, 'failure', 'vulnerable-dependency'],
    ]);
    expect(checkRun.output.summary).toContain('Advisories: GitHub Advisory Database.');
    expect(checkRun.output.summary).toContain('GHSA-xg9f-g7g7-2323');

    const reviews = stack.sim.store.reviews.filter((r) => r.pull === pull);
    expect(reviews.map((r) => [r.state, r.commitId, r.user.login, r.commentIds.length])).toEqual([['COMMENTED', pull.headSha, 'flaskguard[bot]', 3]]);
    expect(commentsOf(stack.sim, pull)).toEqual([
      ['app.py', null, 6, 'hardcoded-secret-key', 'app.secret_key = os.environ["SECRET_KEY"]'],
      ['app.py', null, 15, 'flask-run-debug', '    app.run(host="0.0.0.0", debug=False)'],
      ['requirements.txt', null, 2, 'vulnerable-dependency', 'werkzeug==2.2.3'],
    ]);

    const routes = splitRoutes(routesSince(stack.sim, from));
    expect(routes.writes).toEqual([TOKEN, CREATE_RUN, CREATE_REVIEW, UPDATE_RUN]);
    expect(routes.reads).toEqual([
      'GET /advisories 200',
      'GET /repos/{owner}/{repo}/contents/{path} 404',
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha} 200',
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha} 200',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha} 200',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments 200',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files 200',
    ]);
  });

  it('keeps one comment per finding on a later push, and resolves the thread of the finding it fixed', async () => {
    await stack.sim.store.push(pull, DEBUG_FIX);
    const from = stack.sim.store.requests.length;
    const { checkRun } = await stack.review(stack.sim.payloads.pullRequest(pull, 'synchronize'), pull);

    expect([checkRun.conclusion, checkRun.output.title]).toEqual(['failure', '1 critical, 1 high in 2 files']);
    expect(annotationsOf(checkRun).map((a) => a[6])).toEqual(['hardcoded-secret-key', 'vulnerable-dependency']);
    expect(stack.sim.store.reviews.filter((r) => r.pull === pull)).toHaveLength(1);
    expect(commentsOf(stack.sim, pull).map((c) => c[3])).toEqual(['hardcoded-secret-key', 'flask-run-debug', 'vulnerable-dependency']);
    const threads = stack.sim.store.threads.filter((t) => t.pull === pull);
    const ruleOfThread = (commentId: number) => commentsOf(stack.sim, pull)[stack.sim.store.comments.filter((c) => c.pull === pull).findIndex((c) => c.id === commentId)]?.[3];
    expect(threads.map((t) => [ruleOfThread(t.commentIds[0] as number), t.isResolved, t.resolvedBy?.login ?? null])).toEqual([
      ['hardcoded-secret-key', false, null],
      ['flask-run-debug', true, 'flaskguard[bot]'],
      ['vulnerable-dependency', false, null],
    ]);
    expect(splitRoutes(routesSince(stack.sim, from)).writes).toEqual([CREATE_RUN, 'POST /graphql 200', 'POST /graphql 200', UPDATE_RUN]);
  });
});

describe('a pull request with a hostile .flaskguard.yml', () => {
  it('still fails its check: the file is a config problem and the base branch’s settings apply', async () => {
    const repo = await repository('hostile-config');
    const bomb = `rules: &r {hardcoded-secret-key: off, flask-run-debug: off}\n${Array.from({ length: 60 }, (_, i) => `k${i}: *r`).join('\n')}\nfail_on: none\n`;
    const pull = await stack.sim.store.openPullRequest(repo, { branch: 'quiet', changes: { files: { ...HEAD_CHANGES.files, '.flaskguard.yml': bomb } } });
    const { checkRun } = await stack.review(stack.sim.payloads.pullRequest(pull, 'opened'), pull);

    expect([checkRun.conclusion, checkRun.output.title]).toEqual(['failure', '2 critical, 1 high in 2 files']);
    expect(annotationsOf(checkRun).map((a) => a[6])).toEqual(['hardcoded-secret-key', 'flask-run-debug', 'vulnerable-dependency']);
    expect(checkRun.output.summary).toContain(
      'Invalid FlaskGuard configuration in .flaskguard.yml as changed by this pull request: uses YAML aliases (*name) more than 50 times; write the values out instead.',
    );
  });
});

describe('twenty pull requests delivered at once', () => {
  it('get twenty completed check runs and twenty reviews: none lost, none twice', async () => {
    const repo = await repository('busy');
    const pulls: SimPullRequest[] = [];
    for (let i = 1; i <= 20; i++) {
      const changes = { files: { ...HEAD_CHANGES.files, [`shop/feature_${i}.py`]: `FEATURE = ${i}\n` } };
      pulls.push(await stack.sim.store.openPullRequest(repo, { branch: `feature-${i}`, title: `Feature ${i}`, changes }));
    }
    const deliveries = await Promise.all(pulls.map((p) => stack.app.deliver(stack.sim.payloads.pullRequest(p, 'opened'))));
    expect(deliveries.map((d) => d.status)).toEqual(pulls.map(() => 200));
    await stack.sim.until(() => pulls.every((p) => stack.completedRuns(repo, p.headSha).length > 0), 'twenty completed check runs', 60_000);
    // Nothing is left running or waiting that could still post a second check run or review.
    await stack.idle();

    const runs = stack.sim.store.checkRuns.filter((r) => r.repository === repo);
    expect(runs.map((r) => r.headSha).sort()).toEqual(pulls.map((p) => p.headSha).sort());
    expect(new Set(runs.map((r) => [r.status, r.conclusion, r.output.title, r.annotations.length].join(' ')))).toEqual(new Set(['completed failure 2 critical, 1 high in 2 files 3']));
    const reviews = stack.sim.store.reviews.filter((r) => r.pull.repository === repo);
    expect(reviews.map((r) => r.pull.number).sort((a, b) => a - b)).toEqual(pulls.map((p) => p.number));
    expect(reviews.map((r) => r.commentIds.length)).toEqual(pulls.map(() => 3));
  }, 90_000);
});

describe('a delivery without the right signature', () => {
  it('is refused with a 4xx, and nothing is posted for it', async () => {
    const repo = await repository('forged');
    const forged = await stack.sim.store.openPullRequest(repo, { branch: 'forged', changes: HEAD_CHANGES });
    const event = stack.sim.payloads.pullRequest(forged, 'opened');
    const answers = await Promise.all([
      stack.app.deliver(event, { secret: 'not-the-webhook-secret' }),
      stack.app.deliver(event, { signature: `sha256=${'0'.repeat(64)}` }),
      stack.app.deliver(event, { signature: '' }),
    ]);
    for (const answer of answers) expect([answer.status >= 400 && answer.status < 500, answer.status]).toEqual([true, answer.status]);

    // A signed delivery after them is reviewed; the forged ones left no trace.
    const from = stack.sim.store.requests.length;
    const signed = await stack.sim.store.openPullRequest(repo, { branch: 'signed', changes: HEAD_CHANGES });
    await stack.review(stack.sim.payloads.pullRequest(signed, 'opened'), signed);
    expect(stack.sim.store.checkRuns.filter((r) => r.repository === repo && r.headSha === forged.headSha)).toEqual([]);
    expect(stack.sim.store.requests.slice(from).filter((r) => r.url.includes(`/pulls/${forged.number}/`))).toEqual([]);
    expect(stack.sim.store.reviews.filter((r) => r.pull === forged)).toEqual([]);
  });
});

describe('a signed delivery without the object its event needs', () => {
  it('is refused with a 400 and a short sentence, logged, and nothing is posted for it', async () => {
    const repo = await repository('malformed');
    const pull = await stack.sim.store.openPullRequest(repo, { branch: 'malformed', changes: HEAD_CHANGES });
    const event = stack.sim.payloads.pullRequest(pull, 'opened');
    const from = stack.sim.store.requests.length;
    const answers = await Promise.all([
      stack.app.deliver({ name: 'pull_request', payload: { ...event.payload, pull_request: null } }),
      stack.app.deliver({ name: 'pull_request', payload: null as unknown as Record<string, unknown> }),
      stack.app.deliver({ name: 'check_suite', payload: { ...event.payload, action: 'rerequested', check_suite: { head_sha: 7 } } }),
    ]);
    expect(answers.map((a) => [a.status, JSON.parse(a.body)])).toEqual([
      [400, { error: 'Bad delivery: a pull_request event must carry a pull_request object.' }],
      [400, { error: 'Bad delivery: the body must be a JSON object.' }],
      [400, { error: 'Bad delivery: a check_suite event must carry check_suite.head_sha as a string.' }],
    ]);
    // One warning each, naming the delivery (the server writes its log lines after answering).
    const warnings = () => answers.map((a) => stack.app.logs.filter((line) => line.includes(`"deliveryId":"${a.id}"`) && line.includes('"msg":"Bad delivery: ')).length);
    for (let wait = 0; wait < 100 && !warnings().every((n) => n > 0); wait++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(warnings()).toEqual([1, 1, 1]);
    expect(stack.sim.store.requests.slice(from)).toEqual([]);
  });
});

describe("the App's logs", () => {
  it('are JSON lines that never hold the private key, a token, the webhook secret or file contents', () => {
    const logs = stack.app.logs;
    expect(logs.length).toBeGreaterThan(20);
    expect(logs.filter((line) => !line.startsWith('{'))).toEqual([]);
    const keyBody = stack.secrets.privateKey.split('\n')[1] as string;
    const secrets = [keyBody, stack.secrets.webhookSecret, ...stack.sim.authority.issuedTokens, 'app.secret_key = \\"changeme\\"', 'app.secret_key = "changeme"'];
    expect(secrets.filter((secret) => logs.some((line) => line.includes(secret)))).toEqual([]);
  });
});
