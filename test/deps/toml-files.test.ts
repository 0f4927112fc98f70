import { describe, expect, it } from '@jest/globals';
import { parsePipfileLock, parseTomlLock } from '../../src/deps/lockfiles.js';
import { parsePipfile, parsePyproject } from '../../src/deps/pyproject.js';

const summary = (ds: ReturnType<typeof parsePyproject>['declarations']) =>
  ds.map((d) => [d.origin, d.name, d.specifiers, d.pin ? `${d.pin.range.startLine}:${d.pin.range.startColumn}-${d.pin.range.endColumn}` : d.range.startLine, d.url ?? '']);

describe('pyproject.toml', () => {
  it('reads PEP 621 dependencies, optional dependencies and dependency groups, with positions', () => {
    const text = [
      '[project]',
      'name = "app"',
      'dependencies = ["flask==2.0.1", "werkzeug>=2"]',
      '[project.optional-dependencies]',
      'cors = [',
      "  'Flask-Cors == 3.0.9 ; python_version >= \"3.8\"',",
      '  "flask==2.0.1",',
      ']',
      '[dependency-groups]',
      'dev = [{include-group = "test"}, "gunicorn @ https://example.org/g.whl"]',
      'test = ["pytest"]',
    ].join('\n');
    const { declarations, notes } = parsePyproject('pyproject.toml', text);
    expect(notes).toEqual([]);
    expect(summary(declarations)).toEqual([
      ['pyproject', 'flask', ['==2.0.1'], '3:18-30', ''],
      ['pyproject', 'werkzeug', ['>=2'], 3, ''],
      ['pyproject', 'Flask-Cors', ['== 3.0.9'], '6:4-23', ''],
      // The second "flask==2.0.1" is found in its own array, not at the first occurrence.
      ['pyproject', 'flask', ['==2.0.1'], '7:4-16', ''],
      ['pyproject', 'gunicorn', [], 10, 'https://example.org/g.whl'],
      ['pyproject', 'pytest', [''], 11, ''],
    ]);
    expect(declarations[2]?.pin).toMatchObject({ before: 'Flask-Cors == ', after: '' });
  });

  it('reads Poetry tables: strings, inline tables, lists, sub-tables, groups; python is not a package', () => {
    const text = [
      '[tool.poetry.dependencies]',
      'python = "^3.10"',
      'flask = "^2.0.1"',
      '"Werkzeug" = "2.2.2"',
      'gunicorn = { version = "21.2.0", extras = ["gevent"] }',
      "flask-cors = { git = 'https://github.com/corydolphin/flask-cors.git' }",
      'waitress = [{ version = "<2", python = "<3.9" }, { version = "==3.0.0", python = ">=3.9" }]',
      '[tool.poetry.dev-dependencies]',
      'jinja2 = "*"',
      '[tool.poetry.group.test.dependencies]',
      'click = ">=8.0 <9"',
      '[tool.poetry.dependencies.flask-admin]',
      'version = "~1.5"',
    ].join('\n');
    const { declarations } = parsePyproject('pyproject.toml', text);
    expect(summary(declarations)).toEqual([
      ['poetry', 'flask', ['>=2.0.1,<3.0.0'], 3, ''],
      ['poetry', 'Werkzeug', ['==2.2.2'], '4:15-20', ''],
      ['poetry', 'gunicorn', ['==21.2.0'], '5:25-31', ''],
      ['poetry', 'flask-cors', [], 6, 'git+https://github.com/corydolphin/flask-cors.git'],
      ['poetry', 'waitress', ['<2'], 7, ''],
      ['poetry', 'waitress', ['==3.0.0'], '7:63-70', ''],
      ['poetry', 'flask-admin', ['>=1.5,<1.6'], 12, ''],
      ['poetry', 'jinja2', [''], 9, ''],
      ['poetry', 'click', ['>=8.0,<9'], 11, ''],
    ]);
  });

  it('notes a file that is not TOML', () => {
    expect(parsePyproject('pyproject.toml', '[project\ndependencies = [').notes).toEqual([
      { line: 1, note: expect.stringMatching(/^not valid TOML \(.+\); not audited$/) },
    ]);
  });
});

