/**
 * After the merge, end to end with the App's real server process: a push to the default branch
 * gets a check run of the whole repository, and the advisory monitoring (run at once with
 * SIGUSR2, as an operator would) opens the one issue, updates it when the set of vulnerable pins
 * changes, closes it after the fixing push, and leaves it alone when nothing changed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Stack, type SimRepository } from '../simulator/index.js';
import { annotationsOf, routesSince } from './expect.js';
import { ADVISORIES, BASE_FILES } from './scenario.js';

const FLASK_CORS = {
  ghsaId: 'GHSA-84pr-m4jr-85g5',
  cveId: 'CVE-2024-1681',
  summary: 'flask-cors vulnerable to log injection when the log level is set to debug',
  severity: 'medium' as const,
  package: 'Flask-Cors',
  vulnerabilities: [{ vulnerableVersionRange: '< 4.0.1', firstPatchedVersion: '4.0.1' }],
};

let stack: Stack;

beforeAll(async () => {
  stack = await Stack.start({ advisories: [...ADVISORIES, FLASK_CORS] });
});

afterEach(() => {
  expect(stack.sim.store.violations).toEqual([]);
  expect(stack.sim.store.responseViolations).toEqual([]);
});

afterAll(async () => {
  await stack?.stop();
});

describe('the default branch', () => {
  let repo: SimRepository;

  it('a push to the default branch gets a completed check run with the findings of the whole repository', async () => {
    repo = await stack.sim.store.createRepository({ owner: 'acme', name: 'watched', files: BASE_FILES });
    const push = await stack.sim.store.pushToDefaultBranch(repo, { files: { 'requirements.txt': 'flask==3.1.3\nwerkzeug==2.2.2\n' } });
    const run = await stack.pushToDefaultBranch(repo, push);
    expect(stack.completedRuns(repo, push.after)).toHaveLength(1);
    expect([run.name, run.conclusion, run.output.title]).toEqual(['FlaskGuard', 'failure', '1 high in 1 file on main']);
    expect(annotationsOf(run).map((a) => [a[0], a[1], a[6]])).toEqual([['requirements.txt', 2, 'vulnerable-dependency']]);
    expect(run.output.summary).toMatch(/^FlaskGuard scanned the whole repository on `main`: /);
  });

  it('the monitoring opens one issue, updates it when the vulnerable set changes, closes it after the fix, and writes nothing when nothing changed', async () => {
    await stack.monitorNow();
    const issues = () => stack.sim.store.issues.filter((i) => i.repository === repo);
    expect(issues().map((i) => [i.title, i.state, i.user.login])).toEqual([['FlaskGuard: known vulnerabilities in dependencies', 'open', 'flaskguard[bot]']]);
    const [issue] = issues();
    expect(issue?.body).toContain('### werkzeug 2.2.2 — [`requirements.txt:2`]');
    expect(issue?.body).toContain('GHSA-xg9f-g7g7-2323');
    expect(issue?.body).toContain('change `werkzeug==2.2.2` to `werkzeug==2.2.3`');

    // Nothing new: reads only.
    const quiet = stack.sim.store.requests.length;
    await stack.monitorNow();
    expect(routesSince(stack.sim, quiet).filter((r) => !r.startsWith('GET ') && !r.startsWith('POST /app/installations/'))).toEqual([]);

    // A push adds a vulnerable Flask-CORS: the issue is edited and a comment says what is new.
    await stack.sim.store.pushToDefaultBranch(repo, { files: { 'requirements.txt': 'flask==3.1.3\nwerkzeug==2.2.2\nflask-cors==3.0.9\n' } });
    await stack.monitorNow();
    expect(issues()).toHaveLength(1);
    expect(issue?.body).toContain('### flask-cors 3.0.9 — [`requirements.txt:3`]');
    expect(issue?.comments.map((c) => c.body.split('\n').slice(2).join('\n'))).toEqual(['**New:**\n- flask-cors 3.0.9 in `requirements.txt`: GHSA-84pr-m4jr-85g5']);

    // The fixing push: the issue is closed with a comment.
    await stack.sim.store.pushToDefaultBranch(repo, { files: { 'requirements.txt': 'flask==3.1.3\nwerkzeug==2.2.3\nflask-cors==4.0.1\n' } });
    await stack.monitorNow();
    expect(issues().map((i) => [i.state, i.stateReason])).toEqual([['closed', 'completed']]);
    expect(issue?.comments).toHaveLength(2);
    expect(issue?.comments[1]?.body).toMatch(/^No known vulnerability is left in the dependency files at `[0-9a-f]{7}`: closing\./);
  });
});
