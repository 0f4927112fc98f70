import type { Rule } from '../src/core/rule.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { argument, literalTruthiness, stringValue } from '../src/core/python/syntax.js';
import { THREATS } from '../src/core/threats.js';

/** Addresses that expose the server (and so the debugger) to the network. */
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]', '']);
/** A server bound to loopback only is a developer's: nobody else can reach it. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export const flaskRunDebug: Rule = {
  meta: {
    id: 'flask-run-debug',
    code: 'FG101',
    category: 'debug-mode',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: `run(debug=True)` in application code; withheld in development scripts (named for development, or serving only 127.0.0.1) and tests.',
    title: 'Flask development server started with the debugger on',
    threats: [THREATS.informationDisclosureDebug, THREATS.remoteCodeExecution, THREATS.debuggerDos],
    why:
      '`app.run(debug=True)` starts the Werkzeug debugger: any exception shows a stack trace with local variables, ' +
      'configuration and source code, and the interactive console runs Python on the server (guarded only by a PIN ' +
      'that is derived from guessable machine data). Bound to 0.0.0.0 the debugger is reachable from the network.',
    example: 'app.run(host="0.0.0.0", debug=True)',
    useInstead:
      'app.run(debug=False)  # and serve production traffic with gunicorn or waitress; turn debug on only with `flask run --debug` on a developer machine',
    references: [
      'https://flask.palletsprojects.com/en/stable/debugging/',
      'https://werkzeug.palletsprojects.com/en/stable/debug/#debugger-pin',
      'https://flask.palletsprojects.com/en/stable/deploying/',
    ],
    cwe: [489, 215],
  },
  python(ctx) {
    const { module } = ctx;
    for (const match of module.search(/\b(debug|use_debugger)\s*=/g)) {
      const name = module.codeAt(match.index, (match[1] as string).length);
      const keyword = name?.parent;
      if (keyword?.type !== 'keyword_argument') continue;
      const call = keyword.parent?.parent;
      if (call?.type !== 'call' || !isServerRun(ctx.module, call)) continue;
      if (literalTruthiness(keyword.childForFieldName('value')) !== true) continue;
      const host = stringValue(argument(call, 'host', 0));
      const exposed = host !== undefined && ALL_INTERFACES.has(host);
      ctx.report({
        node: keyword,
        environment: host !== undefined && LOOPBACK.has(host) ? 'development' : module.environmentOf(call),
        severity: exposed ? 'critical' : 'high',
        message: exposed
          ? `The Werkzeug debugger is enabled and the server listens on ${host || 'all interfaces'}: anyone who can reach it sees tracebacks and can try the debugger console.`
          : 'The Werkzeug debugger is enabled: a production server started this way shows tracebacks and an interactive console.',
        fix: `${name?.text}=False`,
      });
    }
  },
};

/** `app.run(...)` on a Flask app, or Flask-SocketIO's `socketio.run(app, ...)`. */
function isServerRun(module: PythonModule, call: SyntaxNode): boolean {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'run') return false;
  const receiver = callee.childForFieldName('object');
  return module.flask.isApp(receiver) || module.resolve(receiver) === 'flask_socketio.SocketIO()';
}
