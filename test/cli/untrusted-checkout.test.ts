/**
 * `flaskguard scan` on a checkout it cannot trust (CI on a fork's pull request, the GitHub
 * Action): nothing outside the project is read, nothing but regular files is opened, and
 * everything left alone is listed with the reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { project, readJson, run } from './helpers.js';

interface JsonReport {
  summary: { filesAnalyzed: number };
  findings: { ruleId: string; file: string; startLine: number }[];
  skipped: { path: string; note: string }[];
  notes: { path: string; note: string }[];
}

async function jsonScan(root: string): Promise<{ report: JsonReport; stdout: string }> {
  const output = join(root, 'report.json');
  await run(['scan', root, '--format', 'json', '--output', output], root);
  const text = await run(['scan', root], root);
  return { report: readJson(output) as JsonReport, stdout: text.stdout + text.stderr };
}

const SECRET = 'top-secret-line-from-outside';
const VIEWS = 'from flask import Flask\napp = Flask(__name__)\n';

describe('includes of requirements files', () => {
  it('are never read outside the project, through a linked directory or a linked file', async () => {
    const outside = project({ 'passwd': `${SECRET}\n`, 'etc/passwd': `${SECRET}==1.0\n` });
    const root = project({ 'app.py': VIEWS, 'requirements.txt': 'flask==3.1.3\n-r conf/passwd\n-r link.txt\n' });
    symlinkSync(join(outside, 'etc'), join(root, 'conf'));
    symlinkSync(join(outside, 'passwd'), join(root, 'link.txt'));
    const { report, stdout } = await jsonScan(root);
    expect(report.notes.filter((n) => n.path === 'requirements.txt')).toEqual([
      { path: 'requirements.txt', note: 'line 2: includes `conf/passwd`, which was not read: outside the project through a symbolic link' },
      { path: 'requirements.txt', note: 'line 3: includes `link.txt`, which was not read: a symbolic link to a path outside the project; not followed' },
    ]);
    expect(report.skipped).toEqual([
      { path: 'conf', note: 'a symbolic link to a path outside the project; not followed' },
      { path: 'link.txt', note: 'a symbolic link to a path outside the project; not followed' },
    ]);
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect(stdout).not.toContain(SECRET);
  });

  it('open only regular files: a FIFO, a directory or the project itself is a note, not a read', async () => {
    const root = project({ 'app.py': VIEWS, 'requirements.txt': 'flask==3.1.3\n-r pipe.txt\n-r .\n-r lib\n-r lib/\n', 'lib/a.py': VIEWS, 'lib/b.py': VIEWS });
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    const { report } = await jsonScan(root);
    expect(report.notes.filter((n) => n.path === 'requirements.txt')).toEqual([
      { path: 'requirements.txt', note: 'line 2: includes `pipe.txt`, which was not read: a named pipe (FIFO), not a regular file' },
      { path: 'requirements.txt', note: 'line 3: includes `.`, which was not read: a directory, not a regular file' },
      { path: 'requirements.txt', note: 'line 4: includes `lib`, which was not read: a directory, not a regular file' },
      { path: 'requirements.txt', note: 'line 5: includes `lib/`, which was not read: a directory, not a regular file' },
    ]);
    expect(report.summary.filesAnalyzed).toBe(3);
  });

  it('are followed 32 files deep, and the note says why a longer chain stopped', async () => {
    const files: Record<string, string> = { 'app.py': VIEWS, 'requirements.txt': 'flask==3.1.3\n-r deps/level1.in.txt\n' };
    for (let level = 1; level < 40; level++) files[`deps/level${level}.in.txt`] = `${level === 31 ? 'werkzeug==2.2.2\n' : ''}-r level${level + 1}.in.txt\n`;
    files['deps/level40.in.txt'] = 'werkzeug==2.2.2\n';
    const root = project(files);
    const { report } = await jsonScan(root);
    expect(report.findings.filter((f) => f.ruleId === 'vulnerable-dependency').map((f) => [f.file, f.startLine])).toEqual([['deps/level31.in.txt', 1]]);
    expect(report.notes.filter((n) => n.path.startsWith('deps/'))).toEqual([
      { path: 'deps/level31.in.txt', note: 'line 2: includes `level32.in.txt`, past a chain of 32 files from requirements.txt; not followed deeper' },
    ]);
  });
});

describe('walking the tree', () => {
  it('lists every symbolic link and special file it leaves alone, with the reason', async () => {
    const outside = project({ 'leak.py': `SECRET = "${SECRET}"\n` });
    const root = project({ 'app.py': VIEWS, 'sub/inner.py': VIEWS, '.gitignore': 'ignored-link.py\n', '.flaskguard.yml': 'paths: {exclude: ["excluded/**"]}\n', 'excluded/x.py': VIEWS });
    symlinkSync(join(outside, 'leak.py'), join(root, 'leak.py'));
    symlinkSync(join(outside, 'leak.py'), join(root, 'excluded', 'leak.py'));
    execFileSync('mkfifo', [join(root, 'excluded', 'pipe.py')]);
    symlinkSync(join(outside, 'leak.py'), join(root, 'ignored-link.py'));
    symlinkSync(join(root, 'missing.py'), join(root, 'broken.py'));
    symlinkSync(join(root, 'sub'), join(root, 'linked-dir'));
    symlinkSync(outside, join(root, 'outside-dir'));
    symlinkSync(join(root, 'sub', 'inner.py'), join(root, 'inner-link.py'));
    execFileSync('mkfifo', [join(root, 'pipe.py')]);
    symlinkSync(join(root, 'pipe.py'), join(root, 'pipe-link.py'));
    mkdirSync(join(root, '.venv'));
    symlinkSync(outside, join(root, 'venv'));
    const { report } = await jsonScan(root);
    expect(report.skipped).toEqual([
      { path: 'broken.py', note: 'a broken symbolic link; not followed' },
      { path: 'leak.py', note: 'a symbolic link to a path outside the project; not followed' },
      { path: 'linked-dir', note: 'a symbolic link to the directory sub; not followed' },
      { path: 'outside-dir', note: 'a symbolic link to a path outside the project; not followed' },
      { path: 'pipe-link.py', note: 'a symbolic link to a named pipe (FIFO); not read' },
      { path: 'pipe.py', note: 'a named pipe (FIFO), not a regular file' },
    ]);
    // app.py, sub/inner.py, .flaskguard.yml, and inner-link.py: a link to a regular file inside the project is read like the file.
    expect(report.summary.filesAnalyzed).toBe(4);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('reads a config file only when it is a regular file', async () => {
    const root = project({ 'app.py': VIEWS });
    execFileSync('mkfifo', [join(root, '.flaskguard.yml')]);
    const { code, stderr } = await run(['scan', root], root);
    expect([code, stderr]).toEqual([2, `flaskguard: Cannot use the config file ${join(root, '.flaskguard.yml')}: a named pipe (FIFO), not a regular file.\n`]);
  });
});
