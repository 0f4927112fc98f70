import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { affects, type Advisory, type AdvisorySource } from '../../src/deps/advisory.js';
import { API, createTestApp, mockInstallationToken, recorder, REPO_PATH, type ReviewRequestBody } from './harness.js';
import { blobSha, mockBlob, mockRun, patchAdding } from './github.js';
import { pullRequestPayload } from './payloads.js';

const HEAD = '5555555555555555555555555555555555555555';
const VIEWS = ['from flask import Flask', '', 'app = Flask(__name__)', 'app.config.from_envvar("SETTINGS")', '', '', 'app.run()', ''].join('\n');
const REQUIREMENTS = 'flask==0.12.2\nwerkzeug==0.15.0\n';

function advisory(pkg: string, id: string, fixedIn: string): Advisory {
  return {
    id,
    aliases: [],
    package: pkg,
    summary: `${pkg} vulnerability`,
    severity: 'high',
    rating: 'CVSS 7.5',
    affected: { intervals: [{ upper: { version: fixedIn, inclusive: false } }], versions: [] },
    fixedIn: [fixedIn],
  };
}

const ADVISORIES = [advisory('flask', 'GHSA-test-0001', '1.0'), advisory('werkzeug', 'GHSA-test-0002', '2.3.8')];
const testSource: AdvisorySource = {
  name: 'test advisories',
  affecting: async (pkg, version) => ({ advisories: ADVISORIES.filter((a) => a.package === pkg && affects(a, version)), source: 'test advisories' }),
  ofPackage: async (pkg) => ({ advisories: ADVISORIES.filter((a) => a.package === pkg), source: 'test advisories' }),
};

