/**
 * Every dependency fixture project, audited with the bundled snapshot. Files are annotated inline
 * like the rule fixtures: `# expect: <rule-id>[@severity]` before a line that must be flagged (by
 * exactly these rules; `@severity` and `/confidence` are checked when given), `# ok: <rule-id> — <why>`
 * before a near miss that must stay silent.
 * Each directory under test/fixtures/deps/projects is one repository.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { auditDependencies } from '../../src/deps/audit.js';
import { SnapshotAdvisorySource } from '../../src/deps/snapshot.js';

const ROOT = join(import.meta.dirname, '../fixtures/deps/projects');
const ANNOTATION = /#\s*(expect|ok):\s*(.*)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** `file:line rule[@severity]` for each expectation, and the ok lines, of one file. */
function annotations(file: string, text: string) {
  const expected: string[] = [];
  const ok: { line: number; ruleId: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const match = ANNOTATION.exec(raw);
    if (!match) return;
    let line = index + 2;
    while (line <= lines.length && (!(lines[line - 1] as string).trim() || /^\s*#/.test(lines[line - 1] as string))) line++;
    if (match[1] === 'expect') {
      for (const item of (match[2] as string).split(',')) expected.push(`${file}:${line} ${item.trim()}`);
    } else {
      const [, ids, reason] = /^([\w-]+(?:\s*,\s*[\w-]+)*)\s*—\s*(.{8,})$/.exec(match[2] as string) ?? [];
      if (!ids || !reason) throw new Error(`${file}:${index + 1}: an ok annotation needs rule ids, a dash and a reason`);
      for (const ruleId of ids.split(',')) ok.push({ line, ruleId: ruleId.trim() });
    }
  });
  return { expected, ok };
}

const projects = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory());

describe.each(projects)('fixture project %s', (project) => {
  it('reports exactly the annotated lines', async () => {
    const dir = join(ROOT, project);
    const files = walk(dir).map((path) => ({ path: relative(dir, path), content: readFileSync(path, 'utf8') }));
    const audit = await auditDependencies(files, { source: SnapshotAdvisorySource.bundled() });
    // JSON (Pipfile.lock) has no comments to annotate: audit.test.ts checks it.
    const annotated = new Set(files.filter((f) => !f.path.endsWith('Pipfile.lock')).map((f) => f.path));
    const expected: string[] = [];
    const ok: string[] = [];
    for (const f of files) {
      const found = annotations(f.path, f.content as string);
      expected.push(...found.expected);
      ok.push(...found.ok.map((o) => `${f.path}:${o.line} ${o.ruleId}`));
    }
    // `rule@severity`, `rule/confidence` and `rule@severity/confidence` compare those too.
    const qualified = new Set(expected);
    const actual = audit.findings
      .filter((f) => annotated.has(f.file))
      .map((f) => {
        const plain = `${f.file}:${f.startLine} ${f.ruleId}`;
        const forms = [`${plain}@${f.severity}/${f.confidence}`, `${plain}@${f.severity}`, `${plain}/${f.confidence}`];
        return forms.find((form) => qualified.has(form)) ?? plain;
      });
    expect(actual.sort()).toEqual(expected.sort());

    for (const line of ok) expect(actual).not.toContain(line);
  });
});
