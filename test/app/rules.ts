/** Small rules of the tests' own (the registry is written elsewhere): they find text patterns. */
import type { PythonContext, Rule } from '../../src/core/rule.js';
import { THREATS } from '../../src/core/threats.js';

function each(ctx: PythonContext, pattern: RegExp, report: (start: number, end: number) => void): void {
  for (const match of ctx.text.matchAll(pattern)) report(match.index, match.index + match[0].length);
}

/** `debug=True` anywhere: high, with the safe fix `debug=False`. */
export const debugTrue: Rule = {
  meta: {
    id: 'test-debug-true',
    code: 'FG901',
    category: 'debug-mode',
    severity: 'high',
    confidence: 'high',
    confidenceNote: 'High: a literal flag.',
    title: 'Debug mode switched on',
    threats: [THREATS.remoteCodeExecution, THREATS.informationDisclosureDebug],
    why: 'The Werkzeug debugger lets anyone who reaches it run code.',
    example: 'app.run(debug=True)',
    useInstead: 'app.run(debug=False)',
    references: [],
    cwe: [489],
  },
  python(ctx) {
    each(ctx, /debug=True/g, (start, end) => ctx.report({ offsets: { start, end }, message: 'debug=True turns the debugger on', fix: 'debug=False' }));
  },
};

/** A literal SECRET_KEY assignment: medium, no automatic fix. */
export const literalSecret: Rule = {
  meta: {
    id: 'test-literal-secret',
    code: 'FG902',
    category: 'secret-key',
    severity: 'medium',
    confidence: 'high',
    confidenceNote: 'High: a literal key.',
    title: 'Secret key written in the code',
    threats: [THREATS.sessionHijackingKey],
    why: 'Anyone who reads the code can sign sessions.',
    example: 'SECRET_KEY = "dev"',
    useInstead: 'SECRET_KEY = os.environ["SECRET_KEY"]',
    references: [],
    cwe: [798],
  },
  python(ctx) {
    each(ctx, /SECRET_KEY = "[^"]*"/g, (start, end) => ctx.report({ offsets: { start, end }, message: 'the secret key is in the source' }));
  },
};

export const TEST_RULES: readonly Rule[] = [debugTrue, literalSecret];
