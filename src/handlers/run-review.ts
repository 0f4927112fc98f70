/**
 * One review, step by step: config from the base branch, the pull request's files, their contents
 * at the head, the analysis, the dependency audit, the review comments, and the check run's
 * result. Orchestration only: each step's logic lives in github/, core/, review/ and report/.
 */
import { CONFIG_FILE } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { analyzeReleasingTrees, pathFilter, type FileNote } from '../core/analyze.js';
import type { FileChanges } from '../core/diff.js';
import { decodeSource, type SourceFile } from '../core/files.js';
import { assignFingerprints } from '../core/fingerprint.js';
import { LineIndex } from '../core/lines.js';
import { readBlobs, type BlobOptions } from '../github/blobs.js';
import type { CheckRunResult } from '../github/check-runs.js';
import { readConfigText } from '../github/config-file.js';
import { step } from '../github/errors.js';
import { listPullFiles } from '../github/pull-files.js';
import { listDependencyFiles } from '../github/tree.js';
import { isDependencyFile, MAX_INCLUDE_DEPTH, missingDependencyFiles, type DependencyAudit } from '../deps/index.js';
import { planAnnotations } from '../report/annotations.js';
import { withinConfidence } from '../report/confidence.js';
import type { RuleMetaLookup } from '../report/rule-info.js';
import { renderSummary, type ReviewTally } from '../report/summary.js';
import { baseConfig, proposedConfigProblem } from '../review/config.js';
import { conclusionFor, countsTitle, failingExisting, scopeFindings } from '../review/outcome.js';
import { scopePullRequest, wholeFileChanges, type ScopedFile } from '../review/scope.js';
import type { ReviewEnvironment, ReviewJob } from './environment.js';
import { commentOnFindings } from './review-comments.js';

export async function runReview(env: ReviewEnvironment, job: ReviewJob, checkRunUrl: string | undefined): Promise<CheckRunResult> {
  const { github, repo, pull, signal } = job;
  const ruleIds = env.rules.map((r) => r.meta.id);
  const lookup = metaLookup(env);

  const configText = await step(`read ${CONFIG_FILE} from ${pull.baseRef}`, () => readConfigText(github, repo, pull.baseRef));
  const { config, problems } = baseConfig(configText, pull.baseRef, ruleIds);
  if (pull.draft && config.skip_drafts) {
    job.skipped();
    return {
      conclusion: 'skipped',
      title: 'Draft pull request not reviewed',
      summary: `This pull request is a draft and ${CONFIG_FILE} sets \`skip_drafts: true\`. FlaskGuard reviews it once it is marked ready for review.`,
    };
  }

  const pullFiles = await step("list the pull request's files", () => listPullFiles(github, { ...repo, pull_number: pull.number }));
  const scope = scopePullRequest(pullFiles, pathFilter(config));
  signal.throwIfAborted();

  const blobOptions: BlobOptions = { maxBytes: config.max_file_size_kb * 1024, concurrency: env.fetchConcurrency, signal };
  const toRead = scope.proposedConfig ? [...scope.sources, scope.proposedConfig] : scope.sources;
  const read = await readBlobs(github, repo, toRead.map(blobRequest), blobOptions);
  const notes: FileNote[] = [];
  const proposed = read.files.find((f) => f.path === scope.proposedConfig?.path);
  if (scope.proposedConfig) {
    const problem = proposedConfigProblem(proposed ? proposedConfigText(proposed) : { unread: `larger than ${config.max_file_size_kb} KB (max_file_size_kb)` }, ruleIds);
    if (problem) problems.push(problem);
    else notes.push({ path: CONFIG_FILE, note: 'changed by this pull request: valid, and applies once merged' });
  }
  const sources = read.files.filter((f) => f !== proposed);
  const analysis = await analyzeReleasingTrees(sources, { rules: env.rules, config, ...(env.collectGarbage && { collectGarbage: env.collectGarbage }) });
  const tooLarge = read.tooLarge.filter((f) => f.path !== scope.proposedConfig?.path);
  const notReviewed = [...scope.notReviewed, ...tooLarge, ...analysis.skipped];
  notes.push(...analysis.notes);

  const deps = env.dependencyAudit ? await auditDependencies(env, job, config, blobOptions, sources) : undefined;
  signal.throwIfAborted();
  if (deps) {
    notReviewed.push(...deps.notReviewed, ...deps.result.skipped);
    // One at a time: a dependency file can have a note per line, too many for push(...)'s arguments.
    for (const note of deps.result.notes) notes.push(note);
  }

  const texts = lineIndexes([...sources, ...(deps?.files ?? [])]);
  // The changed requirements files the audit read count as analyzed with the sources.
  const auditedChanges = deps ? scope.requirements.map((r) => texts.get(r.path)).filter((t) => t !== undefined) : [];
  const changes = changedLines([...scope.sources, ...scope.requirements], texts);
  const findings = withinConfidence([...analysis.findings, ...(deps?.result.findings ?? [])], config);
  const { onChangedLines, elsewhere } = scopeFindings(findings, changes);
  const existingDependencyProblems = config.dependencies.existing === 'off' ? [] : elsewhere.filter((f) => f.category === 'dependencies');
  const fingerprints = assignFingerprints(findings, (file, line) => texts.get(file)?.line(line) ?? '');

  let review: ReviewTally | undefined;
  let reviewProblem: string | undefined;
  if (config.review.comments) {
    try {
      review = await commentOnFindings(job, {
        config,
        onChangedLines,
        fingerprints,
        texts,
        changes,
        lookup,
        analyzedPaths: new Set(sources.map((f) => f.path)),
        pullRequestPaths: new Set(pullFiles.map((f) => f.path)),
        checkRunUrl,
      });
    } catch (error) {
      reviewProblem = (error as Error).message;
      job.log.warn({ error: reviewProblem }, 'review comments failed');
    }
  } else {
    review = { posted: 0, alreadyCommented: 0, resolved: 0, overMax: 0, refused: 0, disabled: true };
  }
  if (reviewProblem) problems.push(reviewProblem);

  const existingFailing = failingExisting(existingDependencyProblems, config);
  const annotateExisting = config.dependencies.existing === 'annotate' || config.dependencies.existing === 'fail';
  const annotated = annotateExisting ? [...onChangedLines, ...existingDependencyProblems] : onChangedLines;
  const annotations = planAnnotations(annotated, lookup, config.annotations.max);
  const summaryInput = {
    headSha: pull.headSha,
    lineUrl: (path: string, start: number, end: number) => `${job.repoUrl}/blob/${pull.headSha}/${encodeURI(path)}#L${start}-L${end}`,
    failOn: config.fail_on,
    failMinConfidence: config.fail_min_confidence,
    lookup,
    filesAnalyzed: analysis.filesAnalyzed + auditedChanges.length,
    linesAnalyzed: analysis.linesAnalyzed + auditedChanges.reduce((sum, t) => sum + t.lineCount, 0),
    problems,
    onChangedLines,
    elsewhere: elsewhere.length - existingDependencyProblems.length,
    suppressed: [...analysis.suppressed, ...(deps?.result.suppressed ?? [])],
    withheld: scopeFindings(analysis.withheld, changes).onChangedLines,
    existingDependencyProblems,
    existingFails: config.dependencies.existing === 'fail',
    notReviewed,
    notes,
    annotationsOmitted: annotations.omitted,
    annotationsMax: config.annotations.max,
  };
  return {
    conclusion: reviewProblem ? 'neutral' : conclusionFor([...onChangedLines, ...existingFailing], config),
    title: reviewProblem ? 'FlaskGuard could not post its review' : titleWithExisting(countsTitle(onChangedLines), existingFailing),
    summary: renderSummary({ ...summaryInput, ...(review && { review }), ...(deps && { advisorySource: deps.result.advisorySource }) }),
    annotations: annotations.annotations,
  };
}

