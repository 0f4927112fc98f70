/**
 * The time budget of one file: a file whose analysis runs over it is skipped with a note — what
 * its rules found before is dropped — and every other file is analyzed as usual. The clock is a
 * fake one that a test rule moves on, so nothing here depends on how fast the machine is.
 */
import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../rules/index.js';
import { analyze, analyzeReleasingTrees, type AnalyzeOptions } from '../../src/core/analyze.js';
import { parsePython, ParseStopped } from '../../src/core/python/parser.js';
import type { Rule } from '../../src/core/rule.js';

const DEBUG = 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n';
const files = [
  { path: 'a.py', content: DEBUG },
  { path: 'slow.py', content: DEBUG },
  { path: 'templates/slow.html', content: '{{ a|safe }}{{ b|safe }}' },
  { path: 'z.py', content: DEBUG },
];

/** A fake clock, and a rule (run first) that makes 30 s pass whenever it looks at a file named slow.*. */
function slowClock(): Pick<AnalyzeOptions, 'clock' | 'rules'> {
  let now = 0;
  const stall: Rule = {
    meta: { ...(RULES[0] as Rule).meta, id: 'stall' },
    python: (ctx) => {
      if (ctx.path.startsWith('slow')) now += 30_000;
    },
    template: (ctx) => {
      ctx.report({ offsets: { start: 0, end: 1 }, message: 'first' });
      now += 30_000;
      ctx.report({ offsets: { start: 1, end: 2 }, message: 'second' });
    },
  };
  return { clock: () => now, rules: [stall, ...RULES] };
}

describe('the time budget of one file', () => {
  it.each([
    ['analyze', (options: AnalyzeOptions) => Promise.resolve(analyze(files, options))],
    ['analyzeReleasingTrees', (options: AnalyzeOptions) => analyzeReleasingTrees(files, options)],
  ])('%s: a file over it is skipped with a note and its findings dropped; the others are analyzed', async (_, run) => {
    const result = await run({ ...slowClock(), fileBudgetMs: 10_000 });
    expect(result.findings.map((f) => [f.file, f.ruleId])).toEqual([
      ['a.py', 'flask-run-debug'],
      ['z.py', 'flask-run-debug'],
    ]);
    expect(result.skipped).toEqual([
      { path: 'slow.py', note: 'analysis took longer than 10 s (the time budget of one file); skipped' },
      { path: 'templates/slow.html', note: 'analysis took longer than 10 s (the time budget of one file); skipped' },
    ]);
    expect([result.filesAnalyzed, result.analyzed]).toEqual([2, ['a.py', 'z.py']]);
  });

  it('is generous enough for a file that stays under it', () => {
    const result = analyze(files, { ...slowClock(), fileBudgetMs: 40_000 });
    expect(result.skipped).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'stall').map((f) => f.message)).toEqual(['first', 'second']);
  });
});

describe('the parse budget of one Python module', () => {
  // A clock that moves 1 ms each time it is read: the parser asks every few hundred bytes.
  const ticking = () => {
    let now = 0;
    return () => now++;
  };
  const big = `${DEBUG}${'def f(x):\n    return [x for x in range(10)]\n'.repeat(200)}`;

  it('gives up a parse over it: the module is noted as not parsed, the other files are analyzed', () => {
    const result = analyze([{ path: 'big.py', content: big }, { path: 'small.py', content: DEBUG }], { rules: RULES, parseBudgetMs: 5, clock: ticking() });
    expect(result.findings.map((f) => [f.file, f.ruleId])).toEqual([['small.py', 'flask-run-debug']]);
    expect(result.notes).toEqual([{ path: 'big.py', note: 'could not be parsed (parsing took longer than 0.005 s): only the rules that need no syntax tree looked at it' }]);
  });

  it('leaves the parser ready for the next text', () => {
    expect(() => parsePython(big, () => true)).toThrow(ParseStopped);
    expect(parsePython('y = 2\n').rootNode.toString()).toBe('(module (expression_statement (assignment left: (identifier) right: (integer))))');
  });
});
