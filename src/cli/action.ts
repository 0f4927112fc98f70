/**
 * The GitHub Action (action.yml) for teams that cannot install the App: on a pull request,
 * `flaskguard diff` against the pull request's base (the checkout is the merge commit, so the
 * working tree against the base is the pull request's change); on any other event, `flaskguard
 * scan` of `path`. SARIF goes to a file named in the step's `sarif-file` output, for
 * github/codeql-action/upload-sarif; the exit code fails the step by `fail-on`.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { main } from '../cli.js';
import { GitError, gitRoot, verifyCommit } from './git.js';

export interface ActionInputs {
  path: string;
  failOn: string;
  config: string;
  format: string;
  online: boolean;
  output: string;
}

/** The step's inputs, which action.yml passes as INPUT_* variables. */
export function actionInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const input = (name: string) => (env[`INPUT_${name}`] ?? '').trim();
  const format = input('FORMAT') || 'sarif';
  return {
    path: input('PATH') || '.',
    failOn: input('FAIL_ON'),
    config: input('CONFIG'),
    format,
    online: input('ONLINE').toLowerCase() === 'true',
    output: input('OUTPUT') || (format === 'sarif' ? 'flaskguard.sarif' : ''),
  };
}

/**
 * The base commit of the pull request the workflow runs for (`pull_request` events, whose
 * checkout is the merge commit), if it runs for one.
 */
export function pullRequestBase(eventName: string | undefined, eventPath: string | undefined): string | undefined {
  if (eventName !== 'pull_request' || !eventPath) return undefined;
  const event = JSON.parse(readFileSync(eventPath, 'utf8')) as { pull_request?: { base?: { sha?: string } } };
  return event.pull_request?.base?.sha;
}

/** The flaskguard command line for these inputs. */
export function actionArgv(inputs: ActionInputs, base: string | undefined): string[] {
  const argv = base ? ['diff', '--base', base] : ['scan', inputs.path];
  argv.push('--format', inputs.format);
  if (inputs.output) argv.push('--output', inputs.output);
  if (inputs.config) argv.push('--config', inputs.config);
  if (inputs.failOn) argv.push('--fail-on', inputs.failOn);
  if (inputs.online) argv.push('--online');
  return argv;
}

/** A shallow checkout has the merge commit only: fetch the base commit when it is missing. */
function ensureCommit(cwd: string, sha: string): void {
  const root = gitRoot(cwd);
  if (!root) return;
  try {
    verifyCommit(root, sha);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    execFileSync('git', ['fetch', '--no-tags', '--depth=1', 'origin', sha], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  }
}

export async function runAction(env: NodeJS.ProcessEnv = process.env, cwd = env.GITHUB_WORKSPACE ?? process.cwd()): Promise<number> {
  const given = actionInputs(env);
  const inputs = { ...given, output: given.output && resolve(cwd, given.output) };
  const base = pullRequestBase(env.GITHUB_EVENT_NAME, env.GITHUB_EVENT_PATH);
  if (base) ensureCommit(cwd, base);
  const code = await main(actionArgv(inputs, base), cwd);
  if (inputs.output && env.GITHUB_OUTPUT) {
    const key = inputs.format === 'sarif' ? 'sarif-file' : 'report-file';
    appendFileSync(env.GITHUB_OUTPUT, `${key}=${inputs.output}\n`);
  }
  return code;
}
