/**
 * The scheduled advisory monitoring through Probot, GitHub mocked with nock: a tick opens the one
 * monitoring issue, a new advisory at the next tick updates it with a comment, a fixing push and
 * the next tick close it, ticks with nothing new write nothing, and an installation without
 * `issues: write` keeps its check runs and is told about once in the log. The timer is the
 * test's: each tick is called by hand, the clock moved by hand.
 */
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { affects, type Advisory, type AdvisorySource } from '../../src/deps/advisory.js';
import { ISSUE_MARKER, ISSUE_TITLE } from '../../src/report/advisory-issue.js';
import { API, createTestApp, NOW, recorder, REPO_PATH, type TestApp } from './harness.js';
import { blobSha, mockBlob, mockNoConfig } from './github.js';
import { DAY, HEAD, mockAuditReads, mockInstallations, mockIssues, VULNERABLE, type IssueBody } from './monitor-mocks.js';
import { BASE_REF } from './payloads.js';

const FIXED_HEAD = 'f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1';
const FIXED = '# web\nflask==2.3.3  # pinned\nwerkzeug==3.1.9\n';

function advisory(pkg: string, id: string, below: string): Advisory {
  return {
    id,
    aliases: [`CVE-${id.slice(5)}`],
    package: pkg,
    summary: `${pkg} ${id} summary`,
    severity: 'high',
    rating: 'CVSS 7.5',
    affected: { intervals: [{ upper: { version: below, inclusive: false } }], versions: [] },
    fixedIn: [below],
    url: `https://github.com/advisories/${id}`,
  };
}

/** The advisory database of the test: the next tick sees what a test adds. */
function advisoryDatabase(initial: Advisory[]) {
  const advisories = [...initial];
  const source: AdvisorySource = {
    name: 'test advisories',
    affecting: async (pkg, version) => ({ advisories: advisories.filter((a) => a.package === pkg && affects(a, version)), source: 'test advisories' }),
    ofPackage: async (pkg) => ({ advisories: advisories.filter((a) => a.package === pkg), source: 'test advisories' }),
  };
  return { source, add: (a: Advisory) => advisories.push(a) };
}

interface Monitored {
  app: TestApp;
  tick(): Promise<void>;
  clock: { now: number };
}

async function monitoredApp(source: AdvisorySource): Promise<Monitored> {
  let tick: (() => Promise<void>) | undefined;
  const clock = { now: NOW.getTime() };
  const app = await createTestApp({
    dependencyAudit: undefined,
    advisorySource: () => source,
    now: () => new Date(clock.now),
    monitor: {
      ticks: (run) => {
        tick = run;
        return { stop: () => undefined };
      },
    },
  });
  return { app, clock, tick: () => (tick as () => Promise<void>)() };
}

