/** The GitHub client FlaskGuard works with: Probot's Octokit, authenticated for one installation. */
import type { ProbotOctokit } from 'probot';

export type GitHub = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRef extends RepoRef {
  pull_number: number;
}
