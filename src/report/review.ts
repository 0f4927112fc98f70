/**
 * Review comments for findings on diff lines, with GitHub ```suggestion``` blocks where the rule
 * has a safe fix, and the review body. Pure.
 */
import type { FileChanges } from '../core/diff.js';
import type { LineIndex } from '../core/lines.js';
import type { Finding } from '../core/types.js';
import { countsTitle, lastLine } from '../review/outcome.js';
import { capitalize, ruleInfo, threatList, type RuleMetaLookup } from './rule-info.js';

/** The shape `pulls.createReview` takes for an inline comment. */
export interface ReviewCommentDraft {
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

export interface PlacedComment {
  finding: Finding;
  draft: ReviewCommentDraft;
  /** One line that the pull request added: the placement GitHub is surest to accept. */
  safe: boolean;
}

const FINGERPRINT = /<!-- flaskguard:fingerprint=([0-9a-f]+) -->/;
const FIXED = /<!-- flaskguard:fixed=([0-9a-f]+) -->/;

/** The fingerprint hidden in a FlaskGuard review comment. */
export function fingerprintInComment(body: string): string | undefined {
  return FINGERPRINT.exec(body)?.[1];
}

/** The fingerprint of a "fixed" reply FlaskGuard left under its comment. */
export function fingerprintInFixedReply(body: string): string | undefined {
  return FIXED.exec(body)?.[1];
}

export function fixedReply(headSha: string, fingerprint: string): string {
  return `Fixed in ${headSha.slice(0, 7)}: FlaskGuard no longer finds this.\n\n<!-- flaskguard:fixed=${fingerprint} -->`;
}

/**
 * Places a comment on the finding's lines. A comment may only sit on lines inside the diff, and a
 * suggestion replaces exactly the commented lines: so a finding whose lines all lie in one hunk
 * gets a range comment (with a suggestion when it has a fix), otherwise a single-line comment on
 * its first changed line. null when no line of the finding is in the diff.
 */
export function placeComment(
  finding: Finding,
  fingerprint: string,
  lines: LineIndex,
  changes: FileChanges,
  lookup: RuleMetaLookup,
): PlacedComment | null {
  const first = finding.startLine;
  const last = lastLine(finding);
  let allInHunk = true;
  let firstChanged: number | undefined;
  for (let line = first; line <= last; line++) {
    if (!changes.inHunks.has(line)) allInHunk = false;
    if (firstChanged === undefined && changes.added.has(line)) firstChanged = line;
  }
  if (allInHunk) {
    const suggestion = suggestedLines(finding, lines);
    const draft: ReviewCommentDraft = { path: finding.file, line: last, side: 'RIGHT', body: commentBody(finding, fingerprint, lookup, suggestion) };
    if (last > first) Object.assign(draft, { start_line: first, start_side: 'RIGHT' });
    return { finding, draft, safe: last === first && changes.added.has(first) };
  }
  if (firstChanged === undefined) return null;
  return {
    finding,
    draft: { path: finding.file, line: firstChanged, side: 'RIGHT', body: commentBody(finding, fingerprint, lookup, undefined) },
    safe: true,
  };
}

/**
 * A suggestion repeats its whole lines: longer ones (minified or generated code) would not fit a
 * comment (GitHub takes 65,536 characters) and would cost each of a line's findings its length.
 */
const MAX_SUGGESTED_LINE = 2_000;

/**
 * The finding's lines with its range replaced by the fix: what a ```suggestion``` block must hold.
 * undefined when the finding has no fix, ends in a way a whole-line replacement cannot express,
 * or sits on a line too long to repeat.
 */
export function suggestedLines(finding: Finding, lines: LineIndex): string | undefined {
  if (finding.fix === undefined) return undefined;
  if (lines.line(finding.startLine).length > MAX_SUGGESTED_LINE || lines.line(finding.endLine).length > MAX_SUGGESTED_LINE) return undefined;
  const prefix = lines.line(finding.startLine).slice(0, finding.startColumn - 1);
  let fix = finding.fix;
  let suffix: string;
  if (finding.endLine > finding.startLine && finding.endColumn === 1) {
    // The range swallows the line break after its last line: the fix must give it back.
    if (!fix.endsWith('\n')) return undefined;
    fix = fix.slice(0, -1);
    suffix = '';
  } else {
    suffix = lines.line(finding.endLine).slice(finding.endColumn - 1);
  }
  return `${prefix}${fix}${suffix}`;
}

function commentBody(finding: Finding, fingerprint: string, lookup: RuleMetaLookup, suggestion: string | undefined): string {
  const info = ruleInfo(finding, lookup);
  const parts = [`**${capitalize(finding.severity)}: ${info.title}** (\`${finding.ruleId}\`)`, finding.message];
  const why = [info.why, info.threats.length > 0 ? `It mitigates ${threatList(info.threats)}.` : undefined].filter(Boolean);
  if (why.length > 0) parts.push(`**Why it matters:** ${why.join(' ')}`);
  if (suggestion !== undefined) {
    parts.push('**How to fix:** apply the suggestion below.', fenced('suggestion', suggestion));
  } else if (finding.fix !== undefined) {
    parts.push(`**How to fix:** replace the flagged code with \`${finding.fix.replace(/`/g, "'")}\`.`);
  } else if (info.useInstead) {
    parts.push('**How to fix:** use instead:', fenced(finding.file.endsWith('.py') ? 'python' : '', info.useInstead));
  }
  parts.push(`<!-- flaskguard:fingerprint=${fingerprint} -->`);
  return parts.join('\n\n');
}

/** A code block whose fence is longer than any run of backticks inside it. */
function fenced(info: string, content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${content}\n${fence}`;
}

export interface ReviewBodyInput {
  /** New findings on changed lines, commented or not. */
  total: number;
  /** Findings commented inline in this review. */
  commented: readonly Finding[];
  /** Comments GitHub refused (422): they stay as annotations only. */
  refused: number;
  maxComments: number;
  checkRunUrl: string | undefined;
}

export function reviewBody(input: ReviewBodyInput): string {
  const { total, commented, refused } = input;
  const overMax = total - commented.length - refused;
  const lines = [`FlaskGuard found ${total} new ${total === 1 ? 'issue' : 'issues'} on changed lines${commented.length > 0 ? ` (${countsTitle(commented)} commented below)` : ''}.`];
  if (overMax > 0) lines.push(`${overMax} more ${overMax === 1 ? 'is' : 'are'} not commented here (review.max_comments: ${input.maxComments}).`);
  if (refused > 0)
    lines.push(`GitHub refused ${refused} inline ${refused === 1 ? 'comment' : 'comments'}; ${refused === 1 ? 'it stays' : 'they stay'} as check-run annotations.`);
  lines.push(input.checkRunUrl ? `All findings are in the [FlaskGuard check run](${input.checkRunUrl}).` : 'All findings are in the FlaskGuard check run.');
  return lines.join('\n\n');
}

/**
 * The comment sets to try in turn when GitHub answers 422 (a comment outside the diff rejects the
 * whole review): all comments, then only single-line comments on added lines, then none.
 */
export function fallbackCommentSets(comments: readonly PlacedComment[]): PlacedComment[][] {
  const safe = comments.filter((c) => c.safe);
  const sets: PlacedComment[][] = [[...comments]];
  if (safe.length < comments.length && safe.length > 0) sets.push(safe);
  if (comments.length > 0) sets.push([]);
  return sets;
}
