/**
 * A GitHub on loopback for the App's end-to-end tests, the demo and the benchmark. It serves the
 * REST API under `/api/v3` and GraphQL at `/api/graphql` — where Probot sends requests when
 * `GHE_HOST` names it — checks each request against GitHub's OpenAPI description (a request GitHub
 * would refuse is answered 422 and recorded as a violation), can inject faults per route, and
 * records what the App posted.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Authority } from './auth.js';
import { describeFault, faultError, Faults } from './faults.js';
import { executeGraphQL } from './graphql.js';
import { GitHubError, type SimRequest, type SimResponse } from './http.js';
import type { RecordedRequest } from './model.js';
import { OpenApiCatalog } from './openapi.js';
import { advisoryRoutes, type AdvisoryTable } from './routes/advisories.js';
import { appRoutes } from './routes/apps.js';
import { checkRoutes } from './routes/checks.js';
import { contentRoutes } from './routes/contents.js';
import type { RouteContext, Routes } from './routes/context.js';
import { gitRoutes } from './routes/git.js';
import { issueRoutes } from './routes/issues.js';
import { repositoryRoutes } from './routes/repos.js';
import { pullRoutes } from './routes/pulls.js';
import { reviewRoutes } from './routes/reviews.js';
import type { AppIdentity, Urls } from './shapes.js';
import { GitHubStore, type StoreLimits } from './store.js';
import { WebhookPayloads } from './webhooks.js';

export interface SimulatorOptions {
  /** The App's public key: installation tokens are only given for JWTs it signed. */
  appPublicKey: string;
  appId?: number;
  installationId?: number;
  /** The advisory table GET /advisories answers from. */
  advisories?: AdvisoryTable;
  limits?: Partial<StoreLimits>;
  /** The permissions the installation granted (default: checks, contents, metadata, pull requests and issues). */
  permissions?: Record<string, string>;
  /** Check every answer against GitHub's response schemas too (a simulator self-test; on by default). */
  checkResponses?: boolean;
}

const ROUTES: Routes = { ...appRoutes, ...repositoryRoutes, ...pullRoutes, ...gitRoutes, ...contentRoutes, ...checkRoutes, ...reviewRoutes, ...issueRoutes, ...advisoryRoutes };
/** Routes the App calls with its JWT (they check it themselves), not with an installation token. */
const JWT_ROUTES = new Set(['GET /app', 'GET /app/installations']);
const API_PREFIX = '/api/v3';
const GRAPHQL_PATHS = new Set(['/api/graphql', '/graphql']);
const GRAPHQL_ROUTE = 'POST /graphql';

export class GitHubSimulator {
  readonly store: GitHubStore;
  readonly faults = new Faults();
  readonly app: AppIdentity;
  readonly authority: Authority;
  private readonly catalog = OpenApiCatalog.load();
  private readonly server: Server;
  private readonly advisories: AdvisoryTable;
  private readonly checkResponses: boolean;
  private urls: Urls = { api: '', web: '' };

  private constructor(options: SimulatorOptions) {
    const appId = options.appId ?? 31337;
    this.store = new GitHubStore({ maxPatchBytes: 1024 * 1024, maxTreeEntries: 100_000, ...options.limits });
    const owner = this.store.user('flaskguard-org', 'Organization');
    this.app = { id: appId, slug: 'flaskguard', name: 'FlaskGuard', owner, bot: this.store.user('flaskguard[bot]', 'Bot'), permissions: options.permissions ?? { checks: 'write', contents: 'read', metadata: 'read', pull_requests: 'write', issues: 'write' } };
    this.authority = new Authority(appId, options.appPublicKey, options.installationId ?? 4242);
    this.advisories = options.advisories ?? [];
    this.checkResponses = options.checkResponses ?? true;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: SimulatorOptions): Promise<GitHubSimulator> {
    const simulator = new GitHubSimulator(options);
    simulator.server.listen(0, '127.0.0.1');
    await once(simulator.server, 'listening');
    const { port } = simulator.server.address() as AddressInfo;
    simulator.urls = { api: `http://127.0.0.1:${port}${API_PREFIX}`, web: `http://127.0.0.1:${port}` };
    return simulator;
  }

  /** `GHE_HOST` for the App: Probot then sends REST requests to http://<host>/api/v3. */
  get host(): string {
    return new URL(this.urls.web).host;
  }

  get apiUrl(): string {
    return this.urls.api;
  }

  get webUrl(): string {
    return this.urls.web;
  }

  get installationId(): number {
    return this.authority.installationId;
  }

  /** Webhook payloads for this GitHub's repositories, pull requests and check runs. */
  get payloads(): WebhookPayloads {
    return new WebhookPayloads(this.urls, this.app, this.installationId);
  }

