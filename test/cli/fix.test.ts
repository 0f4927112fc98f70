/**
 * `scan --fix` and `scan --diff` on copies of the rule fixtures and on small projects: fixed
 * findings are gone from a second scan, nothing new appears, the files still parse, a file that
 * changed since it was read is left alone, and overlapping fixes are never applied together.
 */
import { describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyPatch } from 'diff';
import { parseAllDocuments } from 'yaml';
import { writeFixedFiles } from '../../src/cli/fix.js';
import { applyFixes } from '../../src/core/fixes.js';
import { parsePython } from '../../src/core/python/parser.js';
import type { Finding } from '../../src/core/types.js';
import { project, readJson, run } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/rules');

interface JsonFinding {
  ruleId: string;
  file: string;
  fix?: string;
}

async function findings(root: string): Promise<JsonFinding[]> {
  const output = join(root, '.report.json');
  await run(['scan', root, '--format', 'json', '--output', output], root);
  return (readJson(output) as { findings: JsonFinding[] }).findings;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

/** Files that parsed before must parse after: Python with tree-sitter, YAML with the yaml package. */
function parses(path: string, text: string): boolean {
  if (path.endsWith('.py')) return !parsePython(text).rootNode.hasError;
  if (/\.ya?ml$/.test(path)) return parseAllDocuments(text).every((doc) => 'errors' in doc && doc.errors.length === 0);
  return true;
}

const count = (list: JsonFinding[]) => {
  const out = new Map<string, number>();
  for (const f of list) out.set(`${f.file} ${f.ruleId}`, (out.get(`${f.file} ${f.ruleId}`) ?? 0) + 1);
  return out;
};

describe('flaskguard scan --fix on copies of the rule fixtures', () => {
  const fixtures = readdirSync(FIXTURES).filter((name) => statSync(join(FIXTURES, name)).isDirectory());
  let fixedInAll = 0;

  it.each(fixtures)('%s: the fixed findings are gone, no other changes, and the files still parse', async (name) => {
    const root = project({});
    cpSync(join(FIXTURES, name), root, { recursive: true });
    const originals = new Map(walk(root).map((path) => [relative(root, path), readFileSync(path, 'utf8')]));
    const before = await findings(root);
    const fixable = before.filter((f) => f.fix !== undefined);

    const fixRun = await run(['scan', root, '--fix', '--format', 'json', '--output', join(root, '.fixed.json')], root);
    expect(fixRun.code === 0 || fixRun.code === 1).toBe(true);
    const reportedFixed = fixRun.stderr.split('\n').filter((l) => l.startsWith('fixed: ')).length;
    expect(reportedFixed).toBe(fixable.length);
    fixedInAll += reportedFixed;

    const after = await findings(root);
    expect(after.filter((f) => f.fix !== undefined)).toEqual([]);
    // What remains is what was there less what was fixed: a fix neither hides nor adds findings.
    const expected = count(before.filter((f) => f.fix === undefined));
    expect(count(after)).toEqual(expected);
    for (const [path, text] of originals) {
      const now = readFileSync(join(root, path), 'utf8');
      if (parses(path, text)) expect({ path, parses: parses(path, now) }).toEqual({ path, parses: true });
      if (!fixable.some((f) => f.file === path)) expect({ path, unchanged: now === text }).toEqual({ path, unchanged: true });
    }
  });

  it('had fixes to apply (the fixtures above hold dozens)', () => {
    expect(fixedInAll).toBeGreaterThan(20);
  });
});

const APP = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(debug=True)\n';

describe('flaskguard scan --diff', () => {
  it('prints the fixes as a unified diff that --fix would apply, writes nothing and exits 1', async () => {
    const root = project({ 'app.py': APP, 'templates/page.html': '{% autoescape false %}{{ body }}{% endautoescape %}\n' });
    const { code, stdout, stderr } = await run(['scan', root, '--diff'], root);
    expect(code).toBe(1);
    expect(readFileSync(join(root, 'app.py'), 'utf8')).toBe(APP);
    expect(stdout).toContain('--- a/app.py\n+++ b/app.py\n');
    expect(stdout).toContain('-    app.run(debug=True)\n+    app.run(debug=False)\n');
    expect(stderr).toContain('2 fixes would be applied in 2 files (nothing written)');
    const patched = applyPatch(APP, stdout.slice(0, stdout.indexOf('--- a/templates')));
    await run(['scan', root, '--fix'], root);
    expect(readFileSync(join(root, 'app.py'), 'utf8')).toBe(patched);
    expect(readFileSync(join(root, 'templates/page.html'), 'utf8')).toBe('{% autoescape true %}{{ body }}{% endautoescape %}\n');
  });

  it('exits 0 with no diff when nothing can be fixed', async () => {
    const root = project({ 'app.py': 'from flask import Flask\napp = Flask(__name__)\napp.secret_key = "dev"\n' });
    const { code, stdout } = await run(['scan', root, '--diff'], root);
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });
});

describe('flaskguard scan --fix', () => {
  it('reports what it fixed and what remains, exits by what remains, and keeps a byte order mark', async () => {
    const root = project({ 'app.py': `\uFEFF${APP}`, 'config.py': 'SECRET_KEY = "dev"\n' });
    const { code, stderr, stdout } = await run(['scan', root, '--fix'], root);
    expect(stderr).toContain('fixed: app.py:4:13 flask-run-debug\n');
    expect(stderr).toContain('fixed 1 finding in 1 file; 1 remains.');
    expect(stdout).toContain('config.py:1:1 critical hardcoded-secret-key');
    expect(code).toBe(1);
    expect(readFileSync(join(root, 'app.py'), 'utf8')).toBe(`\uFEFF${APP.replace('debug=True', 'debug=False')}`);
  });

  it('never fixes a file that is not valid UTF-8', async () => {
    const root = project({});
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${APP}`)]);
    writeFileSync(join(root, 'app.py'), bytes);
    await run(['scan', root, '--fix'], root);
    expect(readFileSync(join(root, 'app.py')).equals(bytes)).toBe(true);
  });

  it('leaves alone a file that changed on disk since it was read', () => {
    const root = project({ 'app.py': 'edited meanwhile\n', 'other.py': 'x = 1\n' });
    const { written, stale } = writeFixedFiles(root, [
      { path: 'app.py', original: 'as read\n', text: 'fixed\n', fixed: [] },
      { path: 'other.py', original: 'x = 1\n', text: 'x = 2\n', fixed: [] },
    ]);
    expect(stale).toEqual(['app.py']);
    expect(written.map((c) => c.path)).toEqual(['other.py']);
    expect(readFileSync(join(root, 'app.py'), 'utf8')).toBe('edited meanwhile\n');
    expect(readFileSync(join(root, 'other.py'), 'utf8')).toBe('x = 2\n');
  });
});

describe('applyFixes', () => {
  const finding = (startColumn: number, endColumn: number, fix: string): Finding => ({
    ruleId: 'r',
    category: 'debug-mode',
    severity: 'high',
    confidence: 'high',
    file: 'a.py',
    startLine: 1,
    startColumn,
    endLine: 1,
    endColumn,
    message: '',
    fix,
  });

  it('applies fixes in order of position and leaves out one that overlaps or touches a fix already taken', () => {
    const text = 'abcdefghij\n';
    const result = applyFixes(text, [finding(6, 8, 'FG'), finding(1, 3, 'AB'), finding(2, 5, 'x'), finding(3, 4, 'y')]);
    expect(result.text).toBe('ABcdeFGhij\n');
    expect(result.applied.map((f) => f.fix)).toEqual(['AB', 'FG']);
    expect(result.overlapping.map((f) => f.fix)).toEqual(['x', 'y']);
  });

  it('handles ranges over several lines', () => {
    const text = 'one\ntwo\nthree\n';
    const f = { ...finding(2, 3, '-'), startLine: 1, endLine: 3 };
    expect(applyFixes(text, [f]).text).toBe('o-ree\n');
  });
});
