/**
 * .pre-commit-hooks.yaml: the hook's entry run as pre-commit runs it — from the repository root,
 * with the staged files its `files`/`exclude` patterns select as arguments — through the command
 * line's source, and its patterns against the file kinds FlaskGuard reads.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { fileKind } from '../../src/core/files.js';
import { HOMEPAGE, PACKAGE_ROOT } from '../../src/version.js';
import { readmeYamlBlocks } from '../support/readme.js';
import { git, project, writeFiles } from './helpers.js';

const require = createRequire(import.meta.url);

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude: string;
  require_serial: boolean;
}

const hooks = parse(readFileSync(join(PACKAGE_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'flaskguard') as Hook;
const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

/** pre-commit's patterns are Python regular expressions; these use only `(?i)`, which JavaScript spells as a flag. */
function pythonRegex(pattern: string): RegExp {
  return pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'i') : new RegExp(pattern);
}
const files = pythonRegex(hook.files);
const exclude = pythonRegex(hook.exclude);
const selected = (path: string) => files.test(path) && !exclude.test(path);

/** The entry's command is the package's bin; run it from the CLI's source as that bin would. */
function runEntry(root: string, fileArgs: string[]): { status: number | null; stdout: string; stderr: string } {
  const [command, ...args] = hook.entry.split(/\s+/);
  expect(manifest.bin[command as string]).toBe('bin/flaskguard.js');
  const cli = pathToFileURL(join(PACKAGE_ROOT, 'src/cli.ts')).href;
  const script = `import { main } from ${JSON.stringify(cli)}; process.exitCode = await main(process.argv.slice(1));`;
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  return spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script, '--', ...args, ...fileArgs], { cwd: root, encoding: 'utf8' });
}

describe('the pre-commit hook', () => {
  it('is a node hook whose entry is the flaskguard command, run once over all the files', () => {
    expect(hook.language).toBe('node');
    expect(hook.entry).toBe('flaskguard scan');
    expect(hook.require_serial).toBe(true);
  });

  it.each([
    'app.py', 'shop/views/cart.py', 'templates/base.html', 'shop/templates/mail/welcome.txt', 'templates/x.jinja2', 'macros.j2', 'shop/views/page.html', 'index.html',
    'requirements.txt', 'requirements/prod.in', 'constraints.txt', 'pyproject.toml', 'poetry.lock', 'Pipfile', 'Pipfile.lock', 'uv.lock',
    'Dockerfile', 'docker/Dockerfile.prod', 'api.dockerfile', 'docker-compose.yml', 'k8s/deploy.yaml', 'Procfile', 'scripts/run.sh',
    '.env', '.env.production', '.flaskenv', 'setup.cfg', 'PKG-INFO',
  ])('selects %s, a file FlaskGuard reads', (path) => {
    expect(fileKind(path)).not.toBeNull();
    expect(selected(path)).toBe(true);
  });

  it.each(['README.md', 'static/logo.png', 'static/app.js', 'docs/setup.cfg', '.env.example', 'config/.env.sample', 'notes.txt', 'static/site.css'])(
    'leaves out %s, a file FlaskGuard does not read',
    (path) => {
      expect(fileKind(path)).toBeNull();
      expect(selected(path)).toBe(false);
    },
  );

  it('scans the staged files it is given from the repository root, with the repository config, exiting as the CLI does', () => {
    const root = project({
      'shop/app.py': 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n',
      'shop/templates/page.html': '<p>{{ body|safe }}</p>\n',
      'requirements.txt': 'flask==3.1.1\n',
      'README.md': 'app.run(debug=True)\n',
      '.flaskguard.yml': 'fail_on: critical\n',
    });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    const staged = git(root, 'ls-files').trim().split('\n').filter(selected);
    expect(staged.sort()).toEqual(['.flaskguard.yml', 'requirements.txt', 'shop/app.py', 'shop/templates/page.html']);

    const lenient = runEntry(root, staged);
    expect(lenient.stderr).toBe('');
    expect(lenient.stdout).toContain('shop/app.py:3:9 high flask-run-debug');
    expect(lenient.stdout).toContain('shop/templates/page.html:1:');
    expect(lenient.stdout).toContain('in 3 files');
    expect(lenient.status).toBe(0);

    writeFiles(root, { '.flaskguard.yml': 'fail_on: high\n' });
    expect(runEntry(root, staged).status).toBe(1);

    writeFiles(root, { '.flaskguard.yml': 'fail_on: severe\n' });
    const broken = runEntry(root, staged);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('.flaskguard.yml: fail_on');
  });

  it("README's .pre-commit-config.yaml names this repository and this hook", () => {
    const configs = readmeYamlBlocks().filter((b) => b.text.startsWith('repos:')).map((b) => b.value as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] });
    expect(configs).toHaveLength(1);
    const [repo] = configs[0]?.repos ?? [];
    expect(repo?.repo).toBe(HOMEPAGE);
    expect(repo?.rev).toBeTruthy();
    expect(repo?.hooks.map((h) => h.id)).toEqual([hook.id]);
  });
});
