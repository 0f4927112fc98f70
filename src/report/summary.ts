/**
 * The check run's Markdown summary: findings on changed lines grouped by the seed's strategies,
 * each with a link to its line, the threat it addresses and the fix; then suppressed findings,
 * existing dependency problems, files not reviewed, notes, the advisory source and config
 * problems. GitHub cuts summaries at 65,535 characters, so it is truncated with a note. Pure.
 */
import type { FileNote } from '../core/analyze.js';
import { CATEGORIES, CATEGORY_TITLES, SEVERITIES, type Finding } from '../core/types.js';
import { scopeSentence } from './model.js';
import { lastLine, severityCounts } from '../review/outcome.js';
import { capitalize, ruleInfo, threatList, truncate, type RuleMetaLookup } from './rule-info.js';

export const SUMMARY_MAX = 65_535;
/** Room kept for the truncation note. */
const NOTE_ROOM = 400;

export interface ReviewTally {
  posted: number;
  alreadyCommented: number;
  resolved: number;
  overMax: number;
  refused: number;
  /** `review.comments: off`. */
  disabled: boolean;
}

export interface SummaryInput {
  /** A whole-repository scan of a branch (no changed lines: every finding counts); a pull request's changes when absent. */
  scope?: { branch: string };
  headSha: string;
  /** Link to lines of a file at the head commit. */
  lineUrl(path: string, startLine: number, endLine: number): string;
  failOn: string;
  failMinConfidence: string;
  lookup: RuleMetaLookup;
  filesAnalyzed: number;
  linesAnalyzed: number;
  /** Sentences about problems this run met: invalid config, a review GitHub refused. */
  problems: readonly string[];
  onChangedLines: readonly Finding[];
  /** Findings in the files read but not on changed lines. */
  elsewhere: number;
  suppressed: readonly Finding[];
  /** Findings on changed lines in development or test code, not reported (`report.show_dev: on` lists them). */
  withheld: readonly Finding[];
  existingDependencyProblems: readonly Finding[];
  /** `dependencies.existing: fail`: the vulnerable pins among them fail the check. */
  existingFails?: boolean;
  notReviewed: readonly FileNote[];
  notes: readonly FileNote[];
  /** Which advisory source answered the dependency audit; undefined when none ran. */
  advisorySource?: string;
  annotationsOmitted: number;
  annotationsMax: number;
  review?: ReviewTally;
}

export function renderSummary(input: SummaryInput): string {
  let blocks: string[] = [header(input), ...input.problems.map((p) => `> **Warning:** ${p}`)];
  if (input.onChangedLines.length > 0) blocks.push(categoryTable(input.onChangedLines));
  // concat, not push(...): a list of 200,000 notes would overflow the stack as arguments.
  blocks = blocks.concat(findingBlocks(input));
  if (input.annotationsOmitted > 0)
    blocks.push(`${input.annotationsOmitted} findings have no annotation (annotations.max: ${input.annotationsMax}); they are listed here.`);
  if (input.review) blocks.push(reviewLine(input.review));
  const scope = scopeSentence(input.withheld, input.onChangedLines, '`report.show_dev: on` in .flaskguard.yml');
  if (scope) blocks.push(`${capitalize(scope)}.`);
  if (input.elsewhere > 0)
    blocks.push(`${input.elsewhere} ${input.elsewhere === 1 ? 'finding is' : 'findings are'} on lines this pull request did not change; they do not affect the result.`);
  blocks = blocks.concat(
    listSection('Suppressed findings', input.suppressed.map((f) => `- ${findingLink(input, f)} \`${f.ruleId}\` (${f.severity}), suppressed by a \`flaskguard: ignore\` comment`)),
    listSection(
      input.existingFails ? 'Existing dependency problems (vulnerable pins at or above the fail level fail this check: `dependencies.existing: fail`)' : 'Existing dependency problems',
      input.existingDependencyProblems.map((f) => [`- ${findingLink(input, f)} **${capitalize(f.severity)}**`, ...messageLines(f.message)].join('\n')),
    ),
    listSection('Files not reviewed', input.notReviewed.map((n) => `- \`${n.path}\`: ${n.note}`)),
    listSection('Notes', input.notes.map((n) => `- \`${n.path}\`: ${n.note}`)),
  );
  if (input.advisorySource) blocks.push(`Advisories: ${input.advisorySource}.`);
  return fitBlocks(blocks);
}

function header(input: SummaryInput): string {
  const threshold =
    input.failOn === 'none'
      ? 'No finding fails the check (`fail_on: none`).'
      : `Findings on changed lines at or above **${input.failOn}** and at least **${input.failMinConfidence}** confidence fail the check (\`fail_on\`, \`fail_min_confidence\`).`;
  if (input.scope) {
    const whole =
      input.failOn === 'none'
        ? 'No finding fails the check (`fail_on: none`).'
        : `Findings at or above **${input.failOn}** and at least **${input.failMinConfidence}** confidence fail the check (\`fail_on\`, \`fail_min_confidence\`).`;
    return `FlaskGuard scanned the whole repository on \`${input.scope.branch}\`: ${input.filesAnalyzed} ${input.filesAnalyzed === 1 ? 'file' : 'files'} (${input.linesAnalyzed} lines of code) at \`${input.headSha.slice(0, 7)}\`. ${whole}`;
  }
  return `FlaskGuard analyzed ${input.filesAnalyzed} changed ${input.filesAnalyzed === 1 ? 'file' : 'files'} (${input.linesAnalyzed} lines) at \`${input.headSha.slice(0, 7)}\`. ${threshold}`;
}

