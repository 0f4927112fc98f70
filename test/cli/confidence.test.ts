/** Confidence and scope through the command line: what is shown, what fails, what is counted. */
import { describe, expect, it } from '@jest/globals';
import { project, run } from './helpers.js';

const APP = [
  'from flask import Flask, redirect, request',
  'app = Flask(__name__)',
  '@app.route("/back")',
  'def back():',
  '    return redirect(request.referrer)',
  '',
].join('\n');
const TEST = ['from flask import redirect, request', 'def helper():', '    return redirect(request.args["next"])', ''].join('\n');
const DOCS_EXAMPLE = ['from flask import Flask', 'app = Flask(__name__)', 'app.run(host="0.0.0.0", debug=True)', ''].join('\n');

interface Json {
  summary: { findings: number; withheld: number; byConfidence: Record<string, number> };
  findings: { ruleId: string; file: string; confidence: string; scope?: string }[];
  withheld: { ruleId: string; file: string; scope: string }[];
}

describe('confidence and scope in the CLI', () => {
  it('reports audit findings without failing, and counts what development and test code withheld', async () => {
    const root = project({ 'app.py': APP, 'tests/test_back.py': TEST, 'docs/example.py': DOCS_EXAMPLE });
    const result = await run(['scan', '--format', 'json', '--fail-on', 'low'], root);
    const json = JSON.parse(result.stdout) as Json;
    expect(json.findings.map((f) => [f.file, f.ruleId, f.confidence, f.scope])).toEqual([
      ['app.py', 'open-redirect', 'low', undefined],
      ['docs/example.py', 'flask-run-debug', 'low', 'documentation'],
    ]);
    expect(json.withheld.map((f) => [f.file, f.ruleId, f.scope])).toEqual([['tests/test_back.py', 'open-redirect', 'testing']]);
    expect(json.summary).toMatchObject({ findings: 2, withheld: 1, byConfidence: { high: 0, medium: 0, low: 2 } });
    // Low confidence never fails by default, whatever the severity.
    expect(result.code).toBe(0);
  });

  it('says in text how many findings scope withheld; --show-dev lists them at low confidence', async () => {
    const root = project({ 'tests/test_back.py': TEST });
    const text = await run(['scan'], root);
    expect(text.stdout).toContain('1 finding in development or test code not reported (--show-dev lists them)');
    const shown = JSON.parse((await run(['scan', '--format', 'json', '--show-dev'], root)).stdout) as Json;
    expect(shown.findings.map((f) => [f.file, f.confidence, f.scope])).toEqual([['tests/test_back.py', 'low', 'testing']]);
    expect(shown.withheld).toEqual([]);
  });

  it('--min-confidence and fail_min_confidence decide what is shown and what fails', async () => {
    const root = project({ 'app.py': APP, '.flaskguard.yml': 'fail_on: low\nfail_min_confidence: low\n' });
    expect((await run(['scan', '--format', 'json'], root)).code).toBe(1);
    const hidden = await run(['scan', '--format', 'json', '--min-confidence', 'medium'], root);
    expect((JSON.parse(hidden.stdout) as Json).findings).toEqual([]);
    expect(hidden.code).toBe(0);
    expect((await run(['scan', '--min-confidence', 'sure'], root)).code).toBe(2);
  });

  it('marks audit results as SARIF notes with their precision', async () => {
    const root = project({ 'app.py': APP });
    const sarif = JSON.parse((await run(['scan', '--format', 'sarif'], root)).stdout) as { runs: { results: { level: string; properties: { precision: string } }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => [r.level, r.properties.precision])).toEqual([['note', 'low']]);
  });
});
