/** Repository fixtures as GitHub's REST API returns them. */
import { createHash } from 'node:crypto';
import type nock from 'nock';
import { REPO_PATH, type Recorder } from './harness.js';

export interface FixtureFile {
  path: string;
  status?: 'added' | 'removed' | 'modified' | 'renamed';
  /** Content at the head. */
  content?: string;
  /** Unified diff hunks; null when GitHub sends none (binary, too large). */
  patch?: string | null;
  changes?: number;
}

export function blobSha(path: string, content = ''): string {
  return createHash('sha1').update(`blob ${path}\0${content}`).digest('hex');
}

export function listFilesEntry(file: FixtureFile) {
  const entry: Record<string, unknown> = {
    sha: blobSha(file.path, file.content),
    filename: file.path,
    status: file.status ?? 'modified',
    additions: 1,
    deletions: 0,
    changes: file.changes ?? 1,
  };
  if (file.patch !== null && file.patch !== undefined) entry.patch = file.patch;
  return entry;
}

/** The git blob API's answer for a file. */
export function blobResponse(path: string, content: string) {
  return { sha: blobSha(path, content), size: Buffer.byteLength(content), encoding: 'base64', content: Buffer.from(content).toString('base64') };
}

export function mockBlob(scope: nock.Scope, path: string, content: string): nock.Scope {
  return scope.get(`${REPO_PATH}/git/blobs/${blobSha(path, content)}`).reply(200, blobResponse(path, content));
}

export function mockPullFiles(scope: nock.Scope, number: number, files: readonly FixtureFile[]): nock.Scope {
  return scope.get(`${REPO_PATH}/pulls/${number}/files`).query({ per_page: 100 }).reply(200, files.map(listFilesEntry));
}

/**
 * A pull request's file list that GitHub answers only when the test lets it: `reached` resolves
 * when the App asks for it, and `release()` sends the answer — to hold a review mid-run.
 */
export function holdPullFiles(scope: nock.Scope, number: number, files: readonly FixtureFile[]): { reached: Promise<void>; release: () => void } {
  let reachedFiles!: () => void;
  const reached = new Promise<void>((resolve) => (reachedFiles = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  scope
    .get(`${REPO_PATH}/pulls/${number}/files`)
    .query({ per_page: 100 })
    .reply(async () => {
      reachedFiles();
      await released;
      return [200, files.map(listFilesEntry)];
    });
  return { reached, release };
}

export function mockNoConfig(scope: nock.Scope, ref = 'master'): nock.Scope {
  return scope.get(`${REPO_PATH}/contents/.flaskguard.yml`).query({ ref }).reply(404, { message: 'Not Found' });
}

export function mockConfig(scope: nock.Scope, text: string, ref = 'master'): nock.Scope {
  return scope
    .get(`${REPO_PATH}/contents/.flaskguard.yml`)
    .query({ ref })
    .reply(200, { type: 'file', encoding: 'base64', name: '.flaskguard.yml', path: '.flaskguard.yml', content: Buffer.from(text).toString('base64'), sha: blobSha('.flaskguard.yml', text), size: text.length });
}

/** A patch adding the given 1-based lines of `content` as one hunk covering the whole file. */
export function patchAdding(content: string, added: readonly number[]): string {
  const lines = content.replace(/\n$/, '').split('\n');
  const oldCount = lines.length - added.length;
  return [`@@ -1,${oldCount} +1,${lines.length} @@`, ...lines.map((line, i) => (added.includes(i + 1) ? `+${line}` : ` ${line}`))].join('\n');
}

/** `pulls.listReviewComments` entries for the comments a recorded review created. */
export function existingComments(comments: ReadonlyArray<{ path: string; line: number; body: string }>, firstId: number) {
  return comments.map((c, i) => ({ id: firstId + i, path: c.path, line: c.line, body: c.body, user: { login: 'flaskguard[bot]', type: 'Bot' } }));
}

/** app/views.py, with lines 4 and 7 changed. */
export const viewsFiles = (content: string): FixtureFile[] => [{ path: 'app/views.py', content, patch: patchAdding(content, [4, 7]) }];

export interface RunMocks {
  checkRunId: number;
  content: string;
  comments?: unknown[];
  review?: Recorder<unknown>;
  update: Recorder<unknown>;
  number?: number;
  /** The base branch's .flaskguard.yml; none by default. */
  config?: string;
  /** Extra files listed (and read) beside app/views.py. */
  extraFiles?: FixtureFile[];
}

/** The requests of one complete review of app/views.py. */
export function mockRun(github: nock.Scope, run: RunMocks): void {
  const number = run.number ?? 2;
  github.post(`${REPO_PATH}/check-runs`).reply(201, { id: run.checkRunId, html_url: `https://github.com/Codertocat/Hello-World/runs/${run.checkRunId}` });
  if (run.config === undefined) mockNoConfig(github);
  else mockConfig(github, run.config);
  mockPullFiles(github, number, [...viewsFiles(run.content), ...(run.extraFiles ?? [])]);
  mockBlob(github, 'app/views.py', run.content);
  for (const extra of run.extraFiles ?? []) if (extra.content !== undefined) mockBlob(github, extra.path, extra.content);
  github.get(`${REPO_PATH}/pulls/${number}/comments`).query({ per_page: 100 }).reply(200, run.comments ?? []);
  if (run.review) github.post(`${REPO_PATH}/pulls/${number}/reviews`).reply(run.review.reply(200, { id: 1 }));
  github.patch(`${REPO_PATH}/check-runs/${run.checkRunId}`).reply(run.update.reply(200, {}));
}