describe('dependencies', () => {
  it('audits every dependency file of the head commit: changed lines count, existing problems are listed', async () => {
    const app = await createTestApp({ dependencyAudit: undefined, advisorySource: () => testSource });
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    const reviews = recorder<ReviewRequestBody>();
    mockRun(github, {
      checkRunId: 1,
      content: VIEWS,
      review: reviews,
      update,
      // requirements.txt: the pull request adds line 2; line 1 was there before.
      extraFiles: [{ path: 'requirements.txt', patch: patchAdding(REQUIREMENTS, [2]) }],
    });
    github.get(`${REPO_PATH}/git/trees/${HEAD}`).query({ recursive: 'true' }).reply(200, {
      sha: HEAD,
      truncated: false,
      tree: [
        { path: 'app', type: 'tree', sha: 'd1' },
        { path: 'app/views.py', type: 'blob', sha: blobSha('app/views.py', VIEWS), size: VIEWS.length },
        { path: 'requirements.txt', type: 'blob', sha: blobSha('requirements.txt', REQUIREMENTS), size: REQUIREMENTS.length },
      ],
    });
    mockBlob(github, 'requirements.txt', REQUIREMENTS);

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    const done = update.bodies[0];
    expect(done).toMatchObject({ conclusion: 'failure' });
    expect(done?.output?.annotations?.map((a) => [a.path, a.start_line, a.title.includes('vulnerable-dependency')])).toEqual([['requirements.txt', 2, true]]);
    const summary = done?.output?.summary ?? '';
    expect(summary).toContain('FlaskGuard analyzed 2 changed files (11 lines)');
    expect(summary).toContain('### Existing dependency problems (1)');
    expect(summary).toContain('[`requirements.txt:1`]');
    expect(summary).toContain('Advisories: test advisories.');
    expect(reviews.bodies[0]?.comments.map((c) => [c.path, c.line])).toEqual([['requirements.txt', 2]]);
  });
  it('dependencies.existing: fail fails the check on a vulnerable pin in a dependency file the pull request does not touch, and annotates it', async () => {
    const app = await createTestApp({ dependencyAudit: undefined, advisorySource: () => testSource });
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    mockRun(github, { checkRunId: 1, content: VIEWS, config: 'dependencies: { existing: fail }\n', update });
    github.get(`${REPO_PATH}/git/trees/${HEAD}`).query({ recursive: 'true' }).reply(200, {
      sha: HEAD,
      truncated: false,
      tree: [{ path: 'requirements.txt', type: 'blob', sha: blobSha('requirements.txt', REQUIREMENTS), size: REQUIREMENTS.length }],
    });
    mockBlob(github, 'requirements.txt', REQUIREMENTS);

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    const done = update.bodies[0];
    expect(done).toMatchObject({ conclusion: 'failure', output: { title: 'No findings on changed lines; 2 vulnerable pins in the dependency files' } });
    expect(done?.output?.annotations?.map((a) => [a.path, a.start_line])).toEqual([
      ['requirements.txt', 1],
      ['requirements.txt', 2],
    ]);
    expect(done?.output?.summary).toContain('### Existing dependency problems (vulnerable pins at or above the fail level fail this check: `dependencies.existing: fail`) (2)');
  });

  it('dependencies.existing: fail leaves the check green when the existing advisories are below fail_on', async () => {
    const app = await createTestApp({ dependencyAudit: undefined, advisorySource: () => testSource });
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    mockRun(github, { checkRunId: 1, content: VIEWS, config: 'fail_on: critical\ndependencies: { existing: fail }\n', update });
    github.get(`${REPO_PATH}/git/trees/${HEAD}`).query({ recursive: 'true' }).reply(200, {
      sha: HEAD,
      truncated: false,
      tree: [{ path: 'requirements.txt', type: 'blob', sha: blobSha('requirements.txt', REQUIREMENTS), size: REQUIREMENTS.length }],
    });
    mockBlob(github, 'requirements.txt', REQUIREMENTS);

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    expect(update.bodies[0]).toMatchObject({ conclusion: 'success', output: { title: 'No findings on changed lines' } });
  });

  it('follows -r chains more than one file deep through the tree, never a symbolic link, and says why an include was not read', async () => {
    const app = await createTestApp({ dependencyAudit: undefined, advisorySource: () => testSource });
    const github = nock(API);
    mockInstallationToken(github);
    const update = recorder();
    const requirements = 'flask==3.1.3\n-r deps/web.txt\n-r deps/big.txt\n-r deps/link.txt\n';
    const web = '-r pins.txt\n';
    const pins = 'werkzeug==0.15.0\n';
    const big = `${'# padding\n'.repeat(300)}werkzeug==0.15.0\n`;
    mockRun(github, { checkRunId: 1, content: VIEWS, config: 'max_file_size_kb: 1\n', update });
    const entry = (path: string, text: string) => ({ path, type: 'blob', sha: blobSha(path, text), size: text.length });
    github.get(`${REPO_PATH}/git/trees/${HEAD}`).query({ recursive: 'true' }).reply(200, {
      sha: HEAD,
      truncated: false,
      tree: [
        entry('app/views.py', VIEWS),
        entry('requirements.txt', requirements),
        entry('deps/web.txt', web),
        entry('deps/pins.txt', pins),
        entry('deps/big.txt', big),
        // Symbolic links: the blob is the target's path.
        { ...entry('deps/link.txt', '/etc/passwd'), mode: '120000' },
        { ...entry('requirements-dev.txt', '../shared/requirements.txt'), mode: '120000' },
      ],
    });
    mockBlob(github, 'requirements.txt', requirements);
    mockBlob(github, 'deps/web.txt', web);
    mockBlob(github, 'deps/pins.txt', pins);

    await app.receive('pull_request', pullRequestPayload('opened', { headSha: HEAD }));

    const summary = update.bodies[0]?.output?.summary ?? '';
    expect(summary).toContain('### Existing dependency problems (1)');
    expect(summary).toContain('[`deps/pins.txt:1`]');
    expect(summary).toContain('line 3: includes `deps/big.txt`, which was not read: larger than 1 KB (max_file_size_kb)');
    expect(summary).toContain('line 4: includes `deps/link.txt`, which was not read: a symbolic link; not followed');
    expect(summary).toContain('`requirements-dev.txt`: a symbolic link; not followed');
    expect(summary).not.toContain('not in the repository');
  });
});
