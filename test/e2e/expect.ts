/** What the end-to-end tests compare: rule ids, positions, suggestions and routes (not wording). */
import type { CheckRunAnnotation, GitHubSimulator, SimCheckRun, SimPullRequest, SimReviewComment } from '../simulator/index.js';

/** `[path, start_line, end_line, start_column, end_column, level, rule id]` of each annotation. */
export function annotationsOf(run: SimCheckRun): Array<[string, number, number, number | undefined, number | undefined, string, string | undefined]> {
  return run.annotations.map((a: CheckRunAnnotation) => [a.path, a.start_line, a.end_line, a.start_column, a.end_column, a.annotation_level, /\(([a-z0-9-]+)\)$/.exec(a.title ?? '')?.[1]]);
}

/** `[path, start line or null, line, rule id, suggested code or null]` of each review comment. */
export function commentsOf(sim: GitHubSimulator, pull: SimPullRequest): Array<[string, number | null, number, string | undefined, string | null]> {
  return sim.store.comments
    .filter((c: SimReviewComment) => c.pull === pull && c.inReplyTo === undefined)
    .map((c) => [c.path, c.startLine, c.line, /\(`([a-z0-9-]+)`\)/.exec(c.body)?.[1], /```suggestion\n([\s\S]*?)\n```/.exec(c.body)?.[1] ?? null]);
}

/** The routes the App requested since `from` (an index into the recorded requests), with their answers. */
export function routesSince(sim: GitHubSimulator, from: number): string[] {
  return sim.store.requests.slice(from).map((r) => `${r.route ?? r.url} ${r.status}`);
}

/** Writes (POST/PATCH) in the order they came; reads as a sorted list. */
export function splitRoutes(routes: readonly string[]): { writes: string[]; reads: string[] } {
  return {
    writes: routes.filter((r) => /^(POST|PATCH|PUT|DELETE) /.test(r)),
    reads: routes.filter((r) => r.startsWith('GET ')).sort(),
  };
}
