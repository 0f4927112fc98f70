import { describe, expect, it } from '@jest/globals';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { project, readJson, run } from './helpers.js';
import { RULE_IDS } from '../../rules/index.js';

const APP = [
  'from flask import Flask',
  'app = Flask(__name__)',
  'app.config["SECRET_KEY"] = "dev"',
  'if __name__ == "__main__":',
  '    app.run(debug=True)',
  '',
].join('\n');

interface JsonReport {
  findings: { ruleId: string; file: string; startLine: number; severity: string; fingerprint: string }[];
  suppressions: { ruleId: string; startLine: number }[];
  skipped: { path: string; note: string }[];
  notes: { path: string; note: string }[];
}

async function jsonScan(root: string, ...args: string[]): Promise<{ code: number; report: JsonReport }> {
  const output = join(root, 'report.json');
  const { code } = await run(['scan', root, '--format', 'json', '--output', output, ...args], root);
  return { code, report: readJson(output) as JsonReport };
}

describe('flaskguard scan', () => {
  it('reports findings with repo-relative paths and exits 1 at or above the fail level', async () => {
    const root = project({ 'app.py': APP });
    const { code, report } = await jsonScan(root);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.startLine, f.ruleId, f.severity])).toEqual([
      ['app.py', 3, 'hardcoded-secret-key', 'critical'],
      ['app.py', 5, 'flask-run-debug', 'high'],
    ]);
    expect(report.findings.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint))).toBe(true);
  });

  it('exits 0 below the fail level (--fail-on, fail_on in the config)', async () => {
    const root = project({ 'app.py': APP, '.flaskguard.yml': 'fail_on: none\n' });
    expect((await jsonScan(root)).code).toBe(0);
    expect((await jsonScan(root, '--fail-on', 'critical')).code).toBe(1);
  });

  it('writes text for a person: location, severity, rule, message, code line and fix', async () => {
    const root = project({ 'app.py': APP });
    const { code, stdout } = await run(['scan', root], root);
    expect(code).toBe(1);
    expect(stdout).toContain('app.py:5:13 high flask-run-debug ');
    expect(stdout).toContain('  5 |     app.run(debug=True)\n    |             ^^^^^^^^^^\n    fix: debug=False');
    expect(stdout).toContain('2 findings (1 critical, 1 high) in 1 file');
    expect(stdout).not.toContain('\x1b[');
  });

  it('honours .gitignore, config excludes and rule settings; never follows links out of the project', async () => {
    const outside = project({ 'leak.py': APP });
    const root = project({
      'app.py': APP,
      'build/generated.py': APP,
      'vendor/lib.py': APP,
      'sub/.gitignore': 'ignored.py\n',
      'sub/ignored.py': APP,
      '.gitignore': 'build/\n',
      '.flaskguard.yml': 'paths:\n  exclude: ["vendor/**"]\nrules:\n  flask-run-debug: off\n  hardcoded-secret-key: medium\n',
    });
    symlinkSync(join(outside, 'leak.py'), join(root, 'link.py'));
    const { report } = await jsonScan(root);
    expect(report.findings.map((f) => [f.file, f.ruleId, f.severity])).toEqual([['app.py', 'hardcoded-secret-key', 'medium']]);
  });

  it('counts and lists suppressed findings', async () => {
    const root = project({
      'app.py': ['from flask import Flask', 'app = Flask(__name__)', '# flaskguard: ignore[hardcoded-secret-key]', 'app.secret_key = "dev"', 'app.run(debug=True)  # flaskguard: ignore', ''].join('\n'),
    });
    const { code, report } = await jsonScan(root);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.suppressions.map((s) => [s.ruleId, s.startLine])).toEqual([
      ['hardcoded-secret-key', 4],
      ['flask-run-debug', 5],
    ]);
  });

  it('skips what it cannot read with a note and still analyzes the rest', async () => {
    const big = `x = 1\n`.repeat(1_750_000); // 10.5 MB
    // Nested 2,000 deep, with something for the rules to look at (files nothing needs are not parsed).
    const deep = `${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('')}${' '.repeat(2000)}app.run(debug=True)\n`;
    const root = project({
      'app.py': APP,
      'empty.py': '',
      'broken.py': 'def f(:\n    app.run(debug=True\n',
      'huge.py': big,
      'deep.py': deep,
      'parens.py': `x = ${'('.repeat(2000)}1${')'.repeat(2000)}\n`,
    });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(root, 'latin1.py'), Buffer.from('# caf\xe9\nfrom flask import Flask\napp = Flask(__name__)\napp.secret_key = "dev"\n', 'latin1'));
    writeFileSync(join(root, 'binary.py'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
    const { report } = await jsonScan(root);
    expect(report.findings.map((f) => [f.file, f.ruleId])).toEqual([
      ['app.py', 'hardcoded-secret-key'],
      ['app.py', 'flask-run-debug'],
      // Too deep for the parser (an ERROR node at the root), and still analyzed.
      ['deep.py', 'flask-run-debug'],
      ['latin1.py', 'hardcoded-secret-key'],
    ]);
    expect(report.skipped).toEqual([
      { path: 'huge.py', note: 'larger than 2048 KB (max_file_size_kb)' },
      { path: 'binary.py', note: 'binary file' },
    ]);
    expect([...report.notes].filter((n) => n.path !== 'app.py').sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'broken.py', note: 'syntax errors: analyzed best-effort' },
      { path: 'deep.py', note: 'syntax errors: analyzed best-effort' },
      { path: 'latin1.py', note: 'not valid UTF-8: analyzed with the undecodable bytes replaced' },
    ]);
    expect(report.notes.filter((n) => n.path === 'app.py')).toEqual([
      { path: 'app.py', note: 'imports flask, but the repository has no dependency file (requirements.txt, pyproject.toml, Pipfile) to list Flask in' },
    ]);
  });

  it('gives a one-paragraph error and exit 2 for a broken config', async () => {
    const root = project({ 'app.py': APP, '.flaskguard.yml': 'fail_on: urgent\nrules:\n  no-such-rule: off\n' });
    const { code, stderr, stdout } = await run(['scan', root], root);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `flaskguard: Invalid FlaskGuard configuration in .flaskguard.yml: fail_on: got "urgent"; allowed: critical, high, medium, low, info, none; rules.no-such-rule: unknown rule id; known rules: ${RULE_IDS.join(', ')}.\n`,
    );
  });

  it('gives a config error naming the file, not an internal error, for whatever the YAML library throws', async () => {
    const bomb = `a: &a [x]\nrules:\n${Array.from({ length: 60 }, (_, i) => `  k${i}: *a`).join('\n')}\n`;
    const root = project({ 'app.py': APP, '.flaskguard.yml': bomb, 'deep.yml': `fail_on: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` });
    const aliases = await run(['scan', root], root);
    expect([aliases.code, aliases.stderr]).toEqual([2, 'flaskguard: Invalid FlaskGuard configuration in .flaskguard.yml: uses YAML aliases (*name) more than 50 times; write the values out instead.\n']);
    const deep = await run(['scan', root, '--config', join(root, 'deep.yml')], root);
    expect([deep.code, deep.stderr]).toEqual([2, `flaskguard: Invalid FlaskGuard configuration in ${join(root, 'deep.yml')}: nested too deeply to read (a configuration needs only a few levels).\n`]);
  });

  it('exits 2 on bad usage', async () => {
    const root = project({ 'app.py': APP });
    expect((await run(['scan', join(root, 'missing')], root)).code).toBe(2);
    expect((await run(['scan', root, '--format', 'xml'], root)).code).toBe(2);
    expect((await run(['scan', root, '--fail-on', 'urgent'], root)).code).toBe(2);
    expect((await run(['lint'], root)).code).toBe(2);
  });
});