describe('advisory monitoring', () => {
  it('opens one issue, updates it with a comment on a new advisory, closes it after the fixing push, and changes nothing when nothing is new', async () => {
    const database = advisoryDatabase([advisory('flask', 'GHSA-flsk-0001-aaaa', '2.2.5')]);
    const { app, clock, tick } = await monitoredApp(database.source);
    const github = nock(API);

    // Tick 1: Flask 2.0.1 is affected: the issue is opened.
    const created = recorder<IssueBody>();
    mockInstallations(github, { first: true, issues: 'write' });
    mockAuditReads(github, HEAD, VULNERABLE);
    mockIssues(github, []);
    github.post(`${REPO_PATH}/issues`).reply(created.reply(201, { number: 5 }));
    await tick();
    expect(created.bodies).toHaveLength(1);
    const opened = created.bodies[0] as IssueBody;
    expect(opened.title).toBe(ISSUE_TITLE);
    expect(opened.body?.startsWith(ISSUE_MARKER)).toBe(true);
    expect(opened.body).toContain('### flask 2.0.1 — [`requirements.txt:2`](https://github.com/Codertocat/Hello-World/blob/c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff/requirements.txt#L2)');
    expect(opened.body).toContain('| [GHSA-flsk-0001-aaaa](https://github.com/advisories/GHSA-flsk-0001-aaaa) (CVE-flsk-0001-aaaa) | high | flask GHSA-flsk-0001-aaaa summary |');
    expect(opened.body).toContain("Why it matters in a Flask application: Flask's own code runs in every request");
    expect(opened.body).toContain('Fix: upgrade to **2.2.5**, the lowest version that clears every advisory: in `requirements.txt` line 2, change `flask==2.0.1` to `flask==2.2.5`.');
    const issue = { number: 5, state: 'open', body: opened.body, user: { login: 'flaskguard[bot]' } };

    // Tick 2, before monitor.interval_hours have passed: only the head and the config are read.
    clock.now += DAY / 2;
    mockInstallations(github, { first: false, issues: 'write' });
    github.get(`${REPO_PATH}/git/ref/heads%2F${BASE_REF}`).reply(200, { object: { sha: HEAD } });
    mockNoConfig(github, HEAD);
    await tick();

    // Tick 3, a day later, nothing new: read, and nothing written.
    clock.now += DAY;
    mockInstallations(github, { first: false, issues: 'write' });
    mockAuditReads(github, HEAD, VULNERABLE);
    mockIssues(github, [issue]);
    await tick();

    // Tick 4: a new Werkzeug advisory: the issue is edited in place and a comment says what is new.
    database.add(advisory('werkzeug', 'GHSA-wkzg-0002-bbbb', '3.0.6'));
    clock.now += DAY;
    const edited = recorder<IssueBody>();
    const comments = recorder<{ body: string }>();
    mockInstallations(github, { first: false, issues: 'write' });
    mockAuditReads(github, HEAD, VULNERABLE);
    mockIssues(github, [issue]);
    github.patch(`${REPO_PATH}/issues/5`).reply(edited.reply(200, { number: 5 }));
    github.post(`${REPO_PATH}/issues/5/comments`).reply(comments.reply(201, { id: 1 }));
    await tick();
    expect(edited.bodies[0]?.state).toBeUndefined();
    expect(edited.bodies[0]?.body).toContain('### werkzeug 3.0.0 — [`requirements.txt:3`]');
    expect(edited.bodies[0]?.body).toContain('### flask 2.0.1');
    expect(comments.bodies[0]?.body).toBe(['The list changed at `c0ffeec`.', '', '**New:**', '- werkzeug 3.0.0 in `requirements.txt`: GHSA-wkzg-0002-bbbb'].join('\n'));
    const updated = { ...issue, body: edited.bodies[0]?.body };

    // Tick 5, after a push that fixes both pins: a closing comment, then the issue is closed.
    clock.now += DAY;
    const closing = recorder<{ body: string }>();
    const closed = recorder<IssueBody>();
    mockInstallations(github, { first: false, issues: 'write' });
    mockAuditReads(github, FIXED_HEAD, FIXED);
    mockIssues(github, [updated]);
    github.post(`${REPO_PATH}/issues/5/comments`).reply(closing.reply(201, { id: 2 }));
    github.patch(`${REPO_PATH}/issues/5`).reply(closed.reply(200, { number: 5 }));
    await tick();
    expect(closing.bodies[0]?.body).toBe(
      ['No known vulnerability is left in the dependency files at `f1f1f1f`: closing.', '', '**Fixed or gone:**', '- flask 2.0.1 in `requirements.txt`: GHSA-flsk-0001-aaaa', '- werkzeug 3.0.0 in `requirements.txt`: GHSA-wkzg-0002-bbbb'].join('\n'),
    );
    expect(closed.bodies).toEqual([{ state: 'closed', state_reason: 'completed' }]);

    // Tick 6: still fixed, and the closed issue is left alone.
    clock.now += DAY;
    mockInstallations(github, { first: false, issues: 'write' });
    mockAuditReads(github, FIXED_HEAD, FIXED);
    mockIssues(github, [{ ...updated, state: 'closed' }]);
    await tick();
    expect(app.logs.filter((l) => l.includes('"level":50'))).toEqual([]);
  });

  it('reopens its own closed issue, never a second one, when a vulnerability comes back', async () => {
    const database = advisoryDatabase([advisory('flask', 'GHSA-flsk-0001-aaaa', '2.2.5')]);
    const { tick } = await monitoredApp(database.source);
    const github = nock(API);
    const closedBody = `${ISSUE_MARKER}\nold text\n<!-- flaskguard:state [] -->`;
    const edited = recorder<IssueBody>();
    const comments = recorder<{ body: string }>();
    mockInstallations(github, { first: true, issues: 'write' });
    mockAuditReads(github, HEAD, VULNERABLE);
    mockIssues(github, [{ number: 3, state: 'closed', body: closedBody }]);
    github.patch(`${REPO_PATH}/issues/3`).reply(edited.reply(200, { number: 3 }));
    github.post(`${REPO_PATH}/issues/3/comments`).reply(comments.reply(201, { id: 1 }));
    await tick();
    expect(edited.bodies[0]?.state).toBe('open');
    expect(comments.bodies[0]?.body).toMatch(/^Known vulnerabilities are back at `c0ffeec`; this issue is reopened\.\n\n\*\*New:\*\*\n- flask 2\.0\.1 in `requirements\.txt`: GHSA-flsk-0001-aaaa$/);
  });

  it('an installation without issues: write is audited, says so once in the log, and opens no issue', async () => {
    const database = advisoryDatabase([advisory('flask', 'GHSA-flsk-0001-aaaa', '2.2.5')]);
    const { app, clock, tick } = await monitoredApp(database.source);
    const github = nock(API);
    mockInstallations(github, { first: true });
    mockAuditReads(github, HEAD, VULNERABLE);
    await tick();
    clock.now += DAY;
    mockInstallations(github, { first: false });
    mockAuditReads(github, HEAD, VULNERABLE);
    await tick();
    expect(app.logs.filter((l) => l.includes('has not granted the issues: write permission'))).toHaveLength(1);
  });

  it('monitor: { advisories: off } in the repository config stops the audit; { issue: off } audits without an issue', async () => {
    const database = advisoryDatabase([advisory('flask', 'GHSA-flsk-0001-aaaa', '2.2.5')]);
    const { app, tick, clock } = await monitoredApp(database.source);
    const github = nock(API);
    const config = (text: string) =>
      github
        .get(`${REPO_PATH}/contents/.flaskguard.yml`)
        .query({ ref: HEAD })
        .reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') });
    mockInstallations(github, { first: true, issues: 'write' });
    github.get(`${REPO_PATH}/git/ref/heads%2F${BASE_REF}`).reply(200, { object: { sha: HEAD } });
    config('monitor: { advisories: off }\n');
    await tick();
    clock.now += DAY;
    mockInstallations(github, { first: false, issues: 'write' });
    github.get(`${REPO_PATH}/git/ref/heads%2F${BASE_REF}`).reply(200, { object: { sha: HEAD } });
    config('monitor: { issue: off }\n');
    github.get(`${REPO_PATH}/git/trees/${HEAD}`).query({ recursive: 'true' }).reply(200, {
      sha: HEAD,
      truncated: false,
      tree: [{ path: 'requirements.txt', mode: '100644', type: 'blob', sha: blobSha('requirements.txt', VULNERABLE), size: VULNERABLE.length }],
    });
    mockBlob(github, 'requirements.txt', VULNERABLE);
    await tick();
    expect(app.logs.filter((l) => l.includes('advisory monitoring: audited')).map((l) => (JSON.parse(l) as { affected: number }).affected)).toEqual([1]);
  });
});
