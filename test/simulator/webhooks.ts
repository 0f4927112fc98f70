/**
 * Webhook deliveries: payloads shaped like GitHub's (the examples of `@octokit/webhooks-examples`,
 * filled in with the simulated repository, pull request and installation) and sent to the App
 * signed with the webhook secret, with GitHub's headers.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { SimCheckRun, SimPullRequest, SimRepository } from './model.js';
import { appShape, checkRunShape, pullRequestShape, repositoryShape, userShape, type AppIdentity, type Urls } from './shapes.js';

const require = createRequire(import.meta.url);

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

const EXAMPLES = require('@octokit/webhooks-examples') as ExampleGroup[];

export interface WebhookEvent {
  name: string;
  payload: Record<string, unknown>;
}

export interface DeliveryOptions {
  /** Reuse an id to redeliver. */
  deliveryId?: string;
  /** Sign with this secret instead (a wrong one makes a forged delivery). */
  secret?: string;
  /** Send this signature header instead of computing one. */
  signature?: string;
}

export interface Delivery {
  id: string;
  event: string;
  status: number;
  body: string;
}

/** The first example of an event and action (one with an installation when there is one), deep-copied. */
function example(name: string, action: string | undefined): Record<string, unknown> {
  const group = EXAMPLES.find((g) => g.name === name);
  const candidates = group?.examples.filter((e) => e.action === action) ?? [];
  const chosen = candidates.find((e) => 'installation' in e) ?? candidates[0];
  if (!chosen) throw new Error(`@octokit/webhooks-examples has no ${name}.${action} example`);
  return structuredClone(chosen);
}

/** Builds payloads for one simulated GitHub and App. */
export class WebhookPayloads {
  constructor(
    private readonly urls: Urls,
    private readonly app: AppIdentity,
    private readonly installationId: number,
  ) {}

  pullRequest(pull: SimPullRequest, action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review' | 'closed', before?: string): WebhookEvent {
    const payload = example('pull_request', action);
    Object.assign(payload, this.common(pull.repository), { action, number: pull.number, pull_request: pullRequestShape(pull, this.urls, 0) });
    if (action === 'synchronize') Object.assign(payload, { before: before ?? pull.heads.at(-2) ?? pull.baseSha, after: pull.headSha });
    return { name: 'pull_request', payload };
  }

  /** A check suite of the pull request's head; `pull_requests` is empty for a fork, as on GitHub. */
  checkSuite(pull: SimPullRequest, action: 'requested' | 'rerequested'): WebhookEvent {
    const payload = example('check_suite', action);
    const suite = payload.check_suite as Record<string, unknown>;
    const sameRepository = pull.headRepository === pull.repository;
    Object.assign(suite, {
      head_sha: pull.headSha,
      head_branch: pull.headRef,
      before: pull.heads.at(-2) ?? pull.baseSha,
      after: pull.headSha,
      app: appShape(this.app, this.urls),
      pull_requests: sameRepository ? [this.pullRequestRef(pull)] : [],
    });
    Object.assign(payload, this.common(pull.repository), { action });
    return { name: 'check_suite', payload };
  }

  checkRun(run: SimCheckRun, pulls: readonly SimPullRequest[], action: 'rerequested' | 'requested_action' | 'created' | 'completed'): WebhookEvent {
    const payload = example('check_run', action);
    Object.assign(payload, this.common(run.repository), { action, check_run: checkRunShape(run, this.app, pulls, this.urls) });
    return { name: 'check_run', payload };
  }

  /** A push to the repository's default branch, from `before` to `after`. */
  push(repo: SimRepository, before: string, after: string): WebhookEvent {
    const payload = example('push', undefined);
    const repository = repositoryShape(repo, this.urls);
    Object.assign(payload, this.common(repo), {
      ref: `refs/heads/${repo.defaultBranch}`,
      before,
      after,
      created: false,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: `${this.urls.web}/${repo.fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits: [],
      head_commit: null,
      // A push payload's repository has `master_branch` too, and its owner is a git identity with a name.
      repository: { ...repository, master_branch: repo.defaultBranch, owner: { ...repository.owner, name: repo.owner.login } },
    });
    return { name: 'push', payload };
  }

  /** installation.created with these repositories (the App was just installed on them). */
  installation(repos: readonly SimRepository[]): WebhookEvent {
    const payload = example('installation', 'created');
    Object.assign(payload, {
      action: 'created',
      installation: { ...(payload.installation as object), id: this.installationId, app_id: this.app.id, app_slug: this.app.slug, permissions: this.app.permissions },
      repositories: repos.map((r) => ({ id: r.id, node_id: `R_${r.id}`, name: r.name, full_name: r.fullName, private: r.private })),
    });
    return { name: 'installation', payload };
  }

  private common(repo: SimRepository) {
    return {
      repository: repositoryShape(repo, this.urls),
      sender: userShape(repo.owner, this.urls),
      installation: { id: this.installationId, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${this.installationId}` },
    };
  }

  private pullRequestRef(pull: SimPullRequest) {
    const api = (repo: SimRepository) => `${this.urls.api}/repos/${repo.fullName}`;
    return {
      id: pull.id,
      number: pull.number,
      url: `${api(pull.repository)}/pulls/${pull.number}`,
      head: { ref: pull.headRef, sha: pull.headSha, repo: { id: pull.headRepository.id, url: api(pull.headRepository), name: pull.headRepository.name } },
      base: { ref: pull.baseRef, sha: pull.baseSha, repo: { id: pull.repository.id, url: api(pull.repository), name: pull.repository.name } },
    };
  }
}

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs an event to the App's webhook URL as GitHub does; resolves with the App's answer. */
export async function deliver(url: string, secret: string, event: WebhookEvent, options: DeliveryOptions = {}): Promise<Delivery> {
  const id = options.deliveryId ?? randomUUID();
  const body = JSON.stringify(event.payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/simulator',
      'x-github-event': event.name,
      'x-github-delivery': id,
      'x-github-hook-id': '1',
      'x-github-hook-installation-target-type': 'integration',
      'x-hub-signature-256': options.signature ?? signature(options.secret ?? secret, body),
    },
    body,
  });
  return { id, event: event.name, status: response.status, body: await response.text() };
}
