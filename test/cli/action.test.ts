/**
 * action.yml: its inputs reach the code as the step passes them, and runAction() does what a
 * workflow run needs — a diff against the pull request's base on pull_request events, a scan of
 * `path` otherwise, SARIF in a file named by the `sarif-file` output, the exit code by fail-on.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { actionArgv, actionInputs, runAction } from '../../src/cli/action.js';
import { HOMEPAGE, PACKAGE_ROOT } from '../../src/version.js';
import { readmeYamlBlocks } from '../support/readme.js';
import { git, project, writeFiles } from './helpers.js';

interface ActionManifest {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; run?: string; env?: Record<string, string> }[] };
}

const manifest = parse(readFileSync(join(PACKAGE_ROOT, 'action.yml'), 'utf8')) as ActionManifest;

const CLEAN = 'from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "dev"\n';

/** A repository whose base commit has an old finding, and whose working tree (the "merge commit") adds one. */
function repository(): { root: string; base: string } {
  const root = project({ 'app.py': CLEAN, 'README.md': 'shop\n' });
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'base');
  const base = git(root, 'rev-parse', 'HEAD').trim();
  writeFiles(root, { 'app.py': `${CLEAN}app.run(debug=True)\n` });
  return { root, base };
}

async function act(root: string, env: Record<string, string>): Promise<{ code: number; stdout: string; outputs: string }> {
  const outputFile = join(root, '.github-output');
  writeFileSync(outputFile, '');
  let stdout = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    const code = await runAction({ GITHUB_WORKSPACE: root, GITHUB_OUTPUT: outputFile, ...env });
    return { code, stdout, outputs: readFileSync(outputFile, 'utf8') };
  } finally {
    out.mockRestore();
  }
}

function pullRequestEvent(root: string, base: string): Record<string, string> {
  const path = join(root, '.event.json');
  writeFileSync(path, JSON.stringify({ pull_request: { number: 7, base: { sha: base } } }));
  return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path };
}

interface Sarif {
  runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
}

const results = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as Sarif).runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine]);

describe('action.yml', () => {
  it('is a composite action with the inputs path, fail-on, config, format, online and output, each passed to the step', () => {
    expect(manifest.runs.using).toBe('composite');
    expect(Object.keys(manifest.inputs)).toEqual(['path', 'fail-on', 'config', 'format', 'online', 'output']);
    const step = manifest.runs.steps.find((s) => s.id === 'flaskguard');
    expect(step?.run).toBe('node "$GITHUB_ACTION_PATH/dist/cli/action.js"');
    for (const name of Object.keys(manifest.inputs)) {
      expect(step?.env?.[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${name} }}`);
    }
    expect(manifest.outputs['sarif-file']?.value).toBe('${{ steps.flaskguard.outputs.sarif-file }}');
    // The defaults the manifest declares are the ones the code falls back to.
    const defaults = Object.fromEntries(Object.entries(manifest.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase().replace(/-/g, '_')}`, v.default]));
    expect(actionInputs(defaults)).toEqual(actionInputs({}));
  });

  it('reviews a pull request by its change: findings on changed lines only, SARIF in the sarif-file output, failing at fail-on', async () => {
    const { root, base } = repository();
    const { code, outputs } = await act(root, pullRequestEvent(root, base));
    const sarif = join(root, 'flaskguard.sarif');
    expect(outputs).toBe(`sarif-file=${sarif}\n`);
    expect(results(sarif)).toEqual([['flask-run-debug', 4]]);
    expect(code).toBe(1);
    expect((await act(root, { ...pullRequestEvent(root, base), INPUT_FAIL_ON: 'critical' })).code).toBe(0);
  });

  it('scans `path` on other events, and annotates the log with --format github', async () => {
    const { root } = repository();
    const pushed = await act(root, { GITHUB_EVENT_NAME: 'push', INPUT_PATH: 'app.py' });
    expect(results(join(root, 'flaskguard.sarif'))).toEqual([
      ['hardcoded-secret-key', 3],
      ['flask-run-debug', 4],
    ]);
    expect(pushed.code).toBe(1);
    const annotated = await act(root, { GITHUB_EVENT_NAME: 'push', INPUT_FORMAT: 'github', INPUT_FAIL_ON: 'none' });
    expect(annotated.code).toBe(0);
    expect(annotated.outputs).toBe('');
    expect(annotated.stdout).toContain('::error file=app.py,line=4,');
  });

  it('passes config and online through to the command line', () => {
    const inputs = actionInputs({ INPUT_CONFIG: 'ci/flaskguard.yml', INPUT_ONLINE: 'true', INPUT_FORMAT: 'json', INPUT_OUTPUT: 'report.json' });
    expect(actionArgv(inputs, 'abc123')).toEqual(['diff', '--base', 'abc123', '--format', 'json', '--output', 'report.json', '--config', 'ci/flaskguard.yml', '--online']);
  });

  it("README's workflow uses this action with its inputs and uploads the SARIF file it names", () => {
    interface Workflow {
      jobs: Record<string, { steps: { id?: string; uses?: string; with?: Record<string, string> }[] }>;
    }
    const workflows = readmeYamlBlocks().filter((b) => b.text.includes('upload-sarif')).map((b) => b.value as Workflow);
    expect(workflows).toHaveLength(1);
    const steps = Object.values((workflows[0] as Workflow).jobs).flatMap((job) => job.steps);
    const repository = new URL(HOMEPAGE as string).pathname.slice(1);
    const ours = steps.find((s) => s.uses?.startsWith(`${repository}@`));
    expect(ours?.id).toBeDefined();
    for (const input of Object.keys(ours?.with ?? {})) expect(Object.keys(manifest.inputs)).toContain(input);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe(`\${{ steps.${ours?.id}.outputs.sarif-file }}`);
  });
});
