/**
 * The simulated GitHub's state: repositories (each a git repository on disk), pull requests, and
 * everything an App posted. Building a scenario — a repository, a pull request, a push — goes
 * through here; so does every route.
 */
import type { ChangedFile } from './git/diff.js';
import { PatchLines } from './git/hunks.js';
import { GitRepository, type CommitChanges, type FileContent } from './git/repository.js';
import type {
  RecordedRequest,
  SimCheckRun,
  SimIssue,
  SimPullRequest,
  SimRepository,
  SimReview,
  SimReviewComment,
  SimReviewThread,
  SimUser,
  Violation,
} from './model.js';

export interface RepositoryOptions {
  owner: string;
  name: string;
  /** The files of the first commit on the default branch. */
  files: Record<string, FileContent>;
  defaultBranch?: string;
  private?: boolean;
}

export interface PullRequestOptions {
  /** The head branch (created from the base branch's tip). */
  branch: string;
  /** What the head commit changes. */
  changes: CommitChanges;
  title?: string;
  body?: string;
  base?: string;
  draft?: boolean;
  /** The login of the author; a pull request from a fork has its head in `<author>/<repo name>`. */
  author?: string;
  fromFork?: boolean;
}

export interface StoreLimits {
  /** A file whose diff is larger gets no `patch` (GitHub does not render very large diffs). */
  maxPatchBytes: number;
  /** GitHub's recursive tree listing is truncated past this many entries. */
  maxTreeEntries: number;
}

export class GitHubStore {
  readonly repositories: SimRepository[] = [];
  readonly pulls: SimPullRequest[] = [];
  readonly checkRuns: SimCheckRun[] = [];
  readonly reviews: SimReview[] = [];
  readonly comments: SimReviewComment[] = [];
  readonly threads: SimReviewThread[] = [];
  readonly issues: SimIssue[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  /** Answers of the simulator that do not match GitHub's API description (a simulator bug). */
  readonly responseViolations: Violation[] = [];
  private readonly users = new Map<string, SimUser>();
  private readonly patches = new Map<string, PatchLines | null>();
  private readonly settledFiles = new Map<string, ChangedFile[]>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1000;

  constructor(readonly limits: StoreLimits) {}

  id(): number {
    return this.nextId++;
  }

  user(login: string, type: SimUser['type'] = 'User'): SimUser {
    let user = this.users.get(login);
    if (!user) {
      user = { login, id: this.id(), type };
      this.users.set(login, user);
    }
    return user;
  }

  async createRepository(options: RepositoryOptions): Promise<SimRepository> {
    const git = await GitRepository.create();
    const repo: SimRepository = {
      id: this.id(),
      owner: this.user(options.owner, 'Organization'),
      name: options.name,
      fullName: `${options.owner}/${options.name}`,
      private: options.private ?? false,
      defaultBranch: options.defaultBranch ?? 'main',
      git,
      createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    await git.commit(repo.defaultBranch, { files: options.files, message: 'Initial commit' });
    this.repositories.push(repo);
    return repo;
  }

  repository(owner: string, name: string): SimRepository | undefined {
    const fullName = `${owner}/${name}`.toLowerCase();
    return this.repositories.find((r) => r.fullName.toLowerCase() === fullName);
  }

  async openPullRequest(repo: SimRepository, options: PullRequestOptions): Promise<SimPullRequest> {
    const baseRef = options.base ?? repo.defaultBranch;
    const baseSha = (await repo.git.resolve(`refs/heads/${baseRef}`)) as string;
    const headSha = await repo.git.commit(options.branch, { message: options.title ?? 'Change', ...options.changes }, baseSha);
    const author = this.user(options.author ?? 'octo-dev');
    const headRepository: SimRepository = options.fromFork ? { ...repo, id: this.id(), owner: author, fullName: `${author.login}/${repo.name}` } : repo;
    const number = this.nextIssueNumber(repo);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const pull: SimPullRequest = {
      repository: repo,
      number,
      id: this.id(),
      title: options.title ?? `Pull request ${number}`,
      body: options.body ?? '',
      user: author,
      state: 'open',
      draft: options.draft ?? false,
      baseRef,
      baseSha,
      headRef: options.branch,
      headSha,
      heads: [headSha],
      headRepository,
      files: [],
      createdAt: now,
      updatedAt: now,
    };
    await this.refreshFiles(pull);
    this.pulls.push(pull);
    return pull;
  }

  /** A new commit on the pull request's head branch; returns its SHA. */
  async push(pull: SimPullRequest, changes: CommitChanges): Promise<string> {
    const sha = await pull.repository.git.commit(pull.headRef, { message: 'Update', ...changes }, pull.headSha);
    pull.headSha = sha;
    pull.heads.push(sha);
    pull.updatedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await this.refreshFiles(pull);
    return sha;
  }

  /** A new commit on the repository's default branch (a merge, a direct push); returns `{ before, after }`. */
  async pushToDefaultBranch(repo: SimRepository, changes: CommitChanges): Promise<{ before: string; after: string }> {
    const before = (await repo.git.resolve(`refs/heads/${repo.defaultBranch}`)) as string;
    const after = await repo.git.commit(repo.defaultBranch, { message: 'Update', ...changes }, before);
    return { before, after };
  }

  /** Issues and pull requests share their numbers, as on GitHub. */
  nextIssueNumber(repo: SimRepository): number {
    return this.pulls.filter((p) => p.repository === repo).length + this.issues.filter((i) => i.repository === repo).length + 1;
  }

  pull(repo: SimRepository, number: number): SimPullRequest | undefined {
    return this.pulls.find((p) => p.repository === repo && p.number === number);
  }

  /** The files of a pull request as they were when `commit` was its head. */
  async filesAt(pull: SimPullRequest, commit: string): Promise<ChangedFile[]> {
    if (commit === pull.headSha) return pull.files;
    return this.settledFiles.get(`${pull.id}:${commit}`) ?? this.diffOf(pull, commit);
  }

  /** The commentable lines of a file of a pull request when `commit` was its head (null: no patch). */
  patchLinesAt(pull: SimPullRequest, commit: string, path: string): PatchLines | null {
    const key = `${pull.id}:${commit}:${path}`;
    let lines = this.patches.get(key);
    if (lines === undefined) {
      const files = commit === pull.headSha ? pull.files : this.settledFiles.get(`${pull.id}:${commit}`);
      const patch = files?.find((f) => f.path === path)?.patch;
      lines = patch === undefined ? null : new PatchLines(patch);
      this.patches.set(key, lines);
    }
    return lines;
  }

  thread(id: string): SimReviewThread | undefined {
    return this.threads.find((t) => t.id === id);
  }

  /** Calls the listener after every change an App makes (for waiting on a condition). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  close(): void {
    for (const repo of this.repositories) repo.git.close();
  }

  private async refreshFiles(pull: SimPullRequest): Promise<void> {
    pull.files = await this.diffOf(pull, pull.headSha);
  }

  /** GitHub shows the diff between the merge base of base and head, and the head. */
  private async diffOf(pull: SimPullRequest, head: string): Promise<ChangedFile[]> {
    const git = pull.repository.git;
    const base = await git.mergeBase(pull.baseSha, head);
    const files = await git.diff(base, head, this.limits.maxPatchBytes);
    this.settledFiles.set(`${pull.id}:${head}`, files);
    return files;
  }
}