interface DependencyStep {
  result: DependencyAudit;
  files: SourceFile[];
  notReviewed: FileNote[];
}

/**
 * Every dependency file of the head commit, whether the pull request touches it or not, and the
 * files they include; the changed Python files go along for their imports.
 */
async function auditDependencies(
  env: ReviewEnvironment,
  job: ReviewJob,
  config: Config,
  blobOptions: BlobOptions,
  sources: readonly SourceFile[],
): Promise<DependencyStep> {
  const { github, repo, pull } = job;
  const listing = await step('list the dependency files', () => listDependencyFiles(github, repo, pull.headSha));
  const read = await readBlobs(github, repo, listing.files, blobOptions);
  // Files that `-r` / `-c` name, whatever their names: a level of the chains per round.
  for (let depth = 0; depth < MAX_INCLUDE_DEPTH; depth++) {
    const included = missingDependencyFiles(read.files, read.tooLarge).flatMap((path) => listing.all.get(path) ?? []);
    if (included.length === 0) break;
    const more = await readBlobs(github, repo, included, blobOptions);
    read.files.push(...more.files);
    read.tooLarge.push(...more.tooLarge);
  }
  const audit = env.dependencyAudit as NonNullable<ReviewEnvironment['dependencyAudit']>;
  const unread = [...read.tooLarge, ...listing.links];
  const result = await step('audit the dependencies', () => audit([...read.files, ...sources], { config, github, unread }));
  const notReviewed = [...read.tooLarge, ...listing.links.filter((l) => isDependencyFile(l.path))];
  if (listing.truncated) notReviewed.push({ path: '(repository tree)', note: 'the repository tree is too large for GitHub to list whole: some dependency files may be missing' });
  return { result, files: read.files, notReviewed };
}

/** "No findings on changed lines; 2 vulnerable pins in the dependency files" when existing pins fail the check. */
function titleWithExisting(title: string, existingFailing: readonly { file: string }[]): string {
  if (existingFailing.length === 0) return title;
  return `${title}; ${existingFailing.length} vulnerable ${existingFailing.length === 1 ? 'pin' : 'pins'} in the dependency files`;
}

function metaLookup(env: ReviewEnvironment): RuleMetaLookup {
  const byId = new Map(env.rules.map((r) => [r.meta.id, r.meta]));
  return (id) => byId.get(id);
}

function blobRequest(file: ScopedFile): { path: string; sha: string } {
  return { path: file.path, sha: file.blobSha };
}

/** The pull request's `.flaskguard.yml` as text, or why it is not (its problem, not the review's). */
function proposedConfigText(file: SourceFile): string | { unread: string } {
  const decoded = decodeSource(file.content);
  return decoded.ok ? decoded.text : { unread: decoded.reason };
}

function textOf(file: SourceFile): string {
  const decoded = decodeSource(file.content);
  return decoded.ok ? decoded.text : '';
}

function lineIndexes(files: readonly SourceFile[]): Map<string, LineIndex> {
  return new Map(files.map((f) => [f.path, new LineIndex(textOf(f))]));
}

/** Changed lines by path; a new file without a patch counts as changed throughout. */
function changedLines(files: readonly ScopedFile[], texts: ReadonlyMap<string, LineIndex>): Map<string, FileChanges> {
  const changes = new Map<string, FileChanges>();
  for (const file of files) {
    if (file.changes !== 'whole-file') changes.set(file.path, file.changes);
    else changes.set(file.path, wholeFileChanges(texts.get(file.path)?.lineCount ?? 0));
  }
  return changes;
}

