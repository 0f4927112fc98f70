/**
 * The "FlaskGuard" check run: created in progress at once, completed at the end with its
 * annotations sent 50 per request in successive updates (the last one completes it). A queued
 * job's check run carries the job id as its external_id, so that a worker taking over the job
 * finds the check run a dead worker created without having recorded it.
 */
import { annotationBatches, type Annotation } from '../report/annotations.js';
import type { GitHub, RepoRef } from './client.js';
import { step } from './errors.js';

export const CHECK_NAME = 'FlaskGuard';

export type FinalConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped';

export interface CheckRunResult {
  conclusion: FinalConclusion;
  title: string;
  summary: string;
  annotations?: readonly Annotation[];
}

/** What a later attempt of a job needs to complete the check run an earlier one created. */
export interface CheckRunRef {
  id: number;
  htmlUrl?: string;
}

/** A check run an earlier attempt of a job created, and whether that attempt got as far as completing it. */
export interface EarlierCheckRun {
  ref: CheckRunRef;
  completed: boolean;
}

export class CheckRun {
  private constructor(
    private readonly github: GitHub,
    private readonly repo: RepoRef,
    readonly id: number,
    readonly htmlUrl: string | undefined,
    private readonly now: () => Date,
  ) {}

  /** `externalId`: the queued job's id, which `find` looks the check run up by. */
  static async start(github: GitHub, repo: RepoRef, headSha: string, now: () => Date, externalId?: string): Promise<CheckRun> {
    const { data } = await step('create its check run', () =>
      github.rest.checks.create({
        ...repo,
        name: CHECK_NAME,
        head_sha: headSha,
        ...(externalId !== undefined && { external_id: externalId }),
        status: 'in_progress',
        started_at: now().toISOString(),
      }),
    );
    return new CheckRun(github, repo, data.id, data.html_url ?? undefined, now);
  }

  /**
   * The newest FlaskGuard check run of `headSha` created with `externalId`, if any. All of the
   * commit's runs are searched (`filter=all`): with GitHub's default (`latest`) a re-run created
   * since would hide the one looked for.
   */
  static async find(github: GitHub, repo: RepoRef, headSha: string, externalId: string): Promise<EarlierCheckRun | undefined> {
    const runs = await step('look for the check run of an earlier attempt', () =>
      github.paginate(github.rest.checks.listForRef, { ...repo, ref: headSha, check_name: CHECK_NAME, filter: 'all', per_page: 100 }),
    );
    const run = runs.filter((r) => r.external_id === externalId).sort((a, b) => b.id - a.id)[0];
    return run && { ref: { id: run.id, ...(run.html_url && { htmlUrl: run.html_url }) }, completed: run.status === 'completed' };
  }

  /** Whether a check run is completed: an attempt that died after completing it left nothing to do. */
  static async isCompleted(github: GitHub, repo: RepoRef, ref: CheckRunRef): Promise<boolean> {
    const { data } = await step('read the check run of an earlier attempt', () => github.rest.checks.get({ ...repo, check_run_id: ref.id }));
    return data.status === 'completed';
  }

  /** A check run created before (by an attempt of the same job that did not finish), to complete it now. */
  static resume(github: GitHub, repo: RepoRef, ref: CheckRunRef, now: () => Date): CheckRun {
    return new CheckRun(github, repo, ref.id, ref.htmlUrl, now);
  }

  get ref(): CheckRunRef {
    return { id: this.id, ...(this.htmlUrl !== undefined && { htmlUrl: this.htmlUrl }) };
  }

  /** A check run that is complete from the start (when a review cannot even be queued). */
  static async report(github: GitHub, repo: RepoRef, headSha: string, result: CheckRunResult, now: () => Date): Promise<void> {
    await step('create its check run', () =>
      github.rest.checks.create({
        ...repo,
        name: CHECK_NAME,
        head_sha: headSha,
        status: 'completed',
        conclusion: result.conclusion,
        completed_at: now().toISOString(),
        output: { title: result.title, summary: result.summary },
      }),
    );
  }

  async complete(result: CheckRunResult): Promise<void> {
    const batches = annotationBatches(result.annotations ?? []);
    const output = { title: result.title, summary: result.summary };
    for (const batch of batches.slice(0, -1)) {
      await step('send annotations', () =>
        this.github.rest.checks.update({ ...this.repo, check_run_id: this.id, output: { ...output, annotations: [...batch] } }),
      );
    }
    const last = batches.at(-1);
    await step('complete its check run', () =>
      this.github.rest.checks.update({
        ...this.repo,
        check_run_id: this.id,
        status: 'completed',
        conclusion: result.conclusion,
        completed_at: this.now().toISOString(),
        output: last ? { ...output, annotations: [...last] } : output,
      }),
    );
  }
}
