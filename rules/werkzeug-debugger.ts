import { callArguments, literalTruthiness } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const werkzeugDebugger: Rule = {
  meta: {
    id: 'werkzeug-debugger',
    code: 'FG104',
    category: 'debug-mode',
    severity: 'critical',
    confidence: 'high',
    confidenceNote:
      'High: DebuggedApplication with the console on, in code production runs; withheld in development scripts and tests.',
    title: 'Werkzeug debugger with its interactive console wrapped around the app',
    threats: [THREATS.remoteCodeExecution, THREATS.informationDisclosureDebug, THREATS.debuggerDos],
    why:
      '`DebuggedApplication(app, evalex=True)` and `run_simple(..., use_debugger=True)` put the Werkzeug debugger in ' +
      'front of the application with its in-browser Python console: whoever can trigger an error and pass (or ' +
      'bypass) the PIN runs code on the server. This is debug mode without the `debug` flag, so configuration ' +
      'checks miss it.',
    example: 'from werkzeug.debug import DebuggedApplication\napplication = DebuggedApplication(app, evalex=True)',
    useInstead: 'application = app  # serve the plain WSGI app; use the debugger only on a developer machine',
    references: ['https://werkzeug.palletsprojects.com/en/stable/debug/', 'https://werkzeug.palletsprojects.com/en/stable/serving/'],
    cwe: [489, 94],
  },
  python(ctx) {
    const { module } = ctx;
    for (const match of module.search(/\b(evalex|use_debugger)\s*=/g)) {
      const keyword = module.codeAt(match.index, (match[1] as string).length)?.parent;
      const call = keyword?.parent?.parent;
      if (keyword?.type !== 'keyword_argument' || call?.type !== 'call') continue;
      if (literalTruthiness(keyword.childForFieldName('value')) !== true) continue;
      const callee = module.callee(call);
      const environment = module.environmentOf(call);
      if (callee === 'werkzeug.debug.DebuggedApplication' && match[1] === 'evalex') {
        ctx.report({ node: keyword, environment, message: 'DebuggedApplication(evalex=True) serves an interactive Python console to anyone who can trigger an error.', fix: 'evalex=False' });
      } else if (callee === 'werkzeug.serving.run_simple' && match[1] === 'use_debugger') {
        const evalex = callArguments(call).keywords.get('use_evalex')?.value ?? null;
        const console = evalex === null || literalTruthiness(evalex) !== false;
        ctx.report({
          node: keyword,
          environment,
          severity: console ? 'critical' : 'high',
          message: console
            ? 'run_simple(use_debugger=True) serves the Werkzeug debugger with its interactive console (use_evalex defaults to True).'
            : 'run_simple(use_debugger=True) serves Werkzeug debugger tracebacks with local variables and source code.',
          fix: 'use_debugger=False',
        });
      }
    }
  },
};
