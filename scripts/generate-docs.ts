/** `npm run docs`: rewrites docs/rules/*.md and README's rule table from the rules' metadata. */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../rules/index.js';
import { PACKAGE_ROOT } from '../src/version.js';
import { rulePage, withRuleTable } from '../src/report/rule-docs.js';

const docs = join(PACKAGE_ROOT, 'docs', 'rules');
mkdirSync(docs, { recursive: true });
const current = new Set(RULES.map((r) => `${r.meta.id}.md`));
for (const name of readdirSync(docs)) if (!current.has(name)) rmSync(join(docs, name));
for (const rule of RULES) writeFileSync(join(docs, `${rule.meta.id}.md`), rulePage(rule));
const readme = join(PACKAGE_ROOT, 'README.md');
writeFileSync(readme, withRuleTable(readFileSync(readme, 'utf8'), RULES));
console.log(`wrote ${RULES.length} rule pages and README's rule table`);
