/**
 * PEP 440 versions and specifiers, on top of @renovatebot/pep440: comparison, and the set of
 * versions a specifier admits as an interval, so it can be intersected with advisory ranges.
 */
import { compare, explain, valid } from '@renovatebot/pep440';
import { parse as parseSpecifiers } from '@renovatebot/pep440/lib/specifier.js';

export function isVersion(text: string): boolean {
  return valid(text) !== null;
}

export function isPrerelease(version: string): boolean {
  const parsed = explain(version);
  return parsed !== null && (parsed.is_prerelease || parsed.is_devrelease);
}

export function compareVersions(a: string, b: string): number {
  return compare(a, b);
}

export function sortVersions(versions: Iterable<string>): string[] {
  return [...new Set(versions)].sort(compare);
}

export interface Bound {
  version: string;
  inclusive: boolean;
}

/** A contiguous run of versions; a missing bound means unbounded on that side. */
export interface VersionInterval {
  lower?: Bound;
  upper?: Bound;
}

export function inInterval(version: string, interval: VersionInterval): boolean {
  const { lower, upper } = interval;
  if (lower) {
    const c = compare(version, lower.version);
    if (c < 0 || (c === 0 && !lower.inclusive)) return false;
  }
  if (upper) {
    const c = compare(version, upper.version);
    if (c > 0 || (c === 0 && !upper.inclusive)) return false;
  }
  return true;
}

function tighterLower(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a || !b) return a ?? b;
  const c = compare(a.version, b.version);
  if (c === 0) return { version: a.version, inclusive: a.inclusive && b.inclusive };
  return c > 0 ? a : b;
}

function tighterUpper(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a || !b) return a ?? b;
  const c = compare(a.version, b.version);
  if (c === 0) return { version: a.version, inclusive: a.inclusive && b.inclusive };
  return c < 0 ? a : b;
}

/** The versions in both intervals, or null when they share none. */
export function intersect(a: VersionInterval, b: VersionInterval): VersionInterval | null {
  const result: VersionInterval = {};
  const lower = tighterLower(a.lower, b.lower);
  const upper = tighterUpper(a.upper, b.upper);
  if (lower) result.lower = lower;
  if (upper) result.upper = upper;
  if (lower && upper) {
    const c = compare(lower.version, upper.version);
    if (c > 0 || (c === 0 && !(lower.inclusive && upper.inclusive))) return null;
  }
  return result;
}

/** What a specifier set like `>=2.0,!=2.0.1,<3` admits. */
export interface SpecifierSet {
  interval: VersionInterval;
  /** Single versions that `!=` takes out of the interval. */
  excluded: string[];
  /** The version an `==X` or `===X` clause pins, when there is one. */
  pinned?: string;
}

/**
 * Parses a PEP 440 specifier set (clauses separated by commas; '' admits every version).
 * Returns null when a clause is not valid PEP 440.
 */
export function parseSpecifierSet(text: string): SpecifierSet | null {
  if (text.trim() === '') return { interval: {}, excluded: [] };
  const clauses = parseSpecifiers(text);
  if (!clauses) return null;
  const set: SpecifierSet = { interval: {}, excluded: [] };
  for (const clause of clauses) {
    const version = clause.version;
    // `===` with a string that is not a PEP 440 version can only be compared as text.
    if (!version) return null;
    const wildcard = clause.prefix === '.*';
    let interval: VersionInterval = {};
    switch (clause.operator) {
      case '==':
      case '===':
        if (wildcard) interval = prefixInterval(version, releaseOf(version).length);
        else {
          interval = { lower: { version, inclusive: true }, upper: { version, inclusive: true } };
          set.pinned = version;
        }
        break;
      case '~=':
        // ~=2.2.1 means >=2.2.1, ==2.2.*
        interval = { lower: { version, inclusive: true }, upper: prefixInterval(version, releaseOf(version).length - 1).upper as Bound };
        break;
      case '!=':
        if (!wildcard) set.excluded.push(version);
        break;
      case '>=':
        interval = { lower: { version, inclusive: true } };
        break;
      case '>':
        interval = { lower: { version, inclusive: false } };
        break;
      case '<=':
        interval = { upper: { version, inclusive: true } };
        break;
      case '<':
        interval = { upper: { version, inclusive: false } };
        break;
      default:
        return null;
    }
    const next = intersect(set.interval, interval);
    // Contradictory clauses (`>=3,<2`) admit nothing: an empty interval that overlaps nothing.
    set.interval = next ?? { lower: { version: '0', inclusive: false }, upper: { version: '0', inclusive: false } };
  }
  return set;
}

/** Does a specifier set admit at least one version of the interval? */
export function admitsSomeOf(set: SpecifierSet, interval: VersionInterval): boolean {
  const common = intersect(set.interval, interval);
  if (!common) return false;
  const point = common.lower && common.upper && compare(common.lower.version, common.upper.version) === 0;
  return !(point && set.excluded.some((v) => compare(v, (common.lower as Bound).version) === 0));
}

export function admits(set: SpecifierSet, version: string): boolean {
  return inInterval(version, set.interval) && !set.excluded.some((v) => compare(v, version) === 0);
}

function releaseOf(version: string): number[] {
  const release = /^(?:\d+!)?(\d+(?:\.\d+)*)/.exec(version.replace(/^v/i, ''))?.[1];
  return (release ?? '0').split('.').map(Number);
}

/** `==2.2.*` as an interval: from the first development release of 2.2 up to (excluding) 2.3's. */
function prefixInterval(version: string, length: number): VersionInterval {
  const release = releaseOf(version).slice(0, Math.max(length, 1));
  const next = [...release];
  next[next.length - 1] = (next[next.length - 1] as number) + 1;
  return {
    lower: { version: `${release.join('.')}.dev0`, inclusive: true },
    upper: { version: `${next.join('.')}.dev0`, inclusive: false },
  };
}
