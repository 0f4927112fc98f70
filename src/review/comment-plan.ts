/**
 * Which findings get a new review comment, and which earlier FlaskGuard comments are about
 * findings that are gone. Comments are matched by the fingerprint hidden in their body, so a
 * finding keeps its comment across pushes and a re-run never comments twice. Pure.
 */
import type { Finding } from '../core/types.js';
import { bySeverity } from './outcome.js';

/** A review comment already on the pull request. */
export interface ExistingComment {
  id: number;
  path: string;
  body: string;
  /** Set on replies. */
  inReplyTo?: number;
  /** Written by a bot (FlaskGuard's comments are). */
  byBot: boolean;
}

export interface CommentPlanInput {
  /** Findings on changed lines, with their fingerprints. */
  onChangedLines: readonly Finding[];
  /** Fingerprints of every finding of this run, changed lines or not. */
  fingerprints: ReadonlyMap<Finding, string>;
  existing: readonly ExistingComment[];
  /** Files whose findings this run knows completely (read and analyzed). */
  analyzedPaths: ReadonlySet<string>;
  /** Every path the pull request still changes. */
  pullRequestPaths: ReadonlySet<string>;
  fingerprintOf(comment: ExistingComment): string | undefined;
  fixedReplyOf(comment: ExistingComment): string | undefined;
}

export interface CommentPlan {
  /** New findings without a comment yet, most severe first. */
  uncommented: Finding[];
  /** New findings that already have a FlaskGuard comment. */
  alreadyCommented: number;
  /** FlaskGuard comments whose finding is gone and that were not answered yet. */
  gone: ExistingComment[];
}

export function planComments(input: CommentPlanInput): CommentPlan {
  const ours = input.existing.filter((c) => c.byBot && c.inReplyTo === undefined && input.fingerprintOf(c) !== undefined);
  const commented = new Set(ours.map((c) => input.fingerprintOf(c)));
  const answered = new Set(input.existing.filter((c) => c.byBot).map((c) => input.fixedReplyOf(c)).filter(Boolean));
  const current = new Set(input.fingerprints.values());

  const uncommented: Finding[] = [];
  let alreadyCommented = 0;
  for (const finding of input.onChangedLines) {
    if (commented.has(input.fingerprints.get(finding))) alreadyCommented++;
    else uncommented.push(finding);
  }
  // A comment on a file this run skipped may still be right: only files it read, or that the
  // pull request no longer touches, can prove a finding gone.
  const gone = ours.filter((c) => {
    const fingerprint = input.fingerprintOf(c) as string;
    if (current.has(fingerprint) || answered.has(fingerprint)) return false;
    return input.analyzedPaths.has(c.path) || !input.pullRequestPaths.has(c.path);
  });
  return { uncommented: uncommented.sort(bySeverity), alreadyCommented, gone };
}
