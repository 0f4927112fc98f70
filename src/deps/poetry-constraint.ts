/**
 * Poetry version constraints (`^2.0`, `~2.0.1`, `2.0.*`, `>=2.0 <3.0`, `1.0 || 2.0`, a bare
 * `2.0.1`) as PEP 440 specifier sets, one per `||` alternative. Null when it is not one.
 */
import { parseSpecifierSet } from './versions.js';

export function poetryToPep440(constraint: string): string[] | null {
  const alternatives: string[] = [];
  for (const alternative of constraint.split('||')) {
    const clauses = alternative
      .trim()
      .replace(/(===|==|!=|~=|>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/[\s,]+/)
      .filter((c) => c !== '');
    const converted: string[] = [];
    for (const clause of clauses) {
      const pep440 = convertClause(clause);
      if (pep440 === null) return null;
      if (pep440) converted.push(pep440);
    }
    const specifier = converted.join(',');
    if (!parseSpecifierSet(specifier)) return null;
    alternatives.push(specifier);
  }
  return alternatives;
}

function convertClause(clause: string): string | null {
  if (clause === '*') return '';
  if (clause.startsWith('^')) return bounded(clause.slice(1), caretUpper);
  if (clause.startsWith('~') && !clause.startsWith('~=')) return bounded(clause.slice(1), tildeUpper);
  if (/^(===|==|!=|~=|>=|<=|>|<)/.test(clause)) return clause;
  if (/^\d[\w.!+-]*\.\*$/.test(clause)) return `==${clause}`;
  if (/^v?\d/.test(clause)) return `==${clause}`;
  return null;
}

function bounded(version: string, upper: (release: number[]) => number[]): string | null {
  const release = /^(\d+(?:\.\d+)*)/.exec(version)?.[1];
  if (!release) return null;
  return `>=${version},<${upper(release.split('.').map(Number)).join('.')}`;
}

/** ^1.2.3 → <2.0.0, ^0.2.3 → <0.3.0, ^0.0.3 → <0.0.4, ^0 → <1. */
function caretUpper(release: number[]): number[] {
  let index = release.findIndex((n) => n !== 0);
  if (index < 0) index = release.length - 1;
  return bump(release, index);
}

/** ~1.2.3 → <1.3.0, ~1.2 → <1.3, ~1 → <2. */
function tildeUpper(release: number[]): number[] {
  return bump(release, release.length >= 2 ? 1 : 0);
}

function bump(release: number[], index: number): number[] {
  return release.map((n, i) => (i < index ? n : i === index ? n + 1 : 0));
}
