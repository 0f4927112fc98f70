import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../rules/index.js';
import { rulePage, withRuleTable } from '../src/report/rule-docs.js';

const ROOT = join(import.meta.dirname, '..');

describe('generated rule docs (npm run docs)', () => {
  it('README has the current rule table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withRuleTable(readme, RULES));
  });

  it('docs/rules has exactly one current page per rule', () => {
    const dir = join(ROOT, 'docs', 'rules');
    expect(readdirSync(dir).sort()).toEqual(RULES.map((r) => `${r.meta.id}.md`).sort());
    for (const rule of RULES) expect({ rule: rule.meta.id, page: readFileSync(join(dir, `${rule.meta.id}.md`), 'utf8') }).toEqual({ rule: rule.meta.id, page: rulePage(rule) });
  });
});

describe('rule metadata', () => {
  it('ids are kebab-case file names, codes unique, every field filled', () => {
    const files = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.sort()).toEqual(RULES.map((r) => `${r.meta.id}.ts`).sort());
    expect(new Set(RULES.map((r) => r.meta.code)).size).toBe(RULES.length);
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(meta.code).toMatch(/^FG\d{3}$/);
      expect(meta.threats.length).toBeGreaterThan(0);
      expect(meta.references.length).toBeGreaterThan(0);
      expect(meta.cwe.length).toBeGreaterThan(0);
      for (const text of [meta.title, meta.why, meta.example, meta.useInstead, meta.confidenceNote]) expect(text.trim().length).toBeGreaterThan(5);
    }
  });
});
