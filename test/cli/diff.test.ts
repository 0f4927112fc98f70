import { describe, expect, it } from '@jest/globals';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { git, project, readJson, run, writeFiles } from './helpers.js';

const BASE_APP = ['from flask import Flask', 'app = Flask(__name__)', 'app.secret_key = "dev"', ''].join('\n');
const HEAD_APP = [
  'from flask import Flask',
  'app = Flask(__name__)',
  'app.secret_key = "dev"',
  '',
  'if __name__ == "__main__":',
  '    app.run(debug=True)',
  '',
].join('\n');

interface Report {
  findings: { file: string; startLine: number; ruleId: string }[];
}

function repository(): string {
  const root = project({ 'app.py': BASE_APP });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  return root;
}

describe('flaskguard diff', () => {
  it('reports only findings on lines the change adds (committed head)', async () => {
    const root = repository();
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFiles(root, { 'app.py': HEAD_APP, 'docs/readme.txt': 'not analyzed' });
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'run in debug');
    git(root, 'checkout', '-q', 'main');
    const output = join(root, '..', `${root.split('/').pop()}.json`);
    const { code } = await run(['diff', '--base', 'main', '--head', 'feature', '--format', 'json', '-o', output], root);
    expect(code).toBe(1);
    expect((readJson(output) as Report).findings.map((f) => [f.file, f.startLine, f.ruleId])).toEqual([['app.py', 6, 'flask-run-debug']]);
  });

  it('compares the working tree when --head is omitted', async () => {
    const root = repository();
    writeFiles(root, { 'app.py': HEAD_APP, 'config.py': 'DEBUG = True\n' });
    git(root, 'add', 'config.py');
    const output = join(root, '..', `${root.split('/').pop()}-wt.json`);
    const { code } = await run(['diff', '--base', 'HEAD', '--format', 'json', '-o', output], root);
    expect(code).toBe(1);
    expect((readJson(output) as Report).findings.map((f) => [f.file, f.startLine, f.ruleId])).toEqual([
      ['app.py', 6, 'flask-run-debug'],
      ['config.py', 1, 'debug-config-enabled'],
    ]);
  });

  it('reads includes of the working tree only inside the project, and notes a directory', async () => {
    const outside = project({ 'pins.txt': 'secret-from-outside==1.0\n' });
    const root = repository();
    writeFiles(root, { 'requirements.txt': 'flask==3.1.3\n-r link.txt\n-r lib\n', 'lib/x.py': 'X = 1\n' });
    symlinkSync(join(outside, 'pins.txt'), join(root, 'link.txt'));
    const output = join(root, '..', `${root.split('/').pop()}-links.json`);
    await run(['diff', '--base', 'HEAD', '--format', 'json', '-o', output], root);
    const report = readJson(output) as Report & { skipped: { path: string; note: string }[]; notes: { path: string; note: string }[] };
    expect(report.notes.filter((n) => n.path === 'requirements.txt')).toEqual([
      { path: 'requirements.txt', note: 'line 2: includes `link.txt`, which was not read: outside the project through a symbolic link' },
      { path: 'requirements.txt', note: 'line 3: includes `lib`, which was not read: a directory, not a regular file' },
    ]);
    expect(JSON.stringify(report)).not.toContain('secret-from-outside');
  });

  it('exits 0 when the change adds nothing risky, even if old code has findings', async () => {
    const root = repository();
    writeFiles(root, { 'app.py': `${BASE_APP}print("hello")\n` });
    const { code, stdout } = await run(['diff', '--base', 'HEAD'], root);
    expect(code).toBe(0);
    expect(stdout).toContain('No findings in 1 file');
  });

  it('exits 2 outside a repository or for an unknown ref', async () => {
    const root = repository();
    const unknown = await run(['diff', '--base', 'no-such-branch'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("flaskguard: 'no-such-branch' is not a commit in this repository\n");
    const plain = project({ 'app.py': BASE_APP });
    expect((await run(['diff', '--base', 'main'], plain)).code).toBe(2);
    expect((await run(['diff'], root)).code).toBe(2);
  });
});

describe('flaskguard diff and dependency files', () => {
  interface DepReport {
    findings: { file: string; startLine: number; ruleId: string }[];
    existing: { file: string; startLine: number; ruleId: string }[];
  }

  it('reports a changed pin as a finding and untouched dependency problems as existing ones, without failing', async () => {
    const root = project({ 'app.py': BASE_APP, 'requirements.txt': 'Werkzeug==2.1.0\n', 'requirements/base.txt': 'click==8.1.7\n' });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    writeFiles(root, { 'requirements/base.txt': 'click==8.1.7\nFlask==2.0.1\n', 'app.py': `${BASE_APP}print("hi")\n` });
    const output = join(root, '..', `${root.split('/').pop()}-deps.json`);
    const { code } = await run(['diff', '--base', 'HEAD', '--format', 'json', '-o', output], root);
    const report = readJson(output) as DepReport;
    expect(report.findings.map((f) => [f.file, f.startLine, f.ruleId])).toEqual([['requirements/base.txt', 2, 'vulnerable-dependency']]);
    expect(report.existing.map((f) => [f.file, f.startLine, f.ruleId])).toEqual([
      ['requirements.txt', 1, 'vulnerable-dependency'],
      ['requirements/base.txt', 1, 'vulnerable-dependency'],
    ]);
    // Flask 2.0.1's advisories are medium: below the default fail level; Werkzeug's high ones are existing.
    expect(code).toBe(0);
    const off = await run(['diff', '--base', 'HEAD', '--fail-on', 'medium'], root);
    expect(off.code).toBe(1);
    expect(off.stdout).toContain('Existing dependency problems (outside this change, not failing it): 2');
  });

  it('dependencies.existing: fail makes an untouched vulnerable pin fail the run', async () => {
    const root = project({ 'app.py': BASE_APP, 'requirements.txt': 'Flask==3.1.3\nWerkzeug==2.2.2\n', '.flaskguard.yml': 'dependencies: { existing: fail }\n' });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    writeFiles(root, { 'app.py': `${BASE_APP}print("hi")\n` });
    const failing = await run(['diff', '--base', 'HEAD'], root);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('Existing dependency problems (outside this change, vulnerable pins fail it: dependencies.existing: fail): 1');
    // Werkzeug 2.2.2's worst advisories are high.
    expect((await run(['diff', '--base', 'HEAD', '--fail-on', 'critical'], root)).code).toBe(0);
  });

  it('--online needs a token', async () => {
    const root = repository();
    const saved = process.env.GITHUB_TOKEN;
    delete process.env.GITHUB_TOKEN;
    try {
      const { code, stderr } = await run(['scan', root, '--online'], root);
      expect(code).toBe(2);
      expect(stderr).toBe('flaskguard: --online asks the GitHub Advisory Database and needs a token in GITHUB_TOKEN.\n');
    } finally {
      if (saved !== undefined) process.env.GITHUB_TOKEN = saved;
    }
  });
});