describe('Pipfile', () => {
  it('reads [packages] and [dev-packages] as PEP 440 specifiers', () => {
    const text = '[packages]\nflask = "*"\n"Flask-Cors" = "==3.0.9"\njinja2 = {version = ">=2.0", extras = ["i18n"]}\nmylib = {path = ".", editable = true}\n[dev-packages]\nwaitress = "~=3.0"\n';
    expect(summary(parsePipfile('Pipfile', text).declarations)).toEqual([
      ['pipfile', 'flask', [''], 2, ''],
      ['pipfile', 'Flask-Cors', ['==3.0.9'], '3:17-24', ''],
      ['pipfile', 'jinja2', ['>=2.0'], 4, ''],
      ['pipfile', 'mylib', [], 5, '.'],
      ['pipfile', 'waitress', ['~=3.0'], 7, ''],
    ]);
  });

  it('notes constraints it cannot read', () => {
    expect(parsePipfile('Pipfile', '[packages]\nflask = "latest"\n').notes).toEqual([{ line: 2, note: '`latest` (flask) is not a version constraint FlaskGuard understands; not audited' }]);
  });
});

describe('lock files', () => {
  it('poetry.lock: one pin per package, on its version line, with the poetry command and no fix', () => {
    const text = '[[package]]\nname = "flask"\nversion = "2.2.2"\n\n[[package]]\nname = "local"\nversion = "0.1"\n[package.source]\ntype = "directory"\nurl = "../local"\n\n[[package]]\nname = "Werkzeug"\nversion = "2.2.2"\n';
    const { declarations } = parseTomlLock('poetry.lock', text);
    expect(declarations.map((d) => [d.package, d.pin?.version, d.range.startLine, d.range.startColumn, d.url])).toEqual([
      ['flask', '2.2.2', 3, 12, undefined],
      ['local', undefined, 7, 12, '../local'],
      ['werkzeug', '2.2.2', 14, 12, undefined],
    ]);
    expect(declarations[0]?.pin?.notFixable).toBe('lock files are regenerated: run `poetry update flask`');
  });

  it('uv.lock: skips the project itself, reads git sources as URLs', () => {
    const text = 'version = 1\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\n[[package]]\nname = "flask"\nversion = "3.1.0"\nsource = { registry = "https://pypi.org/simple" }\n[[package]]\nname = "werkzeug"\nversion = "3.0.0"\nsource = { git = "https://github.com/pallets/werkzeug?rev=3.0.0#abc" }\n';
    const { declarations } = parseTomlLock('uv.lock', text);
    expect(declarations.map((d) => [d.package, d.pin?.version, d.range.startLine, d.url])).toEqual([
      ['flask', '3.1.0', 8, undefined],
      ['werkzeug', undefined, 12, 'https://github.com/pallets/werkzeug?rev=3.0.0#abc'],
    ]);
    expect(declarations[0]?.pin?.notFixable).toBe('lock files are regenerated: run `uv lock --upgrade-package flask`');
  });

  it('Pipfile.lock: default and develop sections, on the version line', () => {
    const text = JSON.stringify({ _meta: {}, default: { flask: { hashes: ['sha256:0'], version: '==2.2.2' }, mylib: { path: '.', editable: true } }, develop: { waitress: { version: '==2.1.1' } } }, null, 4);
    const { declarations } = parsePipfileLock('Pipfile.lock', text);
    const lines = text.split('\n');
    expect(declarations.map((d) => [d.package, d.pin?.version, lines[d.range.startLine - 1]?.trim(), d.url])).toEqual([
      ['flask', '2.2.2', '"version": "==2.2.2"', undefined],
      ['mylib', undefined, '"mylib": {', '.'],
      ['waitress', '2.1.1', '"version": "==2.1.1"', undefined],
    ]);
  });

  it('notes a lock file that does not parse', () => {
    expect(parsePipfileLock('Pipfile.lock', '{').notes[0]?.note).toMatch(/^not valid JSON/);
    expect(parseTomlLock('poetry.lock', '[[package]\n').notes[0]?.note).toMatch(/^not valid TOML/);
  });
});
