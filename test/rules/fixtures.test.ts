/**
 * Every rule over every fixture. Fixtures are annotated inline:
 *   # expect: <rule-id>[@severity][/confidence][, <rule-id>…]   the next code line must be flagged by exactly these rules
 *   # ok: <rule-id> — <why this is fine>            the next code line is a near miss that must stay silent
 *   # withheld: <rule-id>[, <rule-id>…]             the next code line is a finding in development or test code:
 *                                                   not reported, but counted (AnalysisResult.withheld)
 * (`{# expect: … #}` in Jinja templates). Each directory under test/fixtures/rules is one project,
 * analyzed with paths relative to it, so that file names like config/production.py mean what they say.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from '../../rules/index.js';
import { analyze } from '../../src/core/analyze.js';
import type { SourceFile } from '../../src/core/files.js';

const ROOT = join(import.meta.dirname, '../fixtures/rules');
const ANNOTATION = /(?:#|\{#)\s*(expect|ok|withheld):\s*([^#}]*?)\s*(?:#\}|$)/;

interface Expectation {
  file: string;
  line: number;
  ruleId: string;
  severity?: string;
  confidence?: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The annotation's target: the next line that is neither blank nor an annotation/comment line. */
function targetLine(lines: string[], index: number): number {
  for (let i = index + 1; i < lines.length; i++) {
    const text = (lines[i] as string).trim();
    if (text && !/^(#|\{#)/.test(text)) return i + 1;
  }
  throw new Error(`annotation on line ${index + 1} has no code line after it`);
}

function parseAnnotations(file: string, text: string) {
  const expected: Expectation[] = [];
  const ok: Expectation[] = [];
  const withheld: Expectation[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const match = ANNOTATION.exec(raw);
    if (!match) return;
    const line = targetLine(lines, index);
    if (match[1] === 'expect') {
      for (const item of (match[2] as string).split(',')) {
        const [, ruleId, severity, confidence] = /^([\w-]+)(?:@(\w+))?(?:\/(\w+))?$/.exec(item.trim()) ?? [];
        if (!ruleId) problems.push(`${file}:${index + 1}: cannot read "${item.trim()}" (rule-id[@severity][/confidence])`);
        else expected.push({ file, line, ruleId, ...(severity ? { severity } : {}), ...(confidence ? { confidence } : {}) });
      }
    } else if (match[1] === 'withheld') {
      for (const item of (match[2] as string).split(/\s*(?:—|--)\s*/)[0]?.split(',') ?? []) withheld.push({ file, line, ruleId: item.trim() });
    } else {
      const [, ids, reason] = /^([\w-]+(?:\s*,\s*[\w-]+)*)\s*(?:—|--|:)\s*(.*)$/.exec(match[2] as string) ?? [];
      if (!ids || !reason || reason.length < 8) problems.push(`${file}:${index + 1}: an ok annotation needs a reason after a dash`);
      for (const ruleId of ids?.split(',') ?? []) ok.push({ file, line, ruleId: ruleId.trim() });
    }
  });
  return { expected, ok, withheld, problems };
}

const projects = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory());

describe('rule fixtures', () => {
  it('has a fixture project for every rule, with expect and ok cases', () => {
    for (const rule of RULES.filter((r) => r.python || r.template || r.deploy)) {
      const texts = projects.flatMap((p) => walk(join(ROOT, p))).map((f) => readFileSync(f, 'utf8'));
      expect({ rule: rule.meta.id, expects: texts.some((t) => t.includes(`expect: ${rule.meta.id}`)) }).toEqual({ rule: rule.meta.id, expects: true });
      expect({ rule: rule.meta.id, oks: texts.some((t) => t.includes(`ok: ${rule.meta.id}`)) }).toEqual({ rule: rule.meta.id, oks: true });
    }
  });

  it.each(projects)('%s: findings match the annotations exactly', (project) => {
    const dir = join(ROOT, project);
    const files: SourceFile[] = walk(dir).map((path) => ({ path: relative(dir, path), content: readFileSync(path) }));
    const expected: Expectation[] = [];
    const ok: Expectation[] = [];
    const withheld: Expectation[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const parsed = parseAnnotations(file.path, file.content.toString());
      expected.push(...parsed.expected);
      ok.push(...parsed.ok);
      withheld.push(...parsed.withheld);
      problems.push(...parsed.problems);
    }
    expect(problems).toEqual([]);
    const result = analyze(files, { rules: RULES });
    expect(result.notes.filter((n) => n.note.includes('failed'))).toEqual([]);
    const key = (e: Expectation) => `${e.file}:${e.line} ${e.ruleId}`;
    const actual = result.findings.map((f) => ({ file: f.file, line: f.startLine, ruleId: f.ruleId, severity: f.severity, confidence: f.confidence }));
    expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
    expect(result.withheld.map((f) => key({ file: f.file, line: f.startLine, ruleId: f.ruleId })).sort()).toEqual(withheld.map(key).sort());
    for (const e of expected.filter((x) => x.severity)) {
      expect({ at: key(e), severity: actual.find((a) => key(a) === key(e))?.severity }).toEqual({ at: key(e), severity: e.severity });
    }
    for (const e of expected.filter((x) => x.confidence)) {
      expect({ at: key(e), confidence: actual.find((a) => key(a) === key(e))?.confidence }).toEqual({ at: key(e), confidence: e.confidence });
    }
    for (const o of ok) expect({ silent: key(o), found: actual.some((a) => key(a) === key(o)) }).toEqual({ silent: key(o), found: false });
  });

  it('fixtures are valid Python', () => {
    let python = true;
    try {
      execFileSync('python3', ['--version'], { stdio: 'ignore' });
    } catch {
      python = false;
    }
    if (!python) return;
    const sources = projects.flatMap((p) => walk(join(ROOT, p))).filter((f) => f.endsWith('.py') && !f.includes('syntax-error'));
    const script = 'import ast,sys\nfor p in sys.argv[1:]:\n    ast.parse(open(p,"rb").read(), p)';
    expect(() => execFileSync('python3', ['-c', script, ...sources], { stdio: 'pipe' })).not.toThrow();
  });
});
