/**
 * The version to upgrade to: the lowest release that the advisories name as a fix, that is above
 * the current one, and that no known advisory affects. Candidates are checked with the source
 * itself, so an advisory that only starts at the candidate (unknown from the current version's
 * answer) moves the recommendation further up.
 */
import { affects, type Advisory, type AdvisoryAnswer, type AdvisorySource } from './advisory.js';
import { compareVersions, isPrerelease, sortVersions } from './versions.js';

const MAX_CANDIDATE_CHECKS = 8;

export interface UpgradeTarget {
  /** Undefined when no known release clears every advisory. */
  version?: string;
  /** The source's answers for the candidates it checked. */
  answers: AdvisoryAnswer[];
}

/** Fix versions above `current` that none of `advisories` affects, lowest first. */
export function clearingCandidates(advisories: readonly Advisory[], current: string | undefined): string[] {
  const fixes = sortVersions(advisories.flatMap((a) => a.fixedIn));
  const allowPre = current !== undefined && isPrerelease(current);
  return fixes.filter(
    (v) => (current === undefined || compareVersions(v, current) > 0) && (allowPre || !isPrerelease(v)) && !advisories.some((a) => affects(a, v)),
  );
}

export async function upgradeTarget(source: AdvisorySource, pkg: string, current: string, affecting: readonly Advisory[]): Promise<UpgradeTarget> {
  const known = new Map(affecting.map((a) => [a.id, a]));
  const answers: AdvisoryAnswer[] = [];
  // The source's verdict wins over local range matching when the two disagree.
  const rejected = new Set<string>();
  for (let i = 0; i < MAX_CANDIDATE_CHECKS; i++) {
    const candidate = clearingCandidates([...known.values()], current).find((v) => !rejected.has(v));
    if (candidate === undefined) return { answers };
    const answer = await source.affecting(pkg, candidate);
    answers.push(answer);
    if (answer.advisories.length === 0) return { version: candidate, answers };
    rejected.add(candidate);
    for (const advisory of answer.advisories) known.set(advisory.id, advisory);
  }
  return { answers };
}
