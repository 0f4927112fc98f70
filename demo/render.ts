/**
 * What a reviewer sees on GitHub, as terminal text: the FlaskGuard check run (title, conclusion,
 * summary, annotations), the review with its inline comments and suggested changes, and the
 * review threads FlaskGuard resolved.
 */
import { CATEGORY_TITLES } from '../src/core/types.js';
import type { GitHubSimulator, SimCheckRun, SimIssue, SimPullRequest, SimReviewComment } from '../test/simulator/index.js';
import { markdown, paint, WIDTH, wrap, type Style } from './terminal.js';

const CONCLUSIONS: Record<string, [string, Style]> = {
  success: ['✓', 'green'],
  failure: ['✗', 'red'],
  neutral: ['○', 'yellow'],
  cancelled: ['○', 'yellow'],
  skipped: ['○', 'dim'],
};

const LEVELS: Record<string, Style> = { failure: 'red', warning: 'yellow', notice: 'blue' };

/**
 * The check run. With `findingDetails` false, the summary's sections of findings by category are
 * left out (a later push lists the same findings again).
 */
export function checkRunLines(run: SimCheckRun, findingDetails: boolean): string[] {
  const [mark, style] = CONCLUSIONS[run.conclusion ?? ''] ?? ['?', 'yellow'];
  const lines = [`  ${paint(style, `${mark} ${run.name}: ${run.conclusion}`)} — ${paint('bold', run.output.title ?? '')}`, ''];
  const summary = findingDetails ? (run.output.summary ?? '') : withoutFindingSections(run.output.summary ?? '');
  lines.push(`  ${paint('bold', 'Checks tab summary')}`, ...markdown(summary, '    '), '');
  if (run.annotations.length === 0) return lines;
  lines.push(`  ${paint('bold', `Annotations (${run.annotations.length})`)}`);
  const where = run.annotations.map((a) => `${a.path}:${a.start_line}${a.end_line > a.start_line ? `-${a.end_line}` : ''}`);
  const width = Math.max(...where.map((w) => w.length));
  // "Critical: Title (rule-id)": the rule id first, then as much of the title as fits.
  const titles = run.annotations.map((a) => /^(.*?)(?: \(([a-z0-9-]+)\))?$/.exec(a.title ?? a.message.split('\n')[0] ?? '') as RegExpExecArray);
  const ruleWidth = Math.max(...titles.map((t) => (t[2] ?? '').length));
  run.annotations.forEach((a, i) => {
    const level = paint(LEVELS[a.annotation_level] ?? 'dim', a.annotation_level.padEnd(7));
    const [, title = '', rule = ''] = titles[i] as RegExpExecArray;
    const lead = `    ${level} ${(where[i] as string).padEnd(width)}  ${paint('bold', rule.padEnd(ruleWidth))}  `;
    const room = WIDTH - (16 + width + ruleWidth);
    lines.push(lead + (title.length > room ? `${title.slice(0, Math.max(0, room - 1))}…` : title));
  });
  return [...lines, ''];
}

const CATEGORY_HEADINGS = new Set(Object.values(CATEGORY_TITLES).map((title) => `### ${title}`));

function withoutFindingSections(summary: string): string {
  const blocks = summary.split('\n\n');
  const kept: string[] = [];
  let inSection = false;
  for (const block of blocks) {
    if (CATEGORY_HEADINGS.has(block)) {
      if (!inSection) kept.push('_(Each finding follows, by strategy, with its threat and fix: as in the first review.)_');
      inSection = true;
    } else if (!(inSection && block.startsWith('- **'))) {
      inSection = false;
      kept.push(block);
    }
  }
  return kept.join('\n\n');
}

/** The reviews FlaskGuard posted for a commit, each with its inline comments. */
export async function reviewLines(sim: GitHubSimulator, pull: SimPullRequest, commit: string): Promise<string[]> {
  const reviews = sim.store.reviews.filter((r) => r.pull === pull && r.commitId === commit);
  if (reviews.length === 0) return [`  ${paint('dim', 'No new review: nothing new to comment on.')}`, ''];
  const lines: string[] = [];
  for (const review of reviews) {
    lines.push(`  ${paint('bold', `Review by ${review.user.login}`)} ${paint('dim', `(${review.state.toLowerCase()})`)}`, ...markdown(review.body, '    '), '');
    for (const id of review.commentIds) {
      const comment = sim.store.comments.find((c) => c.id === id) as SimReviewComment;
      lines.push(...(await commentLines(sim, pull, comment)), '');
    }
  }
  return lines;
}

