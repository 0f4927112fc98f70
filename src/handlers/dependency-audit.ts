/**
 * The App's dependency audit: the GitHub Advisory Database through the installation's client,
 * with the bundled snapshot answering when GitHub does not. One answer cache for the process.
 */
import type { AdvisorySource } from '../deps/advisory.js';
import { auditDependencies, SnapshotAdvisorySource } from '../deps/index.js';
import { AdvisoryApiCache, GitHubAdvisorySource } from '../github/advisories.js';
import type { GitHub } from '../github/client.js';
import type { DependencyAuditor } from './environment.js';

/** Where advisories come from for one review; `github` is the installation's client. */
export interface AdvisorySourceFactory {
  (github: GitHub): AdvisorySource;
  /** Forgets cached answers (an operator's "audit now" wants today's advisories, not the last hour's). */
  refresh?(): void;
}

export function liveAdvisorySource(): AdvisorySourceFactory {
  const cache = new AdvisoryApiCache();
  let snapshot: SnapshotAdvisorySource | undefined;
  const factory = (github: GitHub) => {
    snapshot ??= SnapshotAdvisorySource.bundled();
    return new GitHubAdvisorySource(github, { fallback: snapshot, cache });
  };
  return Object.assign(factory, { refresh: () => cache.clear() });
}

export function dependencyAuditor(advisorySource: AdvisorySourceFactory): DependencyAuditor {
  return (files, { config, github, unread }) => auditDependencies(files, { source: advisorySource(github), config, ...(unread && { unread }) });
}
