/**
 * `npm run demo`: FlaskGuard reviews pull requests of a small Flask shop on this machine, with no
 * GitHub account and no network. A GitHub simulator on loopback holds the repository; the App's
 * real server runs as its own process and receives signed webhooks; the demo prints what a
 * reviewer would see on GitHub.
 */
import { RULES } from '../rules/index.js';
import { CATEGORIES } from '../src/core/types.js';
import { bundledAdvisoryTable, Stack, type SimPullRequest } from '../test/simulator/index.js';
import { banner, checkRunLines, issueLines, note, resolvedLines, reviewLines } from './render.js';
import { DEBUG_FIX, FEATURE, MAIN_ADDS_CORS, MAIN_FILES, MERGED_UPGRADE, REPOSITORY, UPGRADE } from './shop.js';
import { paint } from './terminal.js';

let blank = true;
let closed = false;
// Piped into `head`: stop printing, but still stop the App and the simulator.
process.stdout.on('error', () => (closed = true));
/** Prints lines, never two blank ones in a row. */
function print(lines: readonly string[]): void {
  for (const line of lines) {
    if (closed) return;
    if (line === '' && blank) continue;
    blank = line === '';
    console.log(line);
  }
}
const started = Date.now();

print([
  paint('bold', 'FlaskGuard demo: a GitHub App reviewing Flask pull requests'),
  ...note('Everything runs on this machine: a GitHub simulator on loopback, and the FlaskGuard server as its own process, receiving signed webhooks.'),
]);
const stack = await Stack.start({ advisories: bundledAdvisoryTable() });
const { sim } = stack;
process.once('SIGINT', () => void stack.stop().finally(() => process.exit(130)));

/** Delivers the event, waits for the check run, and prints what GitHub shows for that commit. */
async function review(title: string, pull: SimPullRequest, action: 'opened' | 'synchronize', findingDetails = true): Promise<string[]> {
  print(banner(title));
  const resolved = new Set(sim.store.threads.filter((t) => t.isResolved).map((t) => t.id));
  const from = sim.store.requests.length;
  const begun = Date.now();
  const { checkRun } = await stack.review(sim.payloads.pullRequest(pull, action), pull);
  print([...note(paint('dim', `Reviewed in ${((Date.now() - begun) / 1000).toFixed(1)} s with ${sim.store.requests.length - from} requests to GitHub.`)), '']);
  print(checkRunLines(checkRun, findingDetails));
  print(await reviewLines(sim, pull, pull.headSha));
  print(resolvedLines(sim, pull, resolved));
  return checkRun.annotations.map((a) => /\(([a-z0-9-]+)\)$/.exec(a.title ?? '')?.[1] ?? '');
}

try {
  print(note(paint('dim', `GitHub simulator: ${sim.webUrl} · FlaskGuard server: ${stack.app.url} (pid ${stack.app.pid})`)));
  const repo = await sim.store.createRepository({ ...REPOSITORY, files: MAIN_FILES });

  const feature = await sim.store.openPullRequest(repo, { branch: FEATURE.branch, title: FEATURE.title, changes: { files: FEATURE.files } });
  const ruleIds = await review(`Pull request #${feature.number} "${feature.title}" opened (${feature.headRef} → ${feature.baseRef})`, feature, 'opened');

  const fix = await sim.store.push(feature, { files: DEBUG_FIX.files, message: DEBUG_FIX.message });
  await review(`Push ${fix.slice(0, 7)} to #${feature.number}: "${DEBUG_FIX.message}" (takes FlaskGuard's suggestion)`, feature, 'synchronize', false);

  const upgrade = await sim.store.openPullRequest(repo, { branch: UPGRADE.branch, title: UPGRADE.title, changes: { files: UPGRADE.files } });
  await review(`Pull request #${upgrade.number} "${upgrade.title}" opened (fixes a problem main already has)`, upgrade, 'opened');

  // After the merge: the default branch's own check runs, and the advisory monitoring's one issue.
  const pushToMain = async (title: string, change: { message: string; files: Record<string, string> }, details: boolean) => {
    const push = await sim.store.pushToDefaultBranch(repo, { message: change.message, files: change.files });
    print(banner(`${title}: push ${push.after.slice(0, 7)} to ${repo.defaultBranch}, "${change.message}"`));
    const run = await stack.pushToDefaultBranch(repo, push);
    print(details ? checkRunLines(run, true) : checkRunLines(run, false).slice(0, 2));
  };
  const monitor = async (title: string, body: boolean) => {
    print(banner(title));
    const comments = sim.store.issues[0]?.comments.length ?? 0;
    await stack.monitorNow();
    const issue = sim.store.issues.find((i) => i.repository === repo);
    print(issue ? issueLines(issue, { body, fromComment: comments }) : note('No issue: nothing vulnerable.'));
  };
  print(note(paint('dim', 'After the merge: FlaskGuard scans the default branch on every push, and re-audits its dependencies on a schedule (here run at once with SIGUSR2).')));
  await pushToMain('The default branch', { message: 'Document the deployment', files: { 'README.md': `${MAIN_FILES['README.md']}\nDeployed with gunicorn.\n` } }, true);
  await monitor('Scheduled advisory monitoring: the dependencies of main are affected, so the issue is opened', true);
  await pushToMain('A dependency is added on main', MAIN_ADDS_CORS, false);
  await monitor('Next tick: the set changed, so the issue is updated in place with a comment', false);
  await pushToMain('The upgrade is merged', MERGED_UPGRADE, false);
  await monitor('Next tick: nothing is vulnerable any more, so the issue is closed', false);

  const found = new Set(ruleIds.map((id) => RULES.find((r) => r.meta.id === id)?.meta.category));
  const missing = CATEGORIES.filter((c) => !found.has(c));
  const violations = sim.store.violations.length;
  print([
    paint('bold', '━━ Done'),
    '',
    ...note(`${sim.store.checkRuns.length} check runs, ${sim.store.reviews.length} review, ${sim.store.comments.length} comments, ${sim.store.issues.length} issue; ${sim.store.requests.length} requests to the simulated GitHub, ${violations} that GitHub's API description would refuse; ${((Date.now() - started) / 1000).toFixed(1)} s in all.`),
    ...note(missing.length === 0 ? `Pull request #${feature.number} had findings in all ${CATEGORIES.length} categories.` : paint('yellow', `No findings in: ${missing.join(', ')}.`)),
    ...note(paint('dim', 'Try the same engine on your code: npx flaskguard scan PATH, or npx flaskguard diff --base main.')),
  ]);
  if (violations > 0) {
    console.error(JSON.stringify(sim.store.violations, null, 2));
    process.exitCode = 1;
  }
} catch (error) {
  console.error(paint('red', `The demo failed: ${(error as Error).message}`));
  process.exitCode = 1;
} finally {
  await stack.stop();
}