async function commentLines(sim: GitHubSimulator, pull: SimPullRequest, comment: SimReviewComment): Promise<string[]> {
  const bar = `    ${paint('magenta', '┃')} `;
  const range = comment.startLine !== null ? `${comment.startLine}-${comment.line}` : `${comment.line}`;
  const lines = [`${bar}${paint('bold', `${comment.path}:${range}`)}`];
  const suggestion = /```suggestion\n([\s\S]*?)\n```/.exec(comment.body);
  const prose = comment.body.replace(/```suggestion\n[\s\S]*?\n```/, '').replace(/\*\*How to fix:\*\* apply the suggestion below\./, '');
  lines.push(...markdown(prose, bar).map((line) => line || bar.trimEnd()));
  if (suggestion) {
    const before = await linesAt(sim, pull, comment);
    lines.push(bar.trimEnd(), `${bar}${paint('bold', 'Suggested change')}`);
    for (const line of before) lines.push(`${bar}  ${paint('red', `- ${line}`)}`);
    for (const line of (suggestion[1] as string).split('\n')) lines.push(`${bar}  ${paint('green', `+ ${line}`)}`);
  }
  return lines;
}

/** The lines a comment sits on, in the commit it was made on. */
async function linesAt(sim: GitHubSimulator, pull: SimPullRequest, comment: SimReviewComment): Promise<string[]> {
  const git = pull.repository.git;
  const entry = (await git.tree(comment.commitId))?.byPath.get(comment.path);
  const content = entry ? await git.blob(entry.sha) : null;
  if (!content) return [];
  return content.toString('utf8').split('\n').slice((comment.startLine ?? comment.line) - 1, comment.line);
}

/** Threads of FlaskGuard comments resolved since `resolvedBefore` was taken. */
export function resolvedLines(sim: GitHubSimulator, pull: SimPullRequest, resolvedBefore: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  for (const thread of sim.store.threads.filter((t) => t.pull === pull && t.isResolved && !resolvedBefore.has(t.id))) {
    const first = sim.store.comments.find((c) => c.id === thread.commentIds[0]) as SimReviewComment;
    const rule = /\(`([a-z0-9-]+)`\)/.exec(first.body)?.[1] ?? '';
    lines.push(`    ${paint('green', '✓')} ${first.path}:${first.line} ${paint('dim', rule)} — conversation resolved by ${thread.resolvedBy?.login ?? 'someone'}`);
  }
  return lines.length === 0 ? [] : [`  ${paint('bold', 'Review threads')}`, ...lines, ''];
}

export function banner(text: string): string[] {
  return ['', paint('bold', `━━ ${text}`), ''];
}

export function note(text: string): string[] {
  return wrap(text, '  ');
}

/** The monitoring issue as GitHub shows it: title, state, body (whole, or only its head) and the comments after `fromComment`. */
export function issueLines(issue: SimIssue, options: { body: boolean; fromComment: number }): string[] {
  const state = issue.state === 'open' ? paint('green', '● Open') : paint('magenta', `✓ Closed (${issue.stateReason ?? 'completed'})`);
  const lines = [`  ${state} — ${paint('bold', `#${issue.number} ${issue.title}`)} ${paint('dim', `by ${issue.user.login}`)}`, ''];
  if (options.body) lines.push(...markdown(issue.body.replace(/<!--[\s\S]*?-->/g, '').trim(), '    '), '');
  for (const comment of issue.comments.slice(options.fromComment)) {
    const bar = `    ${paint('magenta', '┃')} `;
    lines.push(`${bar}${paint('bold', `${comment.user.login} commented`)}`, ...markdown(comment.body, bar).map((line) => line || bar.trimEnd()), '');
  }
  return lines;
}
