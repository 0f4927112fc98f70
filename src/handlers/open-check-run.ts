/** The check run a review or branch scan works in: the one an earlier attempt of its job created, or a new one. */
import { CheckRun, type CheckRunRef } from '../github/check-runs.js';
import type { GitHub, RepoRef } from '../github/client.js';

/** For a queued job, which may run again after its process died: its check run is reused, never doubled. */
export interface CheckRunHooks {
  /** The check run an earlier attempt of this job created. */
  checkRun?: CheckRunRef;
  /** The job's id, given to a new check run as its external_id (a later attempt finds it by that). */
  externalId?: string;
  /** Remembers the check run this attempt created, for a later attempt. */
  started?(checkRun: CheckRunRef): Promise<void>;
}

export async function openCheckRun(github: GitHub, repo: RepoRef, sha: string, now: () => Date, hooks: CheckRunHooks): Promise<CheckRun> {
  if (hooks.checkRun) return CheckRun.resume(github, repo, hooks.checkRun, now);
  const check = await CheckRun.start(github, repo, sha, now, hooks.externalId);
  await hooks.started?.(check.ref);
  return check;
}
