/**
 * The "FlaskGuard" check run: created in progress at once, completed at the end with its
 * annotations sent 50 per request in successive updates (the last one completes it).
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

export class CheckRun {
  private constructor(
    private readonly github: GitHub,
    private readonly repo: RepoRef,
    readonly id: number,
    readonly htmlUrl: string | undefined,
    private readonly now: () => Date,
  ) {}

  static async start(github: GitHub, repo: RepoRef, headSha: string, now: () => Date): Promise<CheckRun> {
    const { data } = await step('create its check run', () =>
      github.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: headSha, status: 'in_progress', started_at: now().toISOString() }),
    );
    return new CheckRun(github, repo, data.id, data.html_url ?? undefined, now);
  }

  /** A check run created before (by an attempt of the same job that did not finish), to complete it now. */
  static resume(github: GitHub, repo: RepoRef, id: number, htmlUrl: string | undefined, now: () => Date): CheckRun {
    return new CheckRun(github, repo, id, htmlUrl, now);
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
