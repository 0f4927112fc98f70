import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config/load.js';
import type { SourceFile } from '../../src/core/files.js';
import { auditDependencies } from '../../src/deps/audit.js';
import { collectDeclarations, dependencyFileType, isDependencyFile, resolveInclude } from '../../src/deps/dependency-files.js';
import { missingDependencyFiles } from '../../src/deps/missing.js';
import { SnapshotAdvisorySource } from '../../src/deps/snapshot.js';
import { RULE_IDS } from '../../rules/index.js';

const source = SnapshotAdvisorySource.bundled();
const audit = (files: SourceFile[], configText?: string) =>
  auditDependencies(files, { source, ...(configText ? { config: parseConfig(configText, '.flaskguard.yml', RULE_IDS) } : {}) });
const brief = (findings: Awaited<ReturnType<typeof audit>>['findings']) => findings.map((f) => `${f.file}:${f.startLine} ${f.ruleId} ${f.severity}`);

describe('dependency files', () => {
  it.each([
    ['requirements.txt', 'requirements'],
    ['requirements-dev.txt', 'requirements'],
    ['backend/requirements_prod.txt', 'requirements'],
    ['requirements/base.txt', 'requirements'],
    ['constraints.txt', 'constraints'],
    ['constraints-py311.txt', 'constraints'],
    ['pyproject.toml', 'pyproject'],
    ['services/api/Pipfile', 'pipfile'],
    ['poetry.lock', 'lock'],
    ['uv.lock', 'lock'],
    ['Pipfile.lock', 'lock'],
    ['requirements.in', 'requirements'],
    ['requirements-dev.in', 'requirements'],
    ['requirements/base.in', 'requirements'],
    ['constraints.in', 'constraints'],
    ['docs/requirements.rst', null],
    ['.venv/lib/python3.12/site-packages/x/requirements.txt', null],
    ['node_modules/x/requirements.txt', null],
  ])('%s → %s', (path, type) => {
    expect(dependencyFileType(path)).toBe(type);
    expect(isDependencyFile(path)).toBe(type !== null);
  });

  it('resolves includes relative to the including file, never outside the repository', () => {
    expect(resolveInclude('requirements/prod.txt', 'base.txt')).toEqual({ path: 'requirements/base.txt' });
    expect(resolveInclude('requirements/prod.txt', '../constraints.txt')).toEqual({ path: 'constraints.txt' });
    expect(resolveInclude('a/b/req.txt', './c/../d.txt')).toEqual({ path: 'a/b/d.txt' });
    expect(resolveInclude('requirements.txt', '..\\other\\req.txt')).toEqual({ outside: 'outside the repository' });
    expect(resolveInclude('requirements.txt', '/etc/passwd')).toEqual({ outside: 'an absolute path' });
    expect(resolveInclude('requirements.txt', 'C:/reqs.txt')).toEqual({ outside: 'an absolute path' });
    expect(resolveInclude('requirements.txt', 'https://example.org/r.txt')).toEqual({ outside: 'a URL' });
  });

  it('says why an include was not read, and stops chains 32 files deep', () => {
    const texts = new Map([['requirements.txt', '-r big.txt\n-r link.txt\n-r gone.txt\n-r chain/1.txt\n']]);
    for (let i = 1; i <= 40; i++) texts.set(`chain/${i}.txt`, `-r ${i + 1}.txt\n`);
    const why = new Map([
      ['big.txt', 'larger than 2048 KB (max_file_size_kb)'],
      ['link.txt', 'outside the project through a symbolic link'],
    ]);
    const collected = collectDeclarations(['requirements.txt'], (path) => texts.get(path), (path) => why.get(path));
    expect(collected.notes).toEqual([
      { path: 'requirements.txt', note: 'line 1: includes `big.txt`, which was not read: larger than 2048 KB (max_file_size_kb)' },
      { path: 'requirements.txt', note: 'line 2: includes `link.txt`, which was not read: outside the project through a symbolic link' },
      { path: 'requirements.txt', note: 'line 3: includes `gone.txt`, which is not in the repository' },
      { path: 'chain/31.txt', note: 'line 1: includes `32.txt`, past a chain of 32 files from requirements.txt; not followed deeper' },
    ]);
    expect(collected.files).toHaveLength(32);
    expect(collected.missing).toEqual(['gone.txt']);
  });

  it('follows -r and -c into files of any name, once each, and reports cycles and missing files', () => {
    const texts = new Map([
      ['requirements.txt', '-r deps/common.in\n-c pins.cfg\nflask\n'],
      ['deps/common.in', '-r ../requirements.txt\n-r ./more.txt\nwerkzeug\n'],
      ['pins.cfg', 'flask==3.1.3\n'],
    ]);
    const collected = collectDeclarations(texts.keys(), (p) => texts.get(p));
    expect(collected.files).toEqual(['requirements.txt', 'deps/common.in', 'pins.cfg']);
    expect(collected.declarations.map((d) => `${d.file}:${d.package}:${d.origin}`)).toEqual([
      'requirements.txt:flask:requirements',
      'deps/common.in:werkzeug:requirements',
      'pins.cfg:flask:constraints',
    ]);
    expect(collected.notes).toEqual([
      { path: 'deps/common.in', note: 'line 1: include cycle: requirements.txt → deps/common.in → requirements.txt; not followed again' },
      { path: 'deps/common.in', note: 'line 2: includes `./more.txt`, which is not in the repository' },
    ]);
    expect(collected.missing).toEqual(['deps/more.txt']);
    expect([...(collected.constraintsOf.get('requirements.txt') ?? [])]).toEqual(['pins.cfg']);
  });

  it('tells the App which included files it still has to fetch', () => {
    expect(missingDependencyFiles([{ path: 'requirements.txt', content: '-r requirements/base.txt\n-c ../outside.txt\n' }])).toEqual(['requirements/base.txt']);
    expect(missingDependencyFiles([{ path: 'requirements.txt', content: '-r base.txt\n' }, { path: 'base.txt', content: 'flask\n' }])).toEqual([]);
  });
});

