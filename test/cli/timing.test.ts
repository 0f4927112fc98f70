import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { PHASES, type TimingReport } from '../../src/core/timing.js';
import { project, readJson, run } from './helpers.js';

const FILES = {
  'app.py': 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n',
  'requirements.txt': 'flask==3.1.1\n',
  'Dockerfile': 'FROM python:3.12\nENV FLASK_DEBUG=1\n',
};

describe('FLASKGUARD_TIMING', () => {
  afterEach(() => {
    delete process.env.FLASKGUARD_TIMING;
  });

  it('json: prints the phases and every rule run to stderr, and leaves the report as it is', async () => {
    const root = project(FILES);
    const output = join(root, 'report.json');
    process.env.FLASKGUARD_TIMING = 'json';
    const { code, stderr } = await run(['scan', root, '--format', 'json', '--output', output], root);
    delete process.env.FLASKGUARD_TIMING;
    const plain = await run(['scan', root, '--format', 'json', '--output', join(root, 'plain.json')], root);
    expect(code).toBe(plain.code);
    expect(plain.stderr).toBe('');
    expect(readJson(output)).toEqual(readJson(join(root, 'plain.json')));
    const timing = JSON.parse(stderr) as TimingReport;
    expect(timing.phases.map((p) => p.name)).toEqual([...PHASES]);
    expect(timing.rules.map((r) => r.name)).toEqual(expect.arrayContaining(['flask-run-debug', 'debug-in-deployment']));
  });

  it('1: a table of the phases with the ten slowest rules', async () => {
    const root = project(FILES);
    process.env.FLASKGUARD_TIMING = '1';
    const { stderr } = await run(['scan', root, '--output', join(root, 'report.txt')], root);
    const lines = stderr.trimEnd().split('\n');
    const top = lines.filter((l) => !l.startsWith(' ')).map((l) => l.split(/\s{2,}/)[0]);
    expect(top).toEqual(['phase', 'start-up', ...PHASES, 'total (the process so far)']);
    const rules = lines.filter((l) => /^ {2}[a-z]/.test(l));
    expect(rules).toHaveLength(10);
    expect(lines[lines.indexOf(rules[9] as string) + 1]).toMatch(/^ {2}… \d+ more rules \(FLASKGUARD_TIMING=all lists them\)$/);
  });
});
