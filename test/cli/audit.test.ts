/**
 * `flaskguard audit`: the dependency files alone against the advisories (the bundled snapshot, or
 * the GitHub Advisory Database mocked with nock), its exit codes and formats, and `--fix` on every
 * dependency-file format: only the pins change; comments, markers, extras and spacing stay.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { useGitHubMocks } from '../support/github-mocks.js';
import { project, readJson, run } from './helpers.js';

interface AuditJson {
  findings: { ruleId: string; file: string; startLine: number; severity: string }[];
  dependencies: { name: string; version: string; file: string; line: number; fixVersion: string | null; fixedText: string | null; vulns: { id: string; severity: string }[] }[];
  summary: { advisorySource: string };
}

async function auditJson(root: string, ...args: string[]): Promise<{ code: number; json: AuditJson; stderr: string }> {
  const output = join(root, '.audit.json');
  const { code, stderr } = await run(['audit', ...args, '--format', 'json', '--output', output], root);
  return { code, json: readJson(output) as AuditJson, stderr };
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

describe('flaskguard audit: exit codes', () => {
  it('exits 1 when a pinned version has an advisory at or above the fail level, naming the file, line and fix', async () => {
    const root = project({ 'requirements.txt': 'Werkzeug==2.2.2\nMarkupSafe==3.0.2\n' });
    const { code, stdout } = await run(['audit'], root);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^requirements\.txt:1:1 high vulnerable-dependency Werkzeug 2\.2\.2 has \d+ known advisories; upgrade Werkzeug 2\.2\.2 → 3\.1\.9\./m);
    expect(stdout).toContain('    fix: Werkzeug==3.1.9');
  });

  it('exits 0 when nothing is affected, and when what is affected is below --fail-on', async () => {
    expect((await run(['audit'], project({ 'requirements.txt': 'MarkupSafe==3.0.2\n' }))).code).toBe(0);
    // Flask 2.0.1's advisories are medium.
    const root = project({ 'requirements.txt': 'Flask==2.0.1\n' });
    expect((await run(['audit', '--fail-on', 'high'], root)).code).toBe(0);
    expect((await run(['audit', '--fail-on', 'medium'], root)).code).toBe(1);
  });

  it('takes the fail level from fail_on in the config', async () => {
    const root = project({ 'requirements.txt': 'Flask==2.0.1\n', '.flaskguard.yml': 'fail_on: medium\n' });
    expect((await run(['audit'], root)).code).toBe(1);
  });

  it('exits 2 on bad input: a missing path, no dependency files, a bad config, a bad --fail-on, --online without a token', async () => {
    const root = project({ 'app.py': 'import flask\n' });
    const missing = await run(['audit', 'nope.txt'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`flaskguard: No such file or directory: ${join(root, 'nope.txt')}\n`);
    const none = await run(['audit'], root);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^flaskguard: No dependency files to audit in \. \(looked for requirements\*\.txt, .*Pipfile\.lock\)\.\n$/);
    const badConfig = project({ 'requirements.txt': 'flask==3.1.3\n', '.flaskguard.yml': 'fail_on: sometimes\n' });
    const config = await run(['audit'], badConfig);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/^flaskguard: Invalid FlaskGuard configuration in \.flaskguard\.yml: fail_on: /);
    expect((await run(['audit', '--fail-on', 'sometimes'], badConfig)).code).toBe(2);
    const token = process.env.GITHUB_TOKEN;
    delete process.env.GITHUB_TOKEN;
    try {
      const online = await run(['audit', '--online'], project({ 'requirements.txt': 'flask==3.1.3\n' }));
      expect(online.code).toBe(2);
    } finally {
      if (token !== undefined) process.env.GITHUB_TOKEN = token;
    }
  });

  it('reads a file given by name whatever its name, and follows its includes (paths relative to its directory outside git)', async () => {
    const root = project({ 'deps/prod.txt': '-r base.list\nflask==3.1.3\n', 'deps/base.list': 'Werkzeug==2.2.2\n' });
    const { code, json } = await auditJson(root, 'deps/prod.txt');
    expect(code).toBe(1);
    expect(json.findings.map((f) => [f.file, f.startLine, f.ruleId])).toEqual([['base.list', 1, 'vulnerable-dependency']]);
  });

  it('walks directories for dependency files only, as scan does (.gitignore honoured)', async () => {
    const root = project({
      'requirements.txt': 'Werkzeug==2.2.2\n',
      'services/api/pyproject.toml': '[project]\nname = "api"\ndependencies = ["flask==2.0.1"]\n',
      'build/requirements.txt': 'flask==2.0.1\n',
      '.gitignore': 'build/\n',
      'app.py': 'app.run(debug=True)\n',
    });
    const { json } = await auditJson(root);
    expect(json.findings.map((f) => `${f.file}:${f.startLine} ${f.ruleId}`)).toEqual(['requirements.txt:1 vulnerable-dependency', 'services/api/pyproject.toml:3 vulnerable-dependency']);
  });
});

describe('flaskguard audit: formats', () => {
  const files = { 'requirements.txt': '# web\nFlask==2.0.1  # pinned\nJinja2>=2.0\n' };

  it('JSON lists each vulnerable package with its version, where it is pinned, its advisories and the fix', async () => {
    const { json } = await auditJson(project(files));
    expect(json.dependencies).toHaveLength(1);
    const [flask] = json.dependencies;
    expect(flask).toMatchObject({ name: 'Flask', version: '2.0.1', file: 'requirements.txt', line: 2, fixVersion: '3.1.3', fixedText: 'Flask==3.1.3' });
    expect(flask?.vulns.map((v) => v.id).sort()).toEqual(['GHSA-68rp-wp8r-4726', 'PYSEC-2023-62']);
    expect(json.findings.map((f) => [f.ruleId, f.startLine])).toEqual([['vulnerable-dependency', 2], ['unpinned-dependency', 3]]);
    expect(json.summary.advisorySource).toMatch(/^FlaskGuard's bundled advisory snapshot/);
  });

  it('SARIF has a result per problem at the requirement line, with the two rules in the driver', async () => {
    const root = project(files);
    const output = join(root, 'audit.sarif');
    expect((await run(['audit', '--format', 'sarif', '--output', output, '--fail-on', 'medium'], root)).code).toBe(1);
    const sarif = readJson(output) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const [runOut] = sarif.runs;
    expect(runOut?.tool.driver.rules.map((r) => r.id)).toEqual(['vulnerable-dependency', 'unpinned-dependency']);
    expect(runOut?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri, r.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ['vulnerable-dependency', 'requirements.txt', 2],
      ['unpinned-dependency', 'requirements.txt', 3],
    ]);
  });
});

describe('flaskguard audit --fix rewrites pins to the lowest safe version, keeping everything else', () => {
  it('requirements and constraints files: operator spacing, markers, extras and comments kept; hashed pins left, with the reason', async () => {
    const root = project({
      'requirements.txt': [
        '# Production',
        'Flask[async]==2.0.1  # web framework',
        'Werkzeug == 2.2.2 ; python_version >= "3.8"',
        'gunicorn==21.2.0 \\',
        '    --hash=sha256:3213aa5e8c24949e792bcacfc176fef362e7aac80b76c56f6b5122bf350722f0',
        'MarkupSafe==3.0.2',
        '-c constraints.txt',
        '',
      ].join('\n'),
      'constraints.txt': 'flask-cors===3.0.9\r\n',
    });
    const { code, stderr, json } = await auditJson(root, '--fix');
    expect(read(root, 'requirements.txt')).toBe(
      [
        '# Production',
        'Flask[async]==3.1.3  # web framework',
        'Werkzeug == 3.1.9 ; python_version >= "3.8"',
        'gunicorn==21.2.0 \\',
        '    --hash=sha256:3213aa5e8c24949e792bcacfc176fef362e7aac80b76c56f6b5122bf350722f0',
        'MarkupSafe==3.0.2',
        '-c constraints.txt',
        '',
      ].join('\n'),
    );
    expect(read(root, 'constraints.txt')).toBe('flask-cors===6.0.0\r\n');
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      'fixed: constraints.txt:1 flask-cors 3.0.9 → 6.0.0',
      'fixed: requirements.txt:2 Flask 2.0.1 → 3.1.3',
      'fixed: requirements.txt:3 Werkzeug 2.2.2 → 3.1.9',
      'not fixed: requirements.txt:4 gunicorn 21.2.0: its hashes must be regenerated with the new version',
    ]);
    // What remains is reported from the files on disk.
    expect(json.dependencies.map((d) => d.name)).toEqual(['gunicorn']);
    expect(code).toBe(1);
  });

  it('pyproject.toml (PEP 621 and Poetry) and Pipfile: the version inside the string changes, nothing else; lock files are left to their tools', async () => {
    const pyproject = [
      '[project]',
      'name = "shop"',
      'dependencies = [',
      '    "Werkzeug==2.2.2",   # keep this comment',
      "    'flask [async] == 2.0.1',",
      ']',
      '',
    ].join('\n');
    const poetry = ['[tool.poetry.dependencies]', 'python = "^3.9"', 'flask = "2.0.1"', 'werkzeug = { version = "==2.2.2", extras = ["watchdog"] }', ''].join('\n');
    const pipfile = '[packages]\n"Flask-Cors" = "==3.0.9"   # CORS\nwerkzeug = {version = "==2.2.2", extras = ["watchdog"]}\n';
    const lock = readFileSync(join(import.meta.dirname, '../fixtures/deps/projects/poetry/poetry.lock'), 'utf8');
    const root = project({ 'pyproject.toml': pyproject, 'poetry/pyproject.toml': poetry, 'pipenv/Pipfile': pipfile, 'locked/poetry.lock': lock });
    const { code, stderr } = await auditJson(root, '--fix');
    expect(read(root, 'pyproject.toml')).toBe(pyproject.replaceAll('2.2.2', '3.1.9').replaceAll('2.0.1', '3.1.3'));
    expect(read(root, 'poetry/pyproject.toml')).toBe(poetry.replace('2.2.2', '3.1.9').replace('2.0.1', '3.1.3'));
    expect(read(root, 'pipenv/Pipfile')).toBe(pipfile.replace('3.0.9', '6.0.0').replace('2.2.2', '3.1.9'));
    expect(read(root, 'locked/poetry.lock')).toBe(lock);
    expect(stderr).toContain('not fixed: locked/poetry.lock:6 flask 2.2.2: lock files are regenerated: run `poetry update flask`\n');
    expect(stderr.split('\n').filter((l) => l.startsWith('fixed:'))).toHaveLength(6);
    expect(code).toBe(1);
  });

  it('a project whose pins can all be rewritten exits 0 after the fix', async () => {
    const root = project({ 'requirements.txt': 'werkzeug==2.2.2\n' });
    const { code } = await auditJson(root, '--fix');
    expect(code).toBe(0);
    expect(read(root, 'requirements.txt')).toBe('werkzeug==3.1.9\n');
  });
});

describe('flaskguard audit --online', () => {
  useGitHubMocks();
  const token = process.env.GITHUB_TOKEN;
  afterEach(() => {
    if (token === undefined) delete process.env.GITHUB_TOKEN;
    else process.env.GITHUB_TOKEN = token;
  });

  const advisory = {
    ghsa_id: 'GHSA-aaaa-bbbb-cccc',
    cve_id: 'CVE-2026-0001',
    html_url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
    summary: 'A Werkzeug advisory only the live database knows',
    type: 'reviewed',
    severity: 'critical',
    identifiers: [{ type: 'GHSA', value: 'GHSA-aaaa-bbbb-cccc' }],
    withdrawn_at: null,
    vulnerabilities: [{ package: { ecosystem: 'pip', name: 'werkzeug' }, vulnerable_version_range: '< 3.1.10', first_patched_version: '3.1.10', vulnerable_functions: [] }],
    cvss_severities: { cvss_v3: null, cvss_v4: null },
  };

  it('asks the GitHub Advisory Database with the token', async () => {
    process.env.GITHUB_TOKEN = 'ghp_audit_token';
    nock('https://api.github.com', { reqheaders: { authorization: 'token ghp_audit_token' } })
      .get('/advisories')
      .query({ ecosystem: 'pip', affects: 'werkzeug', per_page: '100' })
      .reply(200, [advisory]);
    const { code, json } = await auditJson(project({ 'requirements.txt': 'Werkzeug==3.1.9\n' }), '--online');
    expect(code).toBe(1);
    expect(json.dependencies.map((d) => [d.name, d.fixVersion, d.vulns.map((v) => [v.id, v.severity])])).toEqual([['Werkzeug', '3.1.10', [['GHSA-aaaa-bbbb-cccc', 'critical']]]]);
    expect(json.summary.advisorySource).toBe('GitHub Advisory Database');
  });

  it('falls back to the bundled snapshot when the database fails, and says so', async () => {
    process.env.GITHUB_TOKEN = 'ghp_audit_token';
    nock('https://api.github.com').get('/advisories').query({ ecosystem: 'pip', affects: 'werkzeug', per_page: '100' }).reply(502, 'bad gateway');
    const { code, json } = await auditJson(project({ 'requirements.txt': 'Werkzeug==2.2.2\n' }), '--online');
    expect(code).toBe(1);
    expect(json.dependencies.map((d) => [d.name, d.fixVersion])).toEqual([['Werkzeug', '3.1.9']]);
    expect(json.summary.advisorySource).toMatch(/^FlaskGuard's bundled advisory snapshot .*fallback because /);
  });
});
