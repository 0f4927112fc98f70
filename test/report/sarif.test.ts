import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RULES } from '../../rules/index.js';
import { CATEGORIES } from '../../src/core/types.js';
import { project, readJson, run } from '../cli/helpers.js';

const require = createRequire(import.meta.url);
// Both are CommonJS modules whose export is the function itself.
interface Validator {
  validate(schema: object, data: unknown): boolean;
  errors?: unknown[] | null;
}
const Ajv = require('ajv-draft-04') as new (options: object) => Validator;
const addFormats = require('ajv-formats') as (ajv: Validator) => void;
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;

interface Sarif {
  runs: {
    tool: { driver: { rules: { id: string; properties: { category: string; 'security-severity': string; tags: string[] } }[] } };
    results: {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
      partialFingerprints: Record<string, string>;
      suppressions?: unknown[];
      fixes?: unknown[];
    }[];
  }[];
}

describe('SARIF output', () => {
  it('is valid SARIF 2.1.0 with a category on every rule and repo-relative locations', async () => {
    const root = project({
      'shop/app.py': [
        'from flask import Flask',
        'app = Flask(__name__)',
        'app.secret_key = "dev"',
        '# flaskguard: ignore',
        'app.debug = True',
        'app.run(host="0.0.0.0", debug=True)',
        '',
      ].join('\n'),
      'Dockerfile': 'FROM python:3.12\nENV FLASK_DEBUG=1\n',
    });
    const output = join(root, 'out.sarif');
    const { code } = await run(['scan', root, '--format', 'sarif', '--output', output], root);
    expect(code).toBe(1);
    const sarif = readJson(output) as Sarif;
    // The official schema's patterns are not valid with the `u` flag, so compile them without it.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const valid = ajv.validate(schema, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator is not vacuous: a result with a level SARIF does not know is rejected.
    const broken = JSON.parse(JSON.stringify(sarif)) as Sarif;
    (broken.runs[0]?.results[0] as { level: string }).level = 'critical';
    expect(ajv.validate(schema, broken)).toBe(false);

    const run0 = sarif.runs[0] as Sarif['runs'][number];
    expect(run0.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const rule of run0.tool.driver.rules) {
      expect(CATEGORIES).toContain(rule.properties.category);
      expect(rule.properties.tags).toContain(rule.properties.category);
      expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(0);
    }
    const results = run0.results.map((r) => [
      r.ruleId,
      r.level,
      r.locations[0]?.physicalLocation.artifactLocation.uri,
      r.locations[0]?.physicalLocation.region.startLine,
      r.suppressions ? 'suppressed' : 'open',
      r.fixes ? 'fix' : 'no fix',
    ]);
    expect(results).toEqual([
      ['debug-in-deployment', 'error', 'Dockerfile', 2, 'open', 'fix'],
      ['hardcoded-secret-key', 'error', 'shop/app.py', 3, 'open', 'no fix'],
      ['flask-run-debug', 'error', 'shop/app.py', 6, 'open', 'fix'],
      ['debug-config-enabled', 'error', 'shop/app.py', 5, 'suppressed', 'fix'],
    ]);
    expect(run0.results.every((r) => /^[0-9a-f]{16}$/.test(r.partialFingerprints['flaskguard/v1'] ?? ''))).toBe(true);
  });
});
