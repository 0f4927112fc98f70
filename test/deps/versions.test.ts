import { describe, expect, it } from '@jest/globals';
import { poetryToPep440 } from '../../src/deps/poetry-constraint.js';
import { admits, admitsSomeOf, parseSpecifierSet } from '../../src/deps/versions.js';

const set = (text: string) => {
  const parsed = parseSpecifierSet(text);
  if (!parsed) throw new Error(`not a specifier: ${text}`);
  return parsed;
};

describe('PEP 440 specifier sets', () => {
  it.each([
    ['==2.0.1', ['2.0.1'], ['2.0.2', '2.0.0']],
    ['===2.0.1', ['2.0.1'], ['2.0.2']],
    ['~=2.2', ['2.2', '2.9.1'], ['2.1', '3.0']],
    ['~=2.2.1', ['2.2.1', '2.2.9'], ['2.2.0', '2.3.0']],
    ['>=1.0', ['1.0', '3.1'], ['0.9']],
    ['<2.0', ['1.9.9'], ['2.0', '2.1']],
    ['!=2.0.1', ['2.0.0', '2.0.2'], ['2.0.1']],
    ['==2.*', ['2.0', '2.9.9'], ['1.9', '3.0']],
    ['>=2.0,<3,!=2.0.1', ['2.0', '2.5'], ['2.0.1', '3.0', '1.0']],
    ['', ['0.1', '99'], []],
  ])('%s', (spec, inside, outside) => {
    const parsed = set(spec);
    for (const v of inside) expect([v, admits(parsed, v)]).toEqual([v, true]);
    for (const v of outside) expect([v, admits(parsed, v)]).toEqual([v, false]);
  });

  it('knows the pinned version', () => {
    expect(set('==2.0.1').pinned).toBe('2.0.1');
    expect(set('>=1,==2.0.1').pinned).toBe('2.0.1');
    expect(set('==2.*').pinned).toBeUndefined();
    expect(set('~=2.0').pinned).toBeUndefined();
  });

  it('rejects what is not PEP 440', () => {
    expect(parseSpecifierSet('==${FLASK_VERSION}')).toBeNull();
    expect(parseSpecifierSet('^2.0')).toBeNull();
  });

  it('intersects with advisory intervals', () => {
    const below225 = { upper: { version: '2.2.5', inclusive: false } };
    expect(admitsSomeOf(set('>=1.0'), below225)).toBe(true);
    expect(admitsSomeOf(set('>=2.2.5'), below225)).toBe(false);
    expect(admitsSomeOf(set('==2.*'), below225)).toBe(true);
    expect(admitsSomeOf(set('~=3.1'), below225)).toBe(false);
    const only301 = { lower: { version: '3.0.1', inclusive: true }, upper: { version: '3.0.1', inclusive: true } };
    expect(admitsSomeOf(set('>=3.0,!=3.0.1'), only301)).toBe(false);
    expect(admitsSomeOf(set('>=3,<2'), {})).toBe(false);
  });
});

describe('Poetry constraints', () => {
  it.each([
    ['^1.2.3', ['>=1.2.3,<2.0.0']],
    ['^0.2.3', ['>=0.2.3,<0.3.0']],
    ['^0.0.3', ['>=0.0.3,<0.0.4']],
    ['^0', ['>=0,<1']],
    ['~1.2.3', ['>=1.2.3,<1.3.0']],
    ['~1', ['>=1,<2']],
    ['2.0.1', ['==2.0.1']],
    ['==2.0.1', ['==2.0.1']],
    ['2.0.*', ['==2.0.*']],
    ['*', ['']],
    ['>= 2.0, < 3.0', ['>=2.0,<3.0']],
    ['>=2.0 <3.0', ['>=2.0,<3.0']],
    ['^1.0 || ^2.0', ['>=1.0,<2.0', '>=2.0,<3.0']],
  ])('%s', (constraint, expected) => {
    expect(poetryToPep440(constraint)).toEqual(expected);
  });

  it('rejects what it cannot read', () => {
    expect(poetryToPep440('latest')).toBeNull();
  });
});
