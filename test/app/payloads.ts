/** Webhook payloads with the shapes GitHub sends (recorded examples from @octokit/webhooks-examples). */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const definitions = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const INSTALLATION_ID = 2;
export const BASE_REF = 'master';

/** A webhook payload: JSON edited field by field below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = Record<string, any>;

function example(name: string, action: string | undefined): Payload {
  const found = definitions.find((d) => d.name === name)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${name}.${action} example`);
  const payload = structuredClone(found) as Payload;
  // The examples come from different repositories: every event here is about the same one.
  payload.repository = structuredClone(definitions.find((d) => d.name === 'pull_request')?.examples[0]?.repository);
  payload.installation = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMg==' };
  return payload;
}

export function pullRequestPayload(action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review', options: { number?: number; headSha: string; draft?: boolean }) {
  const payload = example('pull_request', action);
  const number = options.number ?? 2;
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.head.sha = options.headSha;
  payload.pull_request.base.ref = BASE_REF;
  payload.pull_request.draft = options.draft ?? false;
  payload.pull_request.state = 'open';
  return payload;
}

export function checkSuitePayload(action: 'requested' | 'rerequested', options: { headSha: string; pullRequests: number[] }) {
  const payload = example('check_suite', action);
  payload.check_suite.head_sha = options.headSha;
  payload.check_suite.pull_requests = options.pullRequests.map((number) => ({ number, head: { sha: options.headSha }, base: { ref: BASE_REF } }));
  return payload;
}

export function checkRunPayload(options: { headSha: string; pullRequests: number[]; name?: string }) {
  const payload = example('check_run', 'rerequested');
  payload.check_run.name = options.name ?? 'FlaskGuard';
  payload.check_run.head_sha = options.headSha;
  payload.check_run.pull_requests = options.pullRequests.map((number) => ({ number, head: { sha: options.headSha }, base: { ref: BASE_REF } }));
  return payload;
}

/** A pull request as `pulls.get` / `pulls.list` return it (the fields FlaskGuard reads). */
export function pullRequestResource(options: { number: number; headSha: string; draft?: boolean; state?: string }) {
  return { number: options.number, state: options.state ?? 'open', draft: options.draft ?? false, head: { sha: options.headSha }, base: { ref: BASE_REF } };
}

/** A push to `ref` (the default branch, master, by default) ending at `after`. */
export function pushPayload(options: { after: string; ref?: string; deleted?: boolean }) {
  const payload = example('push', undefined);
  payload.ref = options.ref ?? `refs/heads/${BASE_REF}`;
  payload.after = options.after;
  payload.deleted = options.deleted ?? false;
  return payload;
}

/** installation.created, or installation_repositories.added, for the test repository. */
export function installationPayload(event: 'installation' | 'installation_repositories') {
  const group = definitions.find((d) => d.name === event);
  const action = event === 'installation' ? 'created' : 'added';
  const payload = structuredClone(group?.examples.find((e) => e.action === action)) as Payload;
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  const repositories = [{ id: 1296269, node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5', name: REPO, full_name: `${OWNER}/${REPO}`, private: false }];
  if (event === 'installation') payload.repositories = repositories;
  else payload.repositories_added = repositories;
  return payload;
}