function categoryTable(findings: readonly Finding[]): string {
  const rows = ['| Strategy | ' + SEVERITIES.join(' | ') + ' |', '|---|' + SEVERITIES.map(() => '---:').join('|') + '|'];
  for (const category of CATEGORIES) {
    const counts = severityCounts(findings.filter((f) => f.category === category));
    if (SEVERITIES.every((s) => counts[s] === 0)) continue;
    rows.push(`| ${CATEGORY_TITLES[category]} | ${SEVERITIES.map((s) => (counts[s] > 0 ? String(counts[s]) : '')).join(' | ')} |`);
  }
  return rows.join('\n');
}

function findingBlocks(input: SummaryInput): string[] {
  const blocks: string[] = [];
  for (const category of CATEGORIES) {
    const findings = input.onChangedLines.filter((f) => f.category === category);
    if (findings.length === 0) continue;
    blocks.push(`### ${CATEGORY_TITLES[category]}`);
    for (const finding of findings) blocks.push(findingBlock(input, finding));
  }
  return blocks;
}

function findingBlock(input: SummaryInput, finding: Finding): string {
  const info = ruleInfo(finding, input.lookup);
  const confidence = finding.confidence === 'high' ? '' : ` _(confidence: ${finding.confidence}${finding.scope ? `, ${finding.scope} code` : ''})_`;
  const lines = [`- **${capitalize(finding.severity)}**${confidence} ${findingLink(input, finding)} ${info.title} (\`${finding.ruleId}\`)`, ...messageLines(finding.message)];
  if (info.threats.length > 0) lines.push(`  Threat: ${threatList(info.threats)}`);
  if (finding.fix !== undefined) lines.push(`  Fix: replace with ${inlineCode(finding.fix)}`);
  else if (info.useInstead?.includes('\n')) lines.push('  Use instead:', ...codeBlock(info.useInstead, '  '));
  else if (info.useInstead) lines.push(`  Use instead: ${inlineCode(info.useInstead)}`);
  return lines.join('\n');
}

function findingLink(input: SummaryInput, finding: Finding): string {
  const end = lastLine(finding);
  const label = end > finding.startLine ? `${finding.file}:${finding.startLine}-${end}` : `${finding.file}:${finding.startLine}`;
  return `[\`${label}\`](${input.lineUrl(finding.file, finding.startLine, end)})`;
}

function reviewLine(review: ReviewTally): string {
  if (review.disabled) return 'Review comments are off (`review.comments: off`).';
  const parts = [`${review.posted} new review ${review.posted === 1 ? 'comment' : 'comments'}`];
  if (review.alreadyCommented > 0) parts.push(`${review.alreadyCommented} already commented on earlier pushes`);
  if (review.overMax > 0) parts.push(`${review.overMax} over review.max_comments`);
  if (review.refused > 0) parts.push(`${review.refused} refused by GitHub`);
  if (review.resolved > 0) parts.push(`${review.resolved} earlier ${review.resolved === 1 ? 'comment' : 'comments'} marked fixed`);
  return `Review: ${parts.join(', ')}.`;
}

function listSection(title: string, items: string[]): string[] {
  return items.length === 0 ? [] : [`### ${title} (${items.length})`, ...items];
}

/** Joins blocks until the next one would pass GitHub's limit, then says how many were left out. */
function fitBlocks(blocks: readonly string[]): string {
  let out = '';
  for (let i = 0; i < blocks.length; i++) {
    const next = (out ? '\n\n' : '') + (blocks[i] as string);
    if (out.length + next.length > SUMMARY_MAX - NOTE_ROOM) {
      const left = blocks.length - i;
      return `${out}\n\n---\n_Summary truncated: ${left} more ${left === 1 ? 'entry' : 'entries'} not shown (GitHub limits a check-run summary to 65,535 characters). Every finding on changed lines up to annotations.max is in the annotations._`;
    }
    out += next;
  }
  return out;
}

function oneLine(text: string): string {
  return truncate(text.replace(/\s*\n\s*/g, ' '), 1000);
}

/**
 * A finding's message inside its list item: a first line followed by a list (the advisories of a
 * dependency) stays a list, nested, with a blank line after it so that what follows belongs to
 * the item again; any other message is one line.
 */
function messageLines(message: string): string[] {
  const [first = '', ...rest] = message.split('\n');
  if (rest.length === 0 || !rest.every((line) => line.startsWith('- '))) return [`  ${oneLine(message)}`];
  return [`  ${oneLine(first)}`, ...rest.map((line) => `  ${oneLine(line)}`), ''];
}

/** A fenced code block, indented to sit inside a list item. */
function codeBlock(code: string, indent: string): string[] {
  const fence = code.includes('```') ? '````' : '```';
  return [`${indent}${fence}`, ...code.split('\n').map((line) => `${indent}${line}`.trimEnd()), `${indent}${fence}`];
}

function inlineCode(code: string): string {
  const text = truncate(code.replace(/\s*\n\s*/g, ' '), 200);
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
