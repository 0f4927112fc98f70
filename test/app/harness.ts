/**
 * A FlaskGuard App on a Probot instance, with GitHub mocked by nock: every test fails on a request
 * no mock matched and on a mock left unused. Throttling stays on (so rate limits go through
 * Probot's plugin) but without its one-second spacing of writes, and retry-after counts in ms.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import Bottleneck from 'bottleneck';
import type nock from 'nock';
import { Probot } from 'probot';
import { flaskGuard, type FlaskGuardOptions } from '../../src/index.js';
import { flaskGuardOctokit } from '../../src/github/octokit.js';
import { WorkQueue } from '../../src/review/queue.js';
import { createLogger } from '../../src/server/logger.js';
import { INSTALLATION_ID, OWNER, REPO } from './payloads.js';
import { TEST_RULES } from './rules.js';

export { useGitHubMocks } from '../support/github-mocks.js';

export const API = 'https://api.github.com';
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;
export const TOKEN = 'ghs_installationtoken0123456789';
export const NOW = new Date('2026-11-29T10:00:00.000Z');
export const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
export const WEBHOOK_SECRET = 'test-webhook-secret';

function testGroup(): Bottleneck.Group {
  return new Bottleneck.Group({ maxConcurrent: 10, minTime: 0 });
}

export interface TestApp {
  probot: Probot;
  queue: WorkQueue;
  /** Everything logged, one JSON object per line. */
  logs: string[];
  /** Delivers a webhook and waits until all the work it queued is done. */
  receive(name: string, payload: object, deliveryId?: string): Promise<void>;
  /** Delivers a webhook without waiting for the background work. */
  deliver(name: string, payload: object, deliveryId?: string): Promise<void>;
}

let deliveries = 0;

export async function createTestApp(options: FlaskGuardOptions = {}): Promise<TestApp> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger('debug', sink);
  const queue = new WorkQueue({ concurrency: 4, maxWaiting: 10, onError: (error) => logs.push(`job error: ${String(error)}`) });
  const Octokit = flaskGuardOctokit({
    maxRetries: 2,
    maxWaitSeconds: 120,
    throttle: { retryAfterBaseValue: 1, global: testGroup(), write: testGroup(), notifications: testGroup(), search: testGroup() },
  });
  const probot = new Probot({ appId: 123, privateKey: PRIVATE_KEY, secret: WEBHOOK_SECRET, Octokit, log });
  await probot.load(flaskGuard({ rules: TEST_RULES, queue, now: () => NOW, dependencyAudit: false, monitor: { ticks: false }, ...options }), { cwd: process.cwd(), addHandler: () => undefined });
  const deliver = async (name: string, payload: object, deliveryId = `delivery-${++deliveries}`) => {
    await probot.receive({ id: deliveryId, name, payload } as Parameters<Probot['receive']>[0]);
  };
  return {
    probot,
    queue,
    logs,
    deliver,
    receive: async (name, payload, deliveryId) => {
      await deliver(name, payload, deliveryId);
      await queue.idle();
    },
  };
}

/** The installation token request every first call of an event makes. */
export function mockInstallationToken(scope: nock.Scope): nock.Scope {
  return scope.post(`/app/installations/${INSTALLATION_ID}/access_tokens`).reply(201, {
    token: TOKEN,
    expires_at: '2026-11-29T11:00:00Z',
    permissions: { checks: 'write', contents: 'read', pull_requests: 'write', metadata: 'read' },
    repository_selection: 'all',
  });
}

export interface ReviewCommentBody {
  path: string;
  line: number;
  side: string;
  start_line?: number;
  start_side?: string;
  body: string;
}

export interface ReviewRequestBody {
  commit_id: string;
  event: string;
  body: string;
  comments: ReviewCommentBody[];
}

export interface AnnotationBody {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  title: string;
  message: string;
}

export interface CheckRunBody {
  name?: string;
  head_sha?: string;
  status?: string;
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: { title: string; summary: string; annotations?: AnnotationBody[] };
}

/**
 * Records the JSON bodies of the requests a mock answered: `.reply(rec.reply(200, {...}))`. (nock
 * may call a body matcher for requests another interceptor ends up answering, so bodies are taken
 * in the reply.)
 */
export interface Recorder<T> {
  bodies: T[];
  reply(status: number, response: object): (req: Request) => Promise<[number, object]>;
}

export function recorder<T = CheckRunBody>(): Recorder<T> {
  const bodies: T[] = [];
  return {
    bodies,
    reply: (status, response) => async (req) => {
      bodies.push((await req.json()) as T);
      return [status, response];
    },
  };
}
