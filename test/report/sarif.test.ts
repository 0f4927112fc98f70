import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../rules/index.js';
import { CATEGORIES } from '../../src/core/types.js';
import { HOMEPAGE, PACKAGE_ROOT } from '../../src/version.js';
import { git, project, readJson, run } from '../cli/helpers.js';

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
    tool: {
      driver: {
        rules: {
          id: string;
          helpUri?: string;
          defaultConfiguration: { level: string };
          properties: { category: string; 'security-severity': string; tags: string[] };
        }[];
      };
    };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
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

  it('resolves every location to the real file and line: the base is the project root URI, with its trailing slash', async () => {
    const root = project({
      'my shop/app.py': 'from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "dev"\napp.run(debug=True)\n',
      'my shop/templates/page.html': '<p>{{ body|safe }}</p>\n',
    });
    git(root, 'init', '-q');
    const output = join(root, 'out.sarif');
    await run(['scan', join(root, 'my shop', 'app.py'), join(root, 'my shop', 'templates'), '--format', 'sarif', '--output', output], root);
    const run0 = (readJson(output) as Sarif).runs[0] as Sarif['runs'][number];
    const base = run0.originalUriBaseIds?.['%SRCROOT%']?.uri as string;
    expect(base).toMatch(/^file:\/\/\/.+\/$/);
    expect(run0.results.length).toBe(3);
    for (const result of run0.results) {
      const { artifactLocation, region } = result.locations[0]?.physicalLocation ?? { artifactLocation: { uri: '' }, region: {} };
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      const path = fileURLToPath(new URL(artifactLocation.uri, run0.originalUriBaseIds?.[artifactLocation.uriBaseId as string]?.uri));
      expect(existsSync(path)).toBe(true);
      expect(readFileSync(path, 'utf8').split('\n').length).toBeGreaterThan(region.startLine as number);
    }
    expect(run0.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri).sort()).toEqual([
      'my%20shop/app.py',
      'my%20shop/app.py',
      'my%20shop/templates/page.html',
    ]);
  });

  it('gives every rule a help page, CWE tags and the security-severity of its (configured) severity', async () => {
    const root = project({ 'app.py': 'print(1)\n', '.flaskguard.yml': 'rules: { flask-run-debug: medium }\n' });
    const output = join(root, 'out.sarif');
    await run(['scan', root, '--format', 'sarif', '--output', output], root);
    const rules = ((readJson(output) as Sarif).runs[0] as Sarif['runs'][number]).tool.driver.rules;
    const expected: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
    expect(rules).toHaveLength(RULES.length);
    for (const rule of rules) {
      expect(rule.helpUri).toBe(`${HOMEPAGE}/blob/main/docs/rules/${rule.id}.md`);
      expect(existsSync(join(PACKAGE_ROOT, 'docs', 'rules', `${rule.id}.md`))).toBe(true);
      expect(rule.properties.tags.filter((t) => /^external\/cwe\/cwe-\d{3,}$/.test(t)).length).toBeGreaterThan(0);
      const severity = rule.id === 'flask-run-debug' ? 'medium' : RULES.find((r) => r.meta.id === rule.id)?.meta.severity;
      expect(rule.properties['security-severity']).toBe(expected[severity as string]);
    }
    const debug = rules.find((r) => r.id === 'flask-run-debug');
    expect(debug?.defaultConfiguration.level).toBe('warning');
    expect(debug?.properties.tags).toEqual(expect.arrayContaining(['external/cwe/cwe-489']));
  });

  it("keeps each result's partial fingerprint when lines above it move", async () => {
    const code = 'from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "dev"\napp.run(debug=True)\n';
    const root = project({ 'app.py': code });
    const output = join(root, 'out.sarif');
    const scan = async () => {
      await run(['scan', root, '--format', 'sarif', '--output', output], root);
      return ((readJson(output) as Sarif).runs[0] as Sarif['runs'][number]).results.map((r) => ({
        rule: r.ruleId,
        line: r.locations[0]?.physicalLocation.region.startLine,
        fingerprint: r.partialFingerprints['flaskguard/v1'],
      }));
    };
    const before = await scan();
    expect(before).toHaveLength(2);
    writeFileSync(join(root, 'app.py'), `"""A shop."""\nimport os\n\n${code}`);
    const after = await scan();
    expect(after.map((r) => r.line)).toEqual(before.map((r) => (r.line as number) + 3));
    expect(after.map((r) => [r.rule, r.fingerprint])).toEqual(before.map((r) => [r.rule, r.fingerprint]));
  });
});
