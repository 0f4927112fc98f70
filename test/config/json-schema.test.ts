/**
 * schema/flaskguard.schema.json: up to date with the zod schema, and in agreement with it on every
 * configuration example the documentation shows (each starts with the yaml-language-server line
 * users paste) and on broken ones.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { RULE_IDS } from '../../rules/index.js';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { SCHEMA_FILE, configJsonSchema, schemaUrl, serializeJsonSchema } from '../../src/config/json-schema.js';
import { HOMEPAGE, PACKAGE_ROOT } from '../../src/version.js';

const require = createRequire(import.meta.url);
interface Validator {
  validate(schema: object, data: unknown): boolean;
  errors?: unknown[] | null;
}
// ajv's draft 2020-12 build, a CommonJS module whose default export is the class.
const Ajv2020 = (require('ajv/dist/2020') as { default: new (options: object) => Validator }).default;

const committed = readFileSync(join(PACKAGE_ROOT, SCHEMA_FILE), 'utf8');
const schema = JSON.parse(committed) as { $id: string };
const LANGUAGE_SERVER_LINE = `# yaml-language-server: $schema=${schemaUrl(HOMEPAGE as string)}`;

/** The yaml blocks of README.md and docs/ that are FlaskGuard configurations. */
function documentedExamples(): { where: string; text: string }[] {
  const files = ['README.md', ...readdirSync(join(PACKAGE_ROOT, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return files.flatMap((file) => {
    const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
    return [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)]
      .map((m) => m[1] as string)
      .filter((block) => block.startsWith('# yaml-language-server: $schema='))
      .map((block) => ({ where: file, text: block }));
  });
}

/** YAML read as load.ts reads it (the core schema: `on` stays a string). */
function yaml(text: string): unknown {
  return parseDocument(text, { schema: 'core' }).toJS() ?? {};
}

function parses(text: string): boolean {
  try {
    parseConfig(text, '.flaskguard.yml', RULE_IDS);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

describe('the JSON Schema of .flaskguard.yml', () => {
  it('is what `npm run schema` writes from the zod schema (run it after changing the config)', () => {
    expect(committed).toBe(serializeJsonSchema(configJsonSchema(RULE_IDS, HOMEPAGE as string)));
  });

  it('accepts every documented example, which the CLI accepts too, and each names this schema', () => {
    const examples = documentedExamples();
    expect(examples.map((e) => e.where).sort()).toEqual(expect.arrayContaining(['README.md', 'docs/app.md']));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    for (const example of examples) {
      expect(example.text.split('\n')[0]).toBe(LANGUAGE_SERVER_LINE);
      const valid = ajv.validate(schema, yaml(example.text));
      expect({ where: example.where, errors: ajv.errors ?? [] }).toEqual({ where: example.where, errors: [] });
      expect(valid).toBe(true);
      expect({ where: example.where, parses: parses(example.text) }).toEqual({ where: example.where, parses: true });
    }
    expect(schema.$id).toBe(schemaUrl(HOMEPAGE as string));
  });

  it.each([
    ['a misspelt key', 'review:\n  max_coments: 3\n'],
    ['an unknown rule id', 'rules:\n  flask-run-debugger: off\n'],
    ['a value outside the enum', 'fail_on: severe\n'],
    ['a number out of range', 'review: { max_comments: 101 }\n'],
    ['an empty glob', 'paths: { exclude: [""] }\n'],
  ])('rejects %s, as the CLI does', (_, text) => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    expect(ajv.validate(schema, yaml(text))).toBe(false);
    expect(parses(text)).toBe(false);
  });
});
