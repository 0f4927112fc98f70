import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Probot } from 'probot';
import { throwawayKeyPair } from './app-process.js';
import type { SimCheckRun, SimPullRequest } from './model.js';
import { OpenApiCatalog } from './openapi.js';
import { GitHubSimulator } from './simulator.js';
import { deliver } from './webhooks.js';

const keys = throwawayKeyPair();
const catalog = OpenApiCatalog.load();
let sim: GitHubSimulator;
let pull: SimPullRequest;
let fork: SimPullRequest;

beforeAll(async () => {
  sim = await GitHubSimulator.start({ appPublicKey: keys.publicKey });
  const repo = await sim.store.createRepository({ owner: 'acme', name: 'shop', files: { 'app.py': 'import flask\n' } });
  pull = await sim.store.openPullRequest(repo, { branch: 'feature', changes: { files: { 'app.py': 'import flask\nflask.Flask(__name__).run(debug=True)\n' } } });
  await sim.store.push(pull, { files: { 'b.py': 'B = 1\n' } });
  sim.store.checkRuns.push({
    id: 7,
    repository: repo,
    name: 'FlaskGuard',
    headSha: pull.headSha,
    status: 'completed',
    conclusion: 'failure',
    startedAt: '2026-01-05T09:00:00Z',
    completedAt: '2026-01-05T09:00:05Z',
    detailsUrl: `${sim.webUrl}/apps/flaskguard`,
    externalId: '',
    output: { title: '1 high', summary: 'summary', text: null },
    annotations: [],
    requests: [],
    suiteId: 8,
  });
  fork = await sim.store.openPullRequest(repo, { branch: 'patch-1', author: 'outsider', fromFork: true, changes: { files: { 'c.py': 'C = 1\n' } } });
});

afterAll(() => sim.stop());

describe('webhook payloads', () => {
  it('match the schemas of GitHub\'s webhook descriptions', () => {
    const payloads = sim.payloads;
    for (const action of ['opened', 'synchronize', 'reopened', 'ready_for_review'] as const) {
      expect(catalog.checkWebhook('pull_request', action, payloads.pullRequest(pull, action).payload)).toEqual([]);
    }
    expect(catalog.checkWebhook('check_suite', 'requested', payloads.checkSuite(pull, 'requested').payload)).toEqual([]);
    expect(catalog.checkWebhook('check_suite', 'rerequested', payloads.checkSuite(fork, 'rerequested').payload)).toEqual([]);
    const run = sim.store.checkRuns[0] as SimCheckRun;
    expect(catalog.checkWebhook('check_run', 'rerequested', payloads.checkRun(run, [pull], 'rerequested').payload)).toEqual([]);
  });

  it('carry the simulated repository, pull request and installation', () => {
    const { name, payload } = sim.payloads.pullRequest(pull, 'synchronize');
    expect(name).toBe('pull_request');
    expect(payload).toMatchObject({
      action: 'synchronize',
      number: 1,
      before: pull.heads[0],
      after: pull.headSha,
      installation: { id: sim.installationId },
      repository: { full_name: 'acme/shop', owner: { login: 'acme' }, html_url: `${sim.webUrl}/acme/shop` },
      pull_request: { number: 1, head: { sha: pull.headSha, ref: 'feature' }, base: { ref: 'main', sha: pull.baseSha } },
    });
  });

  it('leave a fork\'s check suite without pull requests, as GitHub does', () => {
    expect((sim.payloads.checkSuite(fork, 'requested').payload.check_suite as { pull_requests: unknown[] }).pull_requests).toEqual([]);
    expect((sim.payloads.checkSuite(pull, 'requested').payload.check_suite as { pull_requests: unknown[] }).pull_requests).toHaveLength(1);
  });
});

describe('deliver', () => {
  it('posts with GitHub\'s headers and a signature that Octokit verifies', async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(202).end('accepted');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const event = sim.payloads.pullRequest(pull, 'opened');
      const first = await deliver(url, 'right', event);
      const again = await deliver(url, 'right', event, { deliveryId: first.id });
      await deliver(url, 'right', event, { secret: 'wrong' });
      expect([first.status, first.body, again.id]).toEqual([202, 'accepted', first.id]);
      expect(received[0]?.headers).toMatchObject({ 'x-github-event': 'pull_request', 'x-github-delivery': first.id, 'content-type': 'application/json' });
      const verifier = await new Probot({ appId: 1, privateKey: keys.privateKey, secret: 'right' }).ready();
      const verdicts = await Promise.all(received.map((r) => verifier.webhooks.verify(r.body, r.headers['x-hub-signature-256'] as string)));
      expect(verdicts).toEqual([true, true, false]);
    } finally {
      server.close();
    }
  });
});
