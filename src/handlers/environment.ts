/** What a review works with, injectable: the rules, the dependency audit, limits and the clock. */
import type { Logger } from 'pino';
import type { FileNote } from '../core/analyze.js';
import type { SourceFile } from '../core/files.js';
import type { Rule } from '../core/rule.js';
import type { Config } from '../config/schema.js';
import type { DependencyAudit } from '../deps/index.js';
import type { GitHub, RepoRef } from '../github/client.js';
import type { PullRequestInfo } from '../github/pull-requests.js';

/**
 * Audits the dependency files of the head commit (and the changed Python files, for imports of
 * Flask that no dependency file declares). `github` can reach the live advisory database.
 */
/** `unread`: files found but not read (too large), so that an include of one says why. */
export type DependencyAuditor = (files: SourceFile[], context: { config: Config; github: GitHub; unread?: FileNote[] }) => Promise<DependencyAudit>;

export interface ReviewEnvironment {
  rules: readonly Rule[];
  /** Absent: no dependency audit (and no dependency files are read). */
  dependencyAudit?: DependencyAuditor;
  /** Forgets the advisories the audit has cached, so that the next audits ask for them again. */
  refreshAdvisories?(): void;
  /** Blobs downloaded at the same time by one review. */
  fetchConcurrency: number;
  /** A full garbage collection, run during the analysis of a large pull request (see analyzeReleasingTrees). */
  collectGarbage?: () => void;
  now(): Date;
}

/** One whole-repository scan of a branch's head commit (the default branch, after a push or an installation). */
export interface BranchJob {
  github: GitHub;
  repo: RepoRef;
  repoUrl: string;
  branch: string;
  sha: string;
  log: Logger;
  signal: AbortSignal;
}

/** One review of one pull request at one head SHA. */
export interface ReviewJob {
  github: GitHub;
  repo: RepoRef;
  /** The repository's web address, for links to lines. */
  repoUrl: string;
  pull: PullRequestInfo;
  /** Carries the delivery id, repository, pull request and SHA. */
  log: Logger;
  signal: AbortSignal;
  /** The review was skipped (a draft with `skip_drafts`): a later event may review this SHA. */
  skipped(): void;
}