describe('auditDependencies', () => {
  it('pins: the fix rewrites the pin, except with hashes or in lock files', async () => {
    const result = await audit([
      { path: 'requirements.txt', content: 'flask[async] == 2.0.1 ; python_version >= "3.8"\ngunicorn==21.2.0 --hash=sha256:abc\n' },
      { path: 'Pipfile.lock', content: JSON.stringify({ default: { werkzeug: { version: '==2.2.2' } } }, null, 4) },
    ]);
    expect(result.findings.map((f) => [f.file, f.startLine, f.startColumn, f.endColumn, f.fix])).toEqual([
      ['Pipfile.lock', 4, 27, 32, undefined],
      ['requirements.txt', 1, 1, 22, 'flask[async] == 3.1.3'],
      ['requirements.txt', 2, 1, 17, undefined],
    ]);
    expect(result.findings[0]?.message).toContain('upgrade werkzeug 2.2.2 → 3.1.9 (lock files are regenerated: run `pipenv update werkzeug`)');
    expect(result.findings[2]?.message).toContain('upgrade gunicorn 21.2.0 → 22.0.0 (its hashes must be regenerated with the new version)');
  });

  it('one finding per pin: on the file a person edits, naming the other files of the project', async () => {
    const result = await audit([
      { path: 'pyproject.toml', content: '[project]\nname = "shop"\nversion = "1"\ndependencies = ["flask==2.2.2"]\n' },
      { path: 'requirements.txt', content: 'flask==2.2.2\n' },
      { path: 'uv.lock', content: 'version = 1\n\n[[package]]\nname = "flask"\nversion = "2.2.2"\nsource = { registry = "https://pypi.org/simple" }\n' },
      { path: 'requirements/prod.txt', content: 'werkzeug==2.2.2\n' },
      { path: 'services/api/requirements.txt', content: 'flask==2.2.2\n' },
    ]);
    expect(brief(result.findings)).toEqual([
      'pyproject.toml:4 vulnerable-dependency medium',
      'requirements/prod.txt:1 vulnerable-dependency high',
      'services/api/requirements.txt:1 vulnerable-dependency medium',
    ]);
    expect(result.findings[0]?.message).toContain('The same pin is in requirements.txt:1, uv.lock:5: update them with this one (or regenerate them).');
    expect(result.findings[2]?.message).not.toContain('The same pin');
  });

  it('a library\'s own development lock file is low confidence when its published requirement admits a fixed release', async () => {
    const lock = 'version = 1\n\n[[package]]\nname = "flask"\nversion = "2.2.2"\nsource = { registry = "https://pypi.org/simple" }\n';
    const published = '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "flask-widgets"\nversion = "1"\ndependencies = ["flask>=2.2"]\n';
    const library = await audit([{ path: 'pyproject.toml', content: published }, { path: 'uv.lock', content: lock }]);
    expect(library.findings.map((f) => [f.file, f.confidence])).toEqual([['uv.lock', 'low']]);
    expect(library.findings[0]?.message).toContain('`flask>=2.2` (pyproject.toml:7) lets its users install a fixed flask');
    // An application (no build system): the lock file is what it deploys.
    const application = await audit([{ path: 'pyproject.toml', content: published.replace(/\[build-system\][^[]*/, '') }, { path: 'uv.lock', content: lock }]);
    expect(application.findings.map((f) => [f.file, f.confidence])).toEqual([['uv.lock', 'high']]);
  });

  it('a pin no release clears yet gets no fix, and says so', async () => {
    const [finding] = (await audit([{ path: 'requirements.txt', content: 'Flask-User==1.0.2.2\n' }])).findings;
    expect(finding?.fix).toBeUndefined();
    expect(finding?.message).toMatch(/^Flask-User 1\.0\.2\.2 has 1 known advisory; no release is known to clear it yet/);
  });

  it('ranges: flagged when they admit a vulnerable version, not when a constraints or lock file pins the package', async () => {
    const result = await audit([
      { path: 'requirements.txt', content: 'flask>=1.0\nwerkzeug>=3.1.9\njinja2\ngunicorn>=20\n' },
      { path: 'constraints.txt', content: 'gunicorn==23.0.0\n' },
      { path: 'app/pyproject.toml', content: '[project]\ndependencies = ["flask>=2.0", "waitress>=1.0"]\n' },
      { path: 'app/uv.lock', content: '[[package]]\nname = "flask"\nversion = "3.1.3"\nsource = { registry = "https://pypi.org/simple" }\n' },
    ]);
    expect(brief(result.findings)).toEqual([
      'app/pyproject.toml:2 unpinned-dependency low',
      'requirements.txt:1 unpinned-dependency low',
      'requirements.txt:3 unpinned-dependency low',
    ]);
    expect(result.findings[0]?.message).toContain('`waitress>=1.0` admits waitress versions with known advisories');
    expect(result.findings[1]?.message).toMatch(/^`flask>=1\.0` admits flask versions with known advisories \(.*PYSEC-2023-62.*\); pin it \(for example `==3\.1\.3`\), so the audited version is the deployed one\.$/);
    expect(result.findings[2]?.message).toMatch(/^`jinja2` names no version/);
  });

  it('pip-tools inputs (.in) are audited; a range there is pinned by the .txt pip-compile writes beside it', async () => {
    const result = await audit([
      { path: 'requirements.in', content: 'flask>=1.0\nwerkzeug>=2.0\n' },
      { path: 'requirements.txt', content: 'flask==3.1.3\n' },
      { path: 'requirements/dev.in', content: 'gunicorn>=20\n-c ../constraints.in\n' },
      { path: 'constraints.in', content: 'werkzeug==2.2.2\n' },
    ]);
    expect(brief(result.findings)).toEqual(['constraints.in:1 vulnerable-dependency high', 'requirements/dev.in:1 unpinned-dependency low']);
    expect(result.requirementFiles).toEqual(['constraints.in', 'requirements.in', 'requirements.txt', 'requirements/dev.in']);
  });

  it('Flask or Werkzeug imported but listed nowhere: low, on line 1 of the nearest dependency file', async () => {
    const result = await audit([
      { path: 'requirements.txt', content: 'gunicorn==23.0.0\n' },
      { path: 'services/api/requirements.txt', content: '# API service\nflask==3.1.3\n' },
      { path: 'services/api/app.py', content: 'from flask import Flask\nfrom werkzeug.utils import secure_filename\n' },
      { path: 'tools/script.py', content: '# flask is mentioned, werkzeug too, but not imported\nimport flask_cors\n' },
    ]);
    expect(result.findings.map((f) => [f.file, f.startLine, f.startColumn, f.endColumn, f.ruleId, f.severity])).toEqual([
      ['services/api/requirements.txt', 1, 1, 14, 'undeclared-flask-dependency', 'low'],
    ]);
    expect(result.findings[0]?.message).toBe(
      'services/api/app.py imports werkzeug, but no dependency file lists Werkzeug: list it explicitly with a pinned version (for example `Werkzeug==3.1.9`), so it is updated and audited.',
    );
  });

  it('a constraints file does not list a dependency; a lock file does', async () => {
    const code = { path: 'app.py', content: 'import flask\n' };
    expect(brief((await audit([code, { path: 'constraints.txt', content: 'flask==3.1.3\n' }])).findings)).toEqual(['constraints.txt:1 undeclared-flask-dependency low']);
    expect((await audit([code, { path: 'poetry.lock', content: '[[package]]\nname = "Flask"\nversion = "3.1.3"\n' }])).findings).toEqual([]);
  });

  it('notes code that imports Flask when the repository has no dependency file at all', async () => {
    const result = await audit([{ path: 'app.py', content: 'from flask import Flask\n' }]);
    expect(result.findings).toEqual([]);
    expect(result.notes).toEqual([{ path: 'app.py', note: 'imports flask, but the repository has no dependency file (requirements.txt, pyproject.toml, Pipfile) to list Flask in' }]);
  });

  it('honours .flaskguard.yml: rules off, severity overrides, path excludes', async () => {
    const files = [
      { path: 'requirements.txt', content: 'flask==2.0.1\nwerkzeug\n' },
      { path: 'vendor/requirements.txt', content: 'gunicorn==21.2.0\n' },
    ];
    expect(brief((await audit(files)).findings)).toEqual([
      'requirements.txt:1 vulnerable-dependency medium',
      'requirements.txt:2 unpinned-dependency low',
      'vendor/requirements.txt:1 vulnerable-dependency high',
    ]);
    const tuned = await audit(files, 'rules:\n  unpinned-dependency: off\n  vulnerable-dependency: critical\npaths:\n  exclude: ["vendor/**"]\n');
    expect(brief(tuned.findings)).toEqual(['requirements.txt:1 vulnerable-dependency critical']);
    expect(tuned.requirementFiles).toEqual(['requirements.txt']);
  });

  it('honours flaskguard: ignore comments', async () => {
    const result = await audit([{ path: 'requirements.txt', content: 'flask==2.0.1  # flaskguard: ignore[vulnerable-dependency]\n# flaskguard: ignore\nwerkzeug==2.2.2\ngunicorn==21.2.0\n' }]);
    expect(brief(result.findings)).toEqual(['requirements.txt:4 vulnerable-dependency high']);
    expect(result.suppressed.map((f) => f.startLine)).toEqual([1, 3]);
  });

  it('lists binary and oversized files as skipped, with the reason, and audits the rest', async () => {
    const result = await audit(
      [
        { path: 'requirements.txt', content: new Uint8Array([0x66, 0x00, 0x6c]) },
        { path: 'requirements-dev.txt', content: `flask==2.0.1\n${'#'.repeat(2048)}\n` },
        { path: 'constraints.txt', content: 'werkzeug==2.2.2\n' },
      ],
      'max_file_size_kb: 1\n',
    );
    expect(brief(result.findings)).toEqual(['constraints.txt:1 vulnerable-dependency high']);
    expect([result.skipped, result.notes]).toEqual([
      [
        { path: 'requirements-dev.txt', note: 'larger than 1 KB (max_file_size_kb); not audited' },
        { path: 'requirements.txt', note: 'binary file; not audited' },
      ],
      [],
    ]);
  });

  it('notes pins whose version is not PEP 440', async () => {
    const result = await audit([{ path: 'Pipfile.lock', content: '{"default": {"flask": {"version": "==dev-build"}}}' }]);
    expect(result.findings).toEqual([]);
    expect(result.notes).toEqual([{ path: 'Pipfile.lock', note: 'line 1: flask dev-build is not a PEP 440 version; not audited' }]);
  });

  it('lists the files it read and the source that answered', async () => {
    const result = await audit([{ path: 'requirements.txt', content: '-r requirements/base.txt\n' }, { path: 'requirements/base.txt', content: 'markupsafe==3.0.2\n' }]);
    expect(result).toEqual({
      findings: [],
      suppressed: [],
      vulnerable: [],
      admitted: [],
      notes: [],
      skipped: [],
      advisorySource: "FlaskGuard's bundled advisory snapshot (2026-11-29)",
      requirementFiles: ['requirements.txt', 'requirements/base.txt'],
    });
  });

  it('reads fixtures from disk the same way', async () => {
    const text = readFileSync(new URL('../fixtures/deps/projects/pipenv/Pipfile.lock', import.meta.url), 'utf8');
    const result = await audit([{ path: 'Pipfile.lock', content: text }]);
    expect(brief(result.findings)).toEqual(['Pipfile.lock:14 vulnerable-dependency medium', 'Pipfile.lock:18 vulnerable-dependency high']);
  });
});

describe('URL and VCS requirements', () => {
  const vcs = async (line: string) => {
    const { findings } = await audit([{ path: 'requirements.txt', content: `${line}\n` }]);
    return findings.filter((f) => f.ruleId === 'unpinned-vcs-dependency').map((f) => `${f.severity}/${f.confidence}`);
  };

  it.each([
    ['git+https://github.com/example/lib@main#egg=lib', ['low/medium']],
    ['lib @ git+https://github.com/example/lib.git', ['low/medium']],
    ['lib @ git+https://github.com/example/lib.git@feature/login', ['low/medium']],
    ['lib @ git+https://github.com/example/lib.git@v1.4.0', ['low/low']],
    ['lib @ git+https://github.com/example/lib.git@3f1c2ab', ['low/low']],
    ['lib @ https://example.org/lib-1.0.tar.gz', ['low/low']],
    ['lib @ git+ssh://git@github.com/example/lib.git@6b0c3f2a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a', []],
    ['lib @ https://example.org/lib-1.0.tar.gz#sha256=0f0c7a6b4e9d3b2a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b', []],
    ['-e ./libs/shared', []],
  ])('%s → %j', async (line, expected) => {
    expect(await vcs(line)).toEqual(expected);
  });

  it('is not asked of lock files, which record the commit they resolved', async () => {
    const lock = '[[package]]\nname = "lib"\nversion = "1.0"\nsource = { git = "https://github.com/example/lib.git?branch=main#6b0c3f2a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a" }\n';
    const { findings } = await audit([{ path: 'uv.lock', content: lock }]);
    expect(findings.filter((f) => f.ruleId === 'unpinned-vcs-dependency')).toEqual([]);
  });
});

describe('pip install in Dockerfiles and shell scripts', () => {
  it('audits the pins of a RUN across continuations and comment lines, and offers the fix', async () => {
    const dockerfile = 'FROM python:3.12\nRUN pip install --no-cache-dir \\\n    # the web stack\n    flask==2.2.2 gunicorn\n';
    const { findings, requirementFiles } = await audit([{ path: 'docker/Dockerfile', content: dockerfile }]);
    expect(brief(findings)).toEqual(['docker/Dockerfile:4 vulnerable-dependency medium']);
    expect(findings[0]?.fix).toMatch(/^flask==\d/);
    expect(requirementFiles).toEqual(['docker/Dockerfile']);
  });

  it('reads shell scripts, lists only files that install something, and is not fetched for every review', async () => {
    const { findings, requirementFiles } = await audit([
      { path: 'deploy.sh', content: 'set -e\npython -m pip install "werkzeug==2.2.2" && systemctl restart app\n' },
      { path: 'Dockerfile', content: 'FROM python:3.12\nCOPY . .\n' },
    ]);
    expect(brief(findings)).toEqual(['deploy.sh:2 vulnerable-dependency high']);
    expect(requirementFiles).toEqual(['deploy.sh']);
    expect([dependencyFileType('Dockerfile'), isDependencyFile('Dockerfile'), isDependencyFile('deploy.sh')]).toEqual(['commands', false, false]);
  });
});