  /** Resolves once `condition` holds (checked after every change the App makes); rejects after `timeoutMs`. */
  until(condition: () => boolean, description: string, timeoutMs = 20_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`the simulator waited ${timeoutMs} ms for: ${description}`));
      }, timeoutMs);
      const stop = this.store.onChange(() => {
        if (!condition()) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    this.store.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.urls.web);
    const record: RecordedRequest = { method: req.method ?? 'GET', url: `${url.pathname}${url.search}`, route: null, status: 0, receivedAt: Date.now(), durationMs: 0 };
    let response: SimResponse;
    try {
      const raw = await readBody(req);
      response = await this.answer(req, url, raw, record);
    } catch (error) {
      response = error instanceof GitHubError ? error.toResponse() : new GitHubError(500, `simulator error: ${(error as Error).message}`).toResponse();
    }
    record.status = response.status;
    record.durationMs = Date.now() - record.receivedAt;
    this.store.requests.push(record);
    const body = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': `SIM:${this.store.requests.length}`,
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...response.headers,
    });
    res.end(body);
    // Waiters see a change once the request that made it is recorded and answered.
    this.store.changed();
  }

  private async answer(req: IncomingMessage, url: URL, raw: Buffer, record: RecordedRequest): Promise<SimResponse> {
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        this.violation(record, ['the request body is not JSON']);
        throw new GitHubError(400, 'Problems parsing JSON');
      }
    }
    if (GRAPHQL_PATHS.has(url.pathname) && method === 'POST') return this.answerGraphQL(req, url, body, record);

    const path = this.routedPath(url.pathname);
    const matched = this.catalog.match(method, path);
    if ('error' in matched) {
      this.violation(record, [matched.error]);
      throw new GitHubError(404, 'Not Found');
    }
    record.route = matched.route;
    const routed = new URL(`${path}${url.search}`, this.urls.web);
    const errors = this.catalog.checkRequest(matched, routed.searchParams, body);
    if (errors.length > 0) {
      this.violation(record, errors);
      throw new GitHubError(422, `Invalid request.\n\n${errors.join('\n')}`);
    }
    const request: SimRequest = { method, url: routed, route: matched.route, params: matched.params, query: routed.searchParams, body, headers: req.headers };
    if (!matched.route.startsWith('POST /app/') && !JWT_ROUTES.has(matched.route)) this.authority.verifyInstallationToken(req.headers);
    const { answerAfter } = await this.applyFault(request, record);

    const handler = ROUTES[matched.route];
    if (!handler) {
      this.violation(record, [`the simulator does not implement ${matched.route}`]);
      throw new GitHubError(404, 'Not Found');
    }
    const response = await this.run(handler, request);
    if (answerAfter) {
      // The change is made: waiters see it while its answer is held.
      this.store.changed();
      await answerAfter;
    }
    if (this.checkResponses && response.status < 300) {
      const problems = this.catalog.checkResponse(matched, response.status, response.body);
      if (problems.length > 0) this.store.responseViolations.push({ method, url: record.url, route: matched.route, errors: problems });
    }
    return response;
  }

  private async answerGraphQL(req: IncomingMessage, url: URL, body: unknown, record: RecordedRequest): Promise<SimResponse> {
    record.route = GRAPHQL_ROUTE;
    this.authority.verifyInstallationToken(req.headers);
    const { answerAfter } = await this.applyFault({ method: 'POST', url, route: GRAPHQL_ROUTE, params: {}, query: url.searchParams, body, headers: req.headers }, record);
    const answer = await executeGraphQL(body, this.store, this.app);
    await answerAfter;
    if (answer.invalid.length > 0) this.violation(record, answer.invalid);
    return { status: 200, body: answer.body };
  }

  /** `/api/v3/repositories/42/pulls/1/files` → `/repos/acme/shop/pulls/1/files` */
  private routedPath(pathname: string): string {
    const path = pathname.startsWith(`${API_PREFIX}/`) ? pathname.slice(API_PREFIX.length) : pathname;
    const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
    if (!byId) return path;
    const repo = this.store.repositories.find((r) => r.id === Number(byId[1]));
    return repo ? `/repos/${repo.fullName}${byId[2] ?? ''}` : path;
  }

  /** Applies the request's fault, if any; `answerAfter`: what the answer waits for once the request is carried out. */
  private async applyFault(request: SimRequest, record: RecordedRequest): Promise<{ answerAfter?: Promise<unknown> }> {
    const fault = this.faults.take({ route: request.route, params: request.params, query: request.query, body: request.body });
    if (!fault) return {};
    record.fault = describeFault(fault);
    if ('answerAfter' in fault) return fault;
    if ('delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    else if ('until' in fault) await fault.until;
    else throw faultError(fault);
    return {};
  }

  private async run(handler: Routes[string], request: SimRequest): Promise<SimResponse> {
    const context: RouteContext = { store: this.store, urls: this.urls, app: this.app, authority: this.authority, advisories: this.advisories };
    return handler(request, context);
  }

  private violation(record: RecordedRequest, errors: string[]): void {
    this.store.violations.push({ method: record.method, url: record.url, route: record.route, errors });
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
