/**
 * The simulator's routes answer like GitHub: exercised with Probot's Octokit (as the App uses it),
 * every answer checked against GitHub's response schemas, every request against the request ones.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ProbotOctokit } from 'probot';
import { throwawayKeyPair } from './app-process.js';
import type { SimPullRequest, SimRepository } from './model.js';
import { GitHubSimulator } from './simulator.js';

const keys = throwawayKeyPair();
let sim: GitHubSimulator;
let octokit: InstanceType<typeof ProbotOctokit>;
let repo: SimRepository;
let pull: SimPullRequest;
const owner = 'acme';
const name = 'shop';

const VIEWS_BASE = ['from flask import Flask', '', 'app = Flask(__name__)', '', '', '@app.route("/")', 'def index():', '    return "hi"', ''].join('\n');
const VIEWS_HEAD = VIEWS_BASE.replace('return "hi"', 'return "hello"') + 'app.run(debug=True)\n';

function client(privateKey = keys.privateKey): InstanceType<typeof ProbotOctokit> {
  return new ProbotOctokit({
    baseUrl: sim.apiUrl,
    auth: { appId: sim.app.id, privateKey, installationId: sim.installationId },
    throttle: { enabled: false },
    retry: { enabled: false },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

beforeAll(async () => {
  sim = await GitHubSimulator.start({
    appPublicKey: keys.publicKey,
    advisories: [
      { ghsaId: 'GHSA-2g68-c3qc-8985', cveId: 'CVE-2023-25577', summary: 'High resource usage when parsing multipart form data', severity: 'high', package: 'Werkzeug', vulnerabilities: [{ vulnerableVersionRange: '< 2.2.3', firstPatchedVersion: '2.2.3' }] },
      { ghsaId: 'GHSA-m2qf-hxjv-5gpq', cveId: 'CVE-2023-30861', summary: 'Possible disclosure of permanent session cookie', severity: 'high', package: 'flask', vulnerabilities: [{ vulnerableVersionRange: '< 2.2.5', firstPatchedVersion: '2.2.5' }, { vulnerableVersionRange: '>= 2.3.0, < 2.3.2', firstPatchedVersion: '2.3.2' }] },
    ],
  });
  octokit = client();
  repo = await sim.store.createRepository({ owner, name, files: { 'app/views.py': VIEWS_BASE, 'requirements.txt': 'flask==2.3.1\n', '.flaskguard.yml': 'fail_on: medium\n', 'big.bin': Buffer.alloc(1024 * 1024 + 1, 1) } });
  pull = await sim.store.openPullRequest(repo, { branch: 'feature', title: 'Say hello', changes: { files: { 'app/views.py': VIEWS_HEAD, 'app/new.py': 'X = 1\n' } } });
});

afterEach(() => sim.faults.clear());

afterAll(async () => {
  expect(sim.store.responseViolations).toEqual([]);
  await sim.stop();
});

describe('authentication', () => {
  it('gives an installation token only for a JWT signed with the App key', async () => {
    expect(await status(client(throwawayKeyPair().privateKey).rest.pulls.get({ owner, repo: name, pull_number: 1 }))).toBe(401);
    expect(await status(fetch(`${sim.apiUrl}/repos/${owner}/${name}/pulls/1`).then((r) => (r.ok ? r : Promise.reject(r))))).toBe(401);
    const { data } = await octokit.rest.pulls.get({ owner, repo: name, pull_number: 1 });
    expect(data.head.sha).toBe(pull.headSha);
    expect(sim.store.requests.filter((r) => r.route === 'POST /app/installations/{installation_id}/access_tokens').map((r) => r.status)).toEqual([401, 201]);
  });
});

describe('pull requests', () => {
  it('answers pulls.get, pulls.list and the pull requests of a commit', async () => {
    const { data } = await octokit.rest.pulls.get({ owner, repo: name, pull_number: 1 });
    expect([data.number, data.state, data.draft, data.base.ref, data.base.sha, data.head.ref, data.changed_files]).toEqual([1, 'open', false, 'main', pull.baseSha, 'feature', 2]);
    expect(await status(octokit.rest.pulls.get({ owner, repo: name, pull_number: 99 }))).toBe(404);
    const open = await octokit.rest.pulls.list({ owner, repo: name, state: 'open' });
    expect(open.data.map((p) => p.number)).toEqual([1]);
    const ofCommit = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo: name, commit_sha: pull.headSha });
    expect(ofCommit.data.map((p) => p.number)).toEqual([1]);
  });

  it('lists files with GitHub patches, paginated with Link headers on /repositories/{id}', async () => {
    const first = await octokit.rest.pulls.listFiles({ owner, repo: name, pull_number: 1, per_page: 1 });
    expect(first.data.map((f) => [f.filename, f.status, f.additions, f.deletions])).toEqual([['app/new.py', 'added', 1, 0]]);
    expect(first.headers.link).toBe(
      `<${sim.apiUrl}/repositories/${repo.id}/pulls/1/files?per_page=1&page=2>; rel="next", <${sim.apiUrl}/repositories/${repo.id}/pulls/1/files?per_page=1&page=2>; rel="last"`,
    );
    const all = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo: name, pull_number: 1, per_page: 1 });
    expect(all.map((f) => f.filename)).toEqual(['app/new.py', 'app/views.py']);
    expect(all[1]?.patch).toBe('@@ -5,4 +5,5 @@ app = Flask(__name__)\n \n @app.route("/")\n def index():\n-    return "hi"\n+    return "hello"\n+app.run(debug=True)');
  });

  it('stops listing files at 3000, like GitHub', async () => {
    const files = Object.fromEntries(Array.from({ length: 3005 }, (_, i) => [`pkg/m${String(i).padStart(4, '0')}.py`, `X = ${i}\n`]));
    const large = await sim.store.openPullRequest(repo, { branch: 'large', changes: { files } });
    const listed = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo: name, pull_number: large.number, per_page: 100 });
    expect(listed).toHaveLength(3000);
    expect(listed.at(-1)?.filename).toBe('pkg/m2999.py');
  });
});

describe('git data and contents', () => {
  it('serves blobs in base64 and 404 for unknown SHAs', async () => {
    const views = pull.files.find((f) => f.path === 'app/views.py');
    const { data } = await octokit.rest.git.getBlob({ owner, repo: name, file_sha: views?.newSha as string });
    expect([data.encoding, data.size, Buffer.from(data.content, 'base64').toString()]).toEqual(['base64', Buffer.byteLength(VIEWS_HEAD), VIEWS_HEAD]);
    expect(await status(octokit.rest.git.getBlob({ owner, repo: name, file_sha: 'f'.repeat(40) }))).toBe(404);
  });

  it('lists trees, recursively when asked', async () => {
    const flat = await octokit.rest.git.getTree({ owner, repo: name, tree_sha: pull.headSha });
    expect(flat.data.tree.map((e) => e.path)).toEqual(['.flaskguard.yml', 'app', 'big.bin', 'requirements.txt']);
    const deep = await octokit.rest.git.getTree({ owner, repo: name, tree_sha: pull.headSha, recursive: 'true' });
    expect(deep.data.tree.filter((e) => e.type === 'blob').map((e) => [e.path, e.size])).toEqual([
      ['.flaskguard.yml', 16],
      ['app/new.py', 6],
      ['app/views.py', Buffer.byteLength(VIEWS_HEAD)],
      ['big.bin', 1024 * 1024 + 1],
      ['requirements.txt', 13],
    ]);
    expect(deep.data.truncated).toBe(false);
  });

  it('serves contents at a ref, directories as lists, and no content past 1 MB', async () => {
    const config = await octokit.rest.repos.getContent({ owner, repo: name, path: '.flaskguard.yml', ref: 'main' });
    expect(Buffer.from((config.data as { content: string }).content, 'base64').toString()).toBe('fail_on: medium\n');
    const atBase = await octokit.rest.repos.getContent({ owner, repo: name, path: 'app/views.py', ref: pull.baseSha });
    expect(Buffer.from((atBase.data as { content: string }).content, 'base64').toString()).toBe(VIEWS_BASE);
    expect(await status(octokit.rest.repos.getContent({ owner, repo: name, path: 'app/new.py', ref: 'main' }))).toBe(404);
    const dir = await octokit.rest.repos.getContent({ owner, repo: name, path: 'app', ref: 'feature' });
    expect((dir.data as Array<{ name: string; type: string }>).map((e) => [e.name, e.type])).toEqual([['new.py', 'file'], ['views.py', 'file']]);
    const big = await octokit.rest.repos.getContent({ owner, repo: name, path: 'big.bin' });
    expect([(big.data as { encoding: string }).encoding, (big.data as { content: string }).content]).toEqual(['none', '']);
  });
});

describe('check runs', () => {
  it('records the create and every update, appending annotations', async () => {
    const annotation = (line: number) => ({ path: 'app/views.py', start_line: line, end_line: line, annotation_level: 'failure' as const, message: `m${line}` });
    const created = await octokit.rest.checks.create({ owner, repo: name, name: 'FlaskGuard', head_sha: pull.headSha, status: 'in_progress' });
    expect([created.data.status, created.data.conclusion]).toEqual(['in_progress', null]);
    await octokit.rest.checks.update({ owner, repo: name, check_run_id: created.data.id, output: { title: 't', summary: 's', annotations: [annotation(1)] } });
    const done = await octokit.rest.checks.update({ owner, repo: name, check_run_id: created.data.id, conclusion: 'failure', output: { title: '1 high', summary: 'sum', annotations: [annotation(9)] } });
    expect([done.data.status, done.data.conclusion, done.data.output.annotations_count]).toEqual(['completed', 'failure', 2]);
    const run = sim.store.checkRuns.find((r) => r.id === created.data.id);
    expect(run?.requests.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    expect(run?.annotations.map((a) => a.start_line)).toEqual([1, 9]);
    expect(run?.output).toEqual({ title: '1 high', summary: 'sum', text: null });
    const listed = await octokit.rest.checks.listForRef({ owner, repo: name, ref: pull.headSha, check_name: 'FlaskGuard' });
    expect(listed.data.check_runs.map((r) => r.id)).toContain(created.data.id);
    const annotations = await octokit.rest.checks.listAnnotations({ owner, repo: name, check_run_id: created.data.id });
    expect(annotations.data.map((a) => a.message)).toEqual(['m1', 'm9']);
  });

  it("lists a commit's check runs with their external_id: the newest of each name, or all with filter=all", async () => {
    const sha = pull.baseSha;
    const first = await octokit.rest.checks.create({ owner, repo: name, name: 'FlaskGuard', head_sha: sha, external_id: 'job-1', status: 'in_progress' });
    const second = await octokit.rest.checks.create({ owner, repo: name, name: 'FlaskGuard', head_sha: sha, external_id: 'job-2', status: 'in_progress' });
    const other = await octokit.rest.checks.create({ owner, repo: name, name: 'Other', head_sha: sha, status: 'in_progress' });
    const ids = (runs: Array<{ id: number; name: string; external_id: string | null }>) => runs.map((r) => [r.id, r.name, r.external_id]);
    const latest = await octokit.rest.checks.listForRef({ owner, repo: name, ref: sha });
    expect(ids(latest.data.check_runs)).toEqual([
      [other.data.id, 'Other', ''],
      [second.data.id, 'FlaskGuard', 'job-2'],
    ]);
    const all = await octokit.rest.checks.listForRef({ owner, repo: name, ref: sha, check_name: 'FlaskGuard', filter: 'all' });
    expect(ids(all.data.check_runs)).toEqual([
      [second.data.id, 'FlaskGuard', 'job-2'],
      [first.data.id, 'FlaskGuard', 'job-1'],
    ]);
    expect(all.data.total_count).toBe(2);
  });

  it('refuses what GitHub refuses: 51 annotations, completion without conclusion, an unknown commit', async () => {
    const before = sim.store.violations.length;
    const annotation = { path: 'a.py', start_line: 1, end_line: 1, annotation_level: 'notice' as const, message: 'm' };
    const run = await octokit.rest.checks.create({ owner, repo: name, name: 'FlaskGuard', head_sha: pull.headSha });
    expect(await status(octokit.rest.checks.update({ owner, repo: name, check_run_id: run.data.id, output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) } }))).toBe(422);
    expect(sim.store.violations.slice(before).map((v) => v.errors)).toEqual([['body/output/annotations must NOT have more than 50 items']]);
    expect(await status(octokit.rest.checks.update({ owner, repo: name, check_run_id: run.data.id, status: 'completed' }))).toBe(422);
    expect(await status(octokit.rest.checks.create({ owner, repo: name, name: 'FlaskGuard', head_sha: 'e'.repeat(40) }))).toBe(422);
    expect(sim.store.checkRuns.find((r) => r.id === run.data.id)?.requests).toHaveLength(1);
    sim.store.violations.length = before;
  });
});

describe('reviews', () => {
  it('creates a review with comments on diff lines, and threads for them', async () => {
    const review = await octokit.rest.pulls.createReview({
      owner,
      repo: name,
      pull_number: 1,
      commit_id: pull.headSha,
      event: 'COMMENT',
      body: 'FlaskGuard found 1 problem',
      comments: [{ path: 'app/views.py', line: 9, side: 'RIGHT', body: 'debug mode' }, { path: 'app/views.py', start_line: 7, line: 8, body: 'range' }],
    });
    expect(review.data.state).toBe('COMMENTED');
    const comments = await octokit.rest.pulls.listReviewComments({ owner, repo: name, pull_number: 1 });
    expect(comments.data.map((c) => [c.path, c.line, c.start_line, c.side, c.user?.login, c.user?.type, c.pull_request_review_id])).toEqual([
      ['app/views.py', 9, null, 'RIGHT', 'flaskguard[bot]', 'Bot', review.data.id],
      ['app/views.py', 8, 7, 'RIGHT', 'flaskguard[bot]', 'Bot', review.data.id],
    ]);
    expect(comments.data[0]?.diff_hunk).toBe('@@ -5,4 +5,5 @@ app = Flask(__name__)\n \n @app.route("/")\n def index():\n-    return "hi"\n+    return "hello"\n+app.run(debug=True)');
    expect(sim.store.threads.filter((t) => t.pull === pull)).toHaveLength(2);
  });

  it('refuses a whole review with 422 when one comment is outside the diff', async () => {
    const before = sim.store.comments.length;
    const outside = octokit.rest.pulls.createReview({
      owner,
      repo: name,
      pull_number: 1,
      event: 'COMMENT',
      body: 'b',
      comments: [{ path: 'app/views.py', line: 9, body: 'fine' }, { path: 'app/views.py', line: 2, body: 'outside' }],
    });
    await expect(outside).rejects.toMatchObject({ status: 422, response: { data: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] } } });
    expect(await status(octokit.rest.pulls.createReview({ owner, repo: name, pull_number: 1, event: 'COMMENT', body: 'b', comments: [{ path: 'requirements.txt', line: 1, body: 'x' }] }))).toBe(422);
    expect(await status(octokit.rest.pulls.createReview({ owner, repo: name, pull_number: 1, event: 'COMMENT', body: 'b', comments: [{ path: 'app/views.py', start_line: 9, line: 5, body: 'x' }] }))).toBe(422);
    expect(sim.store.comments.length).toBe(before);
  });

  it('threads replies, lists review threads in GraphQL and resolves them', async () => {
    const [first] = (await octokit.rest.pulls.listReviewComments({ owner, repo: name, pull_number: 1 })).data;
    const reply = await octokit.rest.pulls.createReplyForReviewComment({ owner, repo: name, pull_number: 1, comment_id: first?.id as number, body: 'Fixed in abc' });
    expect(reply.data.in_reply_to_id).toBe(first?.id);
    const query = `query ($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
      repository(owner: $owner, name: $repo) { pullRequest(number: $number) {
        reviewThreads(first: 1, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { id isResolved comments(first: 10) { nodes { databaseId } } } } } } }`;
    type Page = { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ id: string; isResolved: boolean; comments: { nodes: Array<{ databaseId: number }> } }> } } } };
    const page1 = await octokit.graphql<Page>(query, { owner, repo: name, number: 1 });
    const threads1 = page1.repository.pullRequest.reviewThreads;
    expect(threads1.nodes[0]?.comments.nodes.map((c) => c.databaseId)).toEqual([first?.id, reply.data.id]);
    expect(threads1.pageInfo.hasNextPage).toBe(true);
    const page2 = await octokit.graphql<Page>(query, { owner, repo: name, number: 1, cursor: threads1.pageInfo.endCursor });
    expect(page2.repository.pullRequest.reviewThreads.pageInfo.hasNextPage).toBe(false);

    const resolved = await octokit.graphql<{ resolveReviewThread: { thread: { isResolved: boolean } } }>(
      'mutation ($threadId: ID!) { resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }',
      { threadId: threads1.nodes[0]?.id },
    );
    expect(resolved.resolveReviewThread.thread.isResolved).toBe(true);
    expect(sim.store.thread(threads1.nodes[0]?.id as string)?.resolvedBy?.login).toBe('flaskguard[bot]');
    await expect(octokit.graphql('mutation { resolveReviewThread(input: { threadId: "PRRT_nope" }) { thread { id } } }')).rejects.toMatchObject({
      errors: [{ type: 'NOT_FOUND', message: "Could not resolve to a node with the global id of 'PRRT_nope'" }],
    });
  });

  it('records GraphQL documents that GitHub\'s schema refuses as violations', async () => {
    const before = sim.store.violations.length;
    await expect(octokit.graphql('query { repository(owner: "acme", name: "shop") { pullRequest(number: 1) { reviewThreads(first: 101) { nodes { id } } } } }')).rejects.toMatchObject({
      errors: [{ message: 'Requesting 101 records on the `reviewThreads` connection exceeds the `first` limit of 100 records.' }],
    });
    await expect(octokit.graphql('query { repository(owner: "acme", name: "shop") { pullRequest(number: 1) { threads { id } } } }')).rejects.toThrow();
    expect(sim.store.violations.slice(before).map((v) => [v.route, v.errors])).toEqual([['POST /graphql', ['Cannot query field "threads" on type "PullRequest".']]]);
    sim.store.violations.length = before;
  });
});

describe('advisories', () => {
  it('answers from the table, filtered by package and version', async () => {
    const werkzeug = await octokit.request('GET /advisories', { ecosystem: 'pip', affects: 'werkzeug@2.2.2' });
    expect(werkzeug.data.map((a) => a.ghsa_id)).toEqual(['GHSA-2g68-c3qc-8985']);
    expect((await octokit.request('GET /advisories', { ecosystem: 'pip', affects: 'werkzeug@2.2.3' })).data).toEqual([]);
    const flask = await octokit.request('GET /advisories', { ecosystem: 'pip', affects: 'Flask@2.3.1' });
    expect(flask.data.map((a) => a.vulnerabilities?.map((v) => [v.vulnerable_version_range, v.first_patched_version]))).toEqual([
      [
        ['< 2.2.5', '2.2.5'],
        ['>= 2.3.0, < 2.3.2', '2.3.2'],
      ],
    ]);
    expect((await octokit.request('GET /advisories', { ecosystem: 'pip', affects: 'flask@2.2.4' })).data.map((a) => a.ghsa_id)).toEqual(['GHSA-m2qf-hxjv-5gpq']);
    expect((await octokit.request('GET /advisories', { ecosystem: 'pip', affects: 'flask@2.2.5' })).data).toEqual([]);
  });
});

describe('OpenAPI checks and faults', () => {
  it('answers 404 to an operation GitHub does not have and 422 to invalid parameters, recording both', async () => {
    const before = sim.store.violations.length;
    expect(await status(octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/filez', { owner, repo: name, pull_number: 1 }))).toBe(404);
    expect(await status(octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner, repo: name, pull_number: 1, sort: 'name' }))).toBe(422);
    expect(sim.store.violations.slice(before).map((v) => v.errors)).toEqual([
      ["GitHub's API has no path /repos/acme/shop/pulls/1/filez"],
      ['query parameter sort is not a parameter of pulls/list-files'],
    ]);
    sim.store.violations.length = before;
  });

  it('injects statuses, secondary rate limits and delays into chosen requests, a number of times', async () => {
    const blob = 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}';
    const sha = pull.files[0]?.newSha as string;
    sim.faults.inject({ route: blob, fault: { status: 500 }, times: 2 });
    expect([await status(octokit.rest.git.getBlob({ owner, repo: name, file_sha: sha })), await status(octokit.rest.git.getBlob({ owner, repo: name, file_sha: sha })), await status(octokit.rest.git.getBlob({ owner, repo: name, file_sha: sha }))]).toEqual([500, 500, 200]);

    sim.faults.inject({ route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', fault: { secondaryRateLimit: { retryAfterSeconds: 7 } } });
    await expect(octokit.rest.pulls.listFiles({ owner, repo: name, pull_number: 1 })).rejects.toMatchObject({ status: 403, response: { headers: { 'retry-after': '7' } } });

    const onlyNew = sim.faults.inject({ route: blob, fault: { status: 404 }, when: (request) => request.params.file_sha === sha, times: Infinity });
    const other = pull.files[1]?.newSha as string;
    expect([await status(octokit.rest.git.getBlob({ owner, repo: name, file_sha: other })), await status(octokit.rest.git.getBlob({ owner, repo: name, file_sha: sha })), await status(octokit.rest.git.getBlob({ owner, repo: name, file_sha: sha }))]).toEqual([200, 404, 404]);
    expect(onlyNew.hits).toBe(2);

    sim.faults.inject({ route: 'POST /graphql', fault: { delayMs: 50 } });
    await octokit.graphql('query { repository(owner: "acme", name: "shop") { name } }');
    expect(sim.store.requests.filter((r) => r.fault).map((r) => [r.route, r.status, r.fault])).toEqual([
      [blob, 500, 'status 500'],
      [blob, 500, 'status 500'],
      ['GET /repos/{owner}/{repo}/pulls/{pull_number}/files', 403, 'secondary rate limit (retry-after 7)'],
      [blob, 404, 'status 404'],
      [blob, 404, 'status 404'],
      ['POST /graphql', 200, 'delay 50 ms'],
    ]);
  });

  it('holds an answer before the request is carried out (until) or after it (answerAfter)', async () => {
    const create = 'POST /repos/{owner}/{repo}/check-runs';
    const count = () => sim.store.checkRuns.filter((r) => r.name === 'Held').length;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const before = sim.faults.inject({ route: create, fault: { until: released } });
    const beforeAnswer = octokit.rest.checks.create({ owner, repo: name, name: 'Held', head_sha: pull.headSha });
    await before.hit;
    expect(count()).toBe(0);
    release();
    await beforeAnswer;
    expect(count()).toBe(1);

    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const after = sim.faults.inject({ route: create, fault: { answerAfter: answered } });
    let received = false;
    const afterAnswer = octokit.rest.checks.create({ owner, repo: name, name: 'Held', head_sha: pull.headSha }).then(() => (received = true));
    await after.hit;
    await sim.until(() => count() === 2, 'the held create carried out');
    expect(received).toBe(false);
    answer();
    await afterAnswer;
    expect(sim.store.requests.filter((r) => r.route === create && r.fault).map((r) => [r.status, r.fault])).toEqual([
      [201, 'held'],
      [201, 'answer held'],
    ]);
  });
});
