/**
 * A whole-repository scan of the default branch's head commit (after a push, or when the App is
 * installed): every file FlaskGuard has rules for, and the dependency audit, in a "FlaskGuard"
 * check run on that commit. Orchestration only, like run-review.ts.
 */
import { CONFIG_FILE } from '../config/load.js';
import { analyzeReleasingTrees, pathFilter } from '../core/analyze.js';
import { fileKind } from '../core/files.js';
import { readBlobs, type BlobOptions } from '../github/blobs.js';
import type { CheckRun, CheckRunResult } from '../github/check-runs.js';
import { readConfigText } from '../github/config-file.js';
import { describeError, step } from '../github/errors.js';
import { listDependencyFiles } from '../github/tree.js';
import { isDependencyFile } from '../deps/index.js';
import { planAnnotations } from '../report/annotations.js';
import { withinConfidence } from '../report/confidence.js';
import { renderSummary } from '../report/summary.js';
import { baseConfig } from '../review/config.js';
import { conclusionFor, countsTitle } from '../review/outcome.js';
import type { BranchJob, ReviewEnvironment } from './environment.js';
import { readDependencyFiles } from './read-dependency-files.js';
import { openCheckRun, type CheckRunHooks } from './open-check-run.js';
import { earlyEnd } from './review-pull-request.js';

export async function scanBranch(env: ReviewEnvironment, job: BranchJob, hooks: CheckRunHooks = {}): Promise<void> {
  const { log } = job;
  let check: CheckRun;
  try {
    check = await openCheckRun(job.github, job.repo, job.sha, env.now, hooks);
  } catch (error) {
    log.error({ error: describeError(error) }, 'could not create the check run');
    return;
  }
  try {
    const result = await runBranchScan(env, job);
    await check.complete(result);
    log.info({ checkRunId: check.id, conclusion: result.conclusion, title: result.title }, 'default-branch scan completed');
  } catch (error) {
    const result = earlyEnd(error);
    log.warn({ checkRunId: check.id, conclusion: result.conclusion, error: describeError(error) }, 'default-branch scan ended early');
    try {
      await check.complete(result);
    } catch (completeError) {
      log.error({ checkRunId: check.id, error: describeError(completeError) }, 'could not complete the check run');
    }
  }
}

async function runBranchScan(env: ReviewEnvironment, job: BranchJob): Promise<CheckRunResult> {
  const { github, repo, sha, signal } = job;
  const ruleIds = env.rules.map((r) => r.meta.id);
  const configText = await step(`read ${CONFIG_FILE} from ${job.branch}`, () => readConfigText(github, repo, sha));
  const { config, problems } = baseConfig(configText, job.branch, ruleIds);
  const listing = await step('list the files of the repository', () => listDependencyFiles(github, repo, sha));
  const wanted = pathFilter(config);
  const candidates = [...listing.all.values()].filter((f) => f.path !== CONFIG_FILE && fileKind(f.path) !== null && wanted(f.path));
  const hasPython = candidates.some((f) => f.path.endsWith('.py'));
  const hasDependencies = env.dependencyAudit !== undefined && listing.files.length > 0;
  if (!hasPython && !hasDependencies) {
    return {
      conclusion: 'neutral',
      title: 'No Python code or dependency files',
      summary: `FlaskGuard found no Python files and no dependency files (requirements, pyproject.toml, Pipfile, lock files) on \`${job.branch}\` at \`${sha.slice(0, 7)}\`: nothing to review.`,
    };
  }
  const blobOptions: BlobOptions = { maxBytes: config.max_file_size_kb * 1024, concurrency: env.fetchConcurrency, signal };
  const read = await readBlobs(github, repo, candidates, blobOptions);
  const sources = read.files.filter((f) => !isDependencyFile(f.path));
  const analysis = await analyzeReleasingTrees(sources, { rules: env.rules, config, ...(env.collectGarbage && { collectGarbage: env.collectGarbage }) });
  signal.throwIfAborted();

  const notReviewed = [...read.tooLarge, ...analysis.skipped, ...listing.links.filter((l) => isDependencyFile(l.path))];
  const notes = [...analysis.notes];
  let auditFindings: ReturnType<typeof withinConfidence> = [];
  let suppressed = [...analysis.suppressed];
  let advisorySource: string | undefined;
  if (env.dependencyAudit && hasDependencies) {
    const deps = await readDependencyFiles(github, repo, listing, blobOptions, read);
    const audit = env.dependencyAudit;
    const result = await step('audit the dependencies', () => audit(deps.files, { config, github, unread: [...deps.tooLarge, ...listing.links] }));
    auditFindings = result.findings;
    suppressed = [...suppressed, ...result.suppressed];
    notes.push(...result.notes);
    advisorySource = result.advisorySource;
  }
  if (listing.truncated) notReviewed.push({ path: '(repository tree)', note: 'the repository tree is too large for GitHub to list whole: some files were not scanned' });

  const findings = withinConfidence([...analysis.findings, ...auditFindings], config);
  const lookup = (id: string) => env.rules.find((r) => r.meta.id === id)?.meta;
  const annotations = planAnnotations(findings, lookup, config.annotations.max);
  const summary = renderSummary({
    scope: { branch: job.branch },
    headSha: sha,
    lineUrl: (path, start, end) => `${job.repoUrl}/blob/${sha}/${encodeURI(path)}#L${start}-L${end}`,
    failOn: config.fail_on,
    failMinConfidence: config.fail_min_confidence,
    lookup,
    filesAnalyzed: analysis.filesAnalyzed + (advisorySource ? listing.files.length : 0),
    linesAnalyzed: analysis.linesAnalyzed,
    problems,
    onChangedLines: findings,
    elsewhere: 0,
    suppressed,
    withheld: analysis.withheld,
    existingDependencyProblems: [],
    notReviewed,
    notes,
    annotationsOmitted: annotations.omitted,
    annotationsMax: config.annotations.max,
    ...(advisorySource && { advisorySource }),
  });
  return {
    conclusion: conclusionFor(findings, config),
    title: findings.length === 0 ? `No findings on ${job.branch}` : `${countsTitle(findings)} on ${job.branch}`,
    summary,
    annotations: annotations.annotations,
  };
}
