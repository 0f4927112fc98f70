/** Pull requests: one, the open ones, their files (paginated, 3000 at most), and the pull requests of a commit. */
import { json, notFound } from '../http.js';
import { paginate } from '../pagination.js';
import { diffEntryShape, pullRequestShape, pullRequestSimpleShape } from '../shapes.js';
import { pageOptions, pullOf, repositoryOf, type Routes } from './context.js';

/** GitHub lists at most this many files of a pull request. */
export const MAX_LISTED_FILES = 3000;

export const pullRoutes: Routes = {
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': (request, context) => {
    const pull = pullOf(request, context);
    const comments = context.store.comments.filter((c) => c.pull === pull).length;
    return json(200, pullRequestShape(pull, context.urls, comments));
  },

  'GET /repos/{owner}/{repo}/pulls': (request, context) => {
    const repo = repositoryOf(request, context);
    const state = request.query.get('state') ?? 'open';
    const head = request.query.get('head');
    const base = request.query.get('base');
    const pulls = context.store.pulls
      .filter((p) => p.repository === repo && (state === 'all' || p.state === state))
      .filter((p) => !head || head === `${p.headRepository.owner.login}:${p.headRef}`)
      .filter((p) => !base || base === p.baseRef)
      // Newest first, like GitHub's default sort.
      .reverse();
    const page = paginate(pulls, pageOptions(request, context, repo));
    return json(200, page.items.map((p) => pullRequestSimpleShape(p, context.urls)), page.headers);
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': (request, context) => {
    const pull = pullOf(request, context);
    const page = paginate(pull.files, { ...pageOptions(request, context, pull.repository), cap: MAX_LISTED_FILES });
    return json(200, page.items.map((f) => diffEntryShape(f, pull, context.urls)), page.headers);
  },

  /** Like GitHub, only pull requests whose head branch is in this repository (not in a fork). */
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': async (request, context) => {
    const repo = repositoryOf(request, context);
    const sha = await repo.git.resolve(request.params.commit_sha as string);
    if (!sha) throw notFound();
    const pulls = context.store.pulls.filter((p) => p.repository === repo && p.headRepository === repo && p.heads.includes(sha));
    const page = paginate(pulls, pageOptions(request, context, repo));
    return json(200, page.items.map((p) => pullRequestSimpleShape(p, context.urls)), page.headers);
  },
};
