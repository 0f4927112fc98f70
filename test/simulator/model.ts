/**
 * What the simulated GitHub holds: repositories backed by git, their pull requests, and what an
 * App posted — check runs with every update, reviews, review comments and their threads.
 */
import type { ChangedFile } from './git/diff.js';
import type { Side } from './git/hunks.js';
import type { GitRepository } from './git/repository.js';

export interface SimUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface SimRepository {
  id: number;
  owner: SimUser;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  git: GitRepository;
  createdAt: string;
}

export interface SimPullRequest {
  repository: SimRepository;
  number: number;
  id: number;
  title: string;
  body: string;
  user: SimUser;
  state: 'open' | 'closed';
  draft: boolean;
  baseRef: string;
  /** The base branch's tip when the pull request was last updated. */
  baseSha: string;
  headRef: string;
  headSha: string;
  /** Every head the pull request had, oldest first (review comments may name any of them). */
  heads: string[];
  /** Where the head branch lives: the repository itself, or a fork. */
  headRepository: SimRepository;
  /** The files of the pull request at its current head. */
  files: ChangedFile[];
  createdAt: string;
  updatedAt: string;
}

export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunOutput {
  title: string | null;
  summary: string | null;
  text: string | null;
}

/** A check run with every request that created or updated it. */
export interface SimCheckRun {
  id: number;
  repository: SimRepository;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: CheckRunOutput;
  /** Every annotation sent, in order (GitHub appends those of each update). */
  annotations: CheckRunAnnotation[];
  /** The bodies of the create request and of each update, in order. */
  requests: Array<{ method: 'POST' | 'PATCH'; body: Record<string, unknown> }>;
  suiteId: number;
}

export interface SimReview {
  id: number;
  pull: SimPullRequest;
  user: SimUser;
  commitId: string;
  state: 'COMMENTED' | 'CHANGES_REQUESTED' | 'APPROVED' | 'PENDING';
  body: string;
  submittedAt: string;
  /** The inline comments it created, in the order sent. */
  commentIds: number[];
}

export interface SimReviewComment {
  id: number;
  pull: SimPullRequest;
  reviewId: number;
  user: SimUser;
  path: string;
  side: Side;
  line: number;
  startLine: number | null;
  startSide: Side | null;
  commitId: string;
  body: string;
  diffHunk: string;
  position: number | null;
  /** Replies: the comment that started the thread. */
  inReplyTo?: number;
  threadId: string;
  createdAt: string;
}

export interface SimReviewThread {
  /** The GraphQL node id. */
  id: string;
  pull: SimPullRequest;
  commentIds: number[];
  isResolved: boolean;
  /** Who resolved it (the App, when it did). */
  resolvedBy: SimUser | null;
}

export interface SimIssueComment {
  id: number;
  user: SimUser;
  body: string;
  createdAt: string;
}

/** An issue (the App's advisory-monitoring issue), with its comments and every edit. */
export interface SimIssue {
  repository: SimRepository;
  number: number;
  id: number;
  title: string;
  body: string;
  user: SimUser;
  state: 'open' | 'closed';
  stateReason: string | null;
  comments: SimIssueComment[];
  /** The bodies of each edit request, in order. */
  edits: Array<Record<string, unknown>>;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** One request the App sent, as the simulator saw it. */
export interface RecordedRequest {
  method: string;
  /** The path without the `/api/v3` prefix, with its query string. */
  url: string;
  /** "GET /repos/{owner}/{repo}/pulls/{pull_number}/files", or "POST /graphql". */
  route: string | null;
  status: number;
  /** When it arrived (epoch ms) and how long the answer took. */
  receivedAt: number;
  durationMs: number;
  /** A fault the simulator injected into this request, if any. */
  fault?: string;
}

/** A request GitHub's API description does not allow: GitHub would answer it 4xx. */
export interface Violation {
  method: string;
  url: string;
  route: string | null;
  errors: string[];
}
