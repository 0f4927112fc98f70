/**
 * Locating declarations in large dependency files by indexes built once (keys per table, string
 * literals, JSON keys) instead of a search of the text per entry: the same places, found in the
 * tokens that really are strings and keys.
 */
import { describe, expect, it } from '@jest/globals';
import { parsePipfileLock } from '../../src/deps/lockfiles.js';
import { parsePipfile, parsePyproject } from '../../src/deps/pyproject.js';
import { TomlPositions } from '../../src/deps/toml-positions.js';

const at = (ds: ReturnType<typeof parsePyproject>['declarations']) => ds.map((d) => [d.name, d.pin ? `${d.pin.range.startLine}:${d.pin.range.startColumn}` : `${d.range.startLine}`]);

describe('TomlPositions', () => {
  const text = ['[a]', 'x = 1', "'quoted key' = 2", '[b]', 'flask = "*"', '[[c]]', 'v = "1"', '[[c]]', 'v = "2"', 'note = "# not a comment \'v\'"'].join('\n');
  const toml = new TomlPositions(text);

  it('finds a key only in its own table, bare or quoted', () => {
    const [a, b] = [toml.tablesAt(['a'])[0], toml.tablesAt(['b'])[0]];
    expect([toml.findKey(a!, 'flask'), toml.findKey(b!, 'flask')?.keyStart]).toEqual([null, text.indexOf('flask')]);
    expect(toml.findKey(a!, 'quoted key')?.keyStart).toBe(text.indexOf("'quoted key'"));
  });

  it('keeps every table of an array of tables, in order', () => {
    const tables = toml.tablesAt(['c']);
    expect(tables.map((t) => toml.findString(text.slice(toml.findKey(t, 'v')!.valueStart + 1, toml.findKey(t, 'v')!.valueStart + 2), t.start, t.end)?.start)).toEqual([
      text.indexOf('"1"') + 1,
      text.indexOf('"2"') + 1,
    ]);
  });

  it('finds string literals, not text inside other strings or comments', () => {
    expect(toml.findString('v', 0, text.length)).toBeNull();
  });
});

describe('pyproject.toml and Pipfile', () => {
  it('point at the string itself, not at the same text in a comment above it', () => {
    const text = ['[project]', 'name = "app"', '# was: "flask==2.0.1"', 'dependencies = [', "  'flask==2.0.1',", ']'].join('\n');
    expect(at(parsePyproject('pyproject.toml', text).declarations)).toEqual([['flask', '5:4']]);
  });

  it('Pipfile: a quoted key, and a name that is also a key of an earlier table', () => {
    const text = ['[source]', 'flask = "not a package"', '[packages]', '"flask" = "==2.0.1"', "werkzeug = '==2.0.0'"].join('\n');
    expect(at(parsePipfile('Pipfile', text).declarations)).toEqual([
      ['flask', '4:12'],
      ['werkzeug', '5:13'],
    ]);
  });
});

describe('Pipfile.lock', () => {
  it('finds each package by its key in the section, whatever order JSON.parse gives the keys', () => {
    // Integer-like keys come first from JSON.parse; strings that merely contain a name are not keys.
    const text = JSON.stringify({ _meta: { note: 'flask "default": 1' }, default: { zope: { version: '==1.0' }, '123': { version: '==2.0' }, flask: { version: '==2.2.2' } } }, null, 4);
    const lines = text.split('\n');
    const declarations = parsePipfileLock('Pipfile.lock', text).declarations;
    expect(declarations.map((d) => [d.package, lines[d.range.startLine - 1]?.trim(), d.range.startLine])).toEqual([
      ['123', '"version": "==2.0"', lines.indexOf('            "version": "==2.0"') + 1],
      ['zope', '"version": "==1.0"', lines.indexOf('            "version": "==1.0"') + 1],
      ['flask', '"version": "==2.2.2"', lines.indexOf('            "version": "==2.2.2"') + 1],
    ]);
  });
});
