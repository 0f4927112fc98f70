/**
 * Check runs: create and update (output replaced, annotations appended — at most 50 per request,
 * which GitHub's schema enforces), read one, list a commit's (the newest of each name, or all
 * with filter=all), list annotations. Every create and
 * update body is recorded on the run.
 */
import { json, notFound, unprocessable, type SimRequest } from '../http.js';
import type { CheckRunAnnotation, SimCheckRun, SimRepository } from '../model.js';
import { paginate } from '../pagination.js';
import { checkRunShape } from '../shapes.js';
import { pageOptions, repositoryOf, timestamp, type RouteContext, type Routes } from './context.js';

interface CheckRunBody {
  name?: string;
  head_sha?: string;
  status?: SimCheckRun['status'];
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  details_url?: string;
  external_id?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: CheckRunAnnotation[] };
}

/** What GitHub refuses beyond the schema. */
function semanticErrors(body: CheckRunBody, current?: SimCheckRun): string[] {
  const errors: string[] = [];
  const status = body.conclusion ? 'completed' : (body.status ?? current?.status);
  const conclusion = body.conclusion ?? current?.conclusion;
  if ((status === 'completed' || body.completed_at) && !conclusion) errors.push('Conclusion is required when the check run is completed');
  for (const annotation of body.output?.annotations ?? []) {
    const columns = annotation.start_column !== undefined || annotation.end_column !== undefined;
    if (columns && annotation.start_line !== annotation.end_line) errors.push(`Annotation on ${annotation.path}: start_column and end_column need start_line = end_line`);
    if (annotation.end_line < annotation.start_line) errors.push(`Annotation on ${annotation.path}: end_line is before start_line`);
  }
  return errors;
}

function apply(run: SimCheckRun, body: CheckRunBody): void {
  if (body.name !== undefined) run.name = body.name;
  if (body.status !== undefined) run.status = body.status;
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (body.started_at !== undefined) run.startedAt = body.started_at;
  if (body.completed_at !== undefined) run.completedAt = body.completed_at;
  if (run.status === 'completed' && !run.completedAt) run.completedAt = timestamp();
  if (body.details_url !== undefined) run.detailsUrl = body.details_url;
  if (body.external_id !== undefined) run.externalId = body.external_id;
  const output = body.output;
  if (output) {
    if (output.title !== undefined) run.output.title = output.title;
    if (output.summary !== undefined) run.output.summary = output.summary;
    if (output.text !== undefined) run.output.text = output.text;
    run.annotations.push(...(output.annotations ?? []));
  }
}

function pullsOf(run: SimCheckRun, context: RouteContext) {
  return context.store.pulls.filter((p) => p.repository === run.repository && p.headRepository === run.repository && p.state === 'open' && p.headSha === run.headSha);
}

function runOf(request: SimRequest, context: RouteContext): SimCheckRun {
  const repo = repositoryOf(request, context);
  const run = context.store.checkRuns.find((r) => r.repository === repo && r.id === Number(request.params.check_run_id));
  if (!run) throw notFound();
  return run;
}

function suiteOf(repo: SimRepository, headSha: string, context: RouteContext): number {
  return context.store.checkRuns.find((r) => r.repository === repo && r.headSha === headSha)?.suiteId ?? context.store.id();
}

export const checkRoutes: Routes = {
  'POST /repos/{owner}/{repo}/check-runs': async (request, context) => {
    const repo = repositoryOf(request, context);
    const body = request.body as CheckRunBody;
    const headSha = await repo.git.resolve(body.head_sha as string);
    if (!headSha || headSha !== body.head_sha) throw unprocessable(`No commit found for SHA: ${body.head_sha}`);
    const errors = semanticErrors(body);
    if (errors.length > 0) throw unprocessable(...errors);
    const run: SimCheckRun = {
      id: context.store.id(),
      repository: repo,
      name: body.name as string,
      headSha,
      status: 'queued',
      conclusion: null,
      startedAt: timestamp(),
      completedAt: null,
      // What GitHub shows when the App sets neither: its own page and an empty id.
      detailsUrl: `${context.urls.web}/apps/${context.app.slug}`,
      externalId: '',
      output: { title: null, summary: null, text: null },
      annotations: [],
      requests: [{ method: 'POST', body: request.body as Record<string, unknown> }],
      suiteId: suiteOf(repo, headSha, context),
    };
    apply(run, body);
    context.store.checkRuns.push(run);
    return json(201, checkRunShape(run, context.app, pullsOf(run, context), context.urls));
  },

  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': (request, context) => {
    const run = runOf(request, context);
    const body = request.body as CheckRunBody;
    const errors = semanticErrors(body, run);
    if (errors.length > 0) throw unprocessable(...errors);
    run.requests.push({ method: 'PATCH', body: request.body as Record<string, unknown> });
    apply(run, body);
    return json(200, checkRunShape(run, context.app, pullsOf(run, context), context.urls));
  },

  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}': (request, context) => {
    const run = runOf(request, context);
    return json(200, checkRunShape(run, context.app, pullsOf(run, context), context.urls));
  },

  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations': (request, context) => {
    const run = runOf(request, context);
    const page = paginate(run.annotations, pageOptions(request, context, run.repository));
    const blob = (path: string) => `${context.urls.web}/${run.repository.fullName}/blob/${run.headSha}/${encodeURI(path)}`;
    const annotations = page.items.map((a) => ({
      path: a.path,
      blob_href: blob(a.path),
      start_line: a.start_line,
      end_line: a.end_line,
      start_column: a.start_column ?? null,
      end_column: a.end_column ?? null,
      annotation_level: a.annotation_level,
      title: a.title ?? null,
      message: a.message,
      raw_details: a.raw_details ?? null,
    }));
    return json(200, annotations, page.headers);
  },

  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': async (request, context) => {
    const repo = repositoryOf(request, context);
    const sha = await repo.git.resolve(request.params.ref as string);
    if (!sha) throw notFound();
    const name = request.query.get('check_name');
    const status = request.query.get('status');
    const newestFirst = context.store.checkRuns
      .filter((r) => r.repository === repo && r.headSha === sha && (!name || r.name === name) && (!status || r.status === status))
      .reverse();
    // GitHub's default, filter=latest: only the newest run of each name (one App here).
    const runs = request.query.get('filter') === 'all' ? newestFirst : newestFirst.filter((r, i) => newestFirst.findIndex((o) => o.name === r.name) === i);
    const page = paginate(runs, pageOptions(request, context, repo));
    return json(200, { total_count: runs.length, check_runs: page.items.map((r) => checkRunShape(r, context.app, pullsOf(r, context), context.urls)) }, page.headers);
  },
};
