import { findCalls } from '../src/core/python/calls.js';
import { caughtExceptionIn, caughtExceptions, type CaughtException } from '../src/core/python/caught-exceptions.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { argument } from '../src/core/python/syntax.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

/** Environments whose templates can reach Python objects (the sandboxed one is meant for untrusted templates). */
const ENVIRONMENTS = new Set(['jinja2.Environment()', 'flask.Flask().jinja_env']);

export const templateStringInjection: Rule = {
  meta: {
    id: 'template-string-injection',
    code: 'FG401',
    category: 'template-rendering',
    severity: 'critical',
    confidence: 'high',
    confidenceNote:
      'High: request data becomes template source (also through helpers of other modules, request.url and request.path in error handlers); medium (severity high) when the source includes the text of a caught exception or an error handler\'s exception, which often quotes the input; silent when the value is only a render argument.',
    title: 'Template source built from request data (server-side template injection)',
    threats: [THREATS.templateInjection, THREATS.xss],
    why:
      'When request data becomes part of the template *source* — `render_template_string(f"<p>{q}</p>")`, ' +
      '`"..." + q`, `%`, `.format()` — Jinja compiles it: `{{ 7*7 }}` comes back as 49, and ' +
      '`{{ cycler.__init__.__globals__.os.popen("id").read() }}` runs commands on the server. Escaping the value ' +
      'first does not help (escape() leaves `{{` alone). Keep the template constant and pass the data as a ' +
      'context variable, which Jinja escapes; better, move the template to a file and use render_template().',
    example: '@app.route("/hello")\ndef hello():\n    return render_template_string(f"<h1>Hello {request.args[\'name\']}</h1>")',
    useInstead: '@app.route("/hello")\ndef hello():\n    return render_template_string("<h1>Hello {{ name }}</h1>", name=request.args["name"])',
    references: [
      'https://flask.palletsprojects.com/en/stable/api/#flask.render_template_string',
      'https://portswigger.net/web-security/server-side-template-injection',
    ],
    cwe: [1336, 94],
  },
  python(ctx) {
    const { module } = ctx;
    let caught: CaughtException[] | undefined;
    const exceptions = () => (caught ??= caughtExceptions(module));
    for (const call of findCalls(module, ['flask.render_template_string', 'jinja2.Template'])) check(ctx, argument(call, 'source', 0), exceptions);
    for (const match of module.search(/\.from_string\s*\(/g)) {
      const callee = module.codeAt(match.index + 1, 'from_string'.length)?.parent;
      const call = callee?.parent;
      if (callee?.type !== 'attribute' || call?.type !== 'call') continue;
      if (!ENVIRONMENTS.has(module.resolve(callee.childForFieldName('object')) ?? '')) continue;
      check(ctx, argument(call, 'source', 0), exceptions);
    }
  },
};

function check(ctx: PythonContext, source: SyntaxNode | null, caught: () => readonly CaughtException[]): void {
  if (!source) return;
  const origin = ctx.module.flow.requestData(source, 'template');
  if (origin) {
    ctx.report({
      node: source,
      message: `The template source is built from ${origin.description}: Jinja compiles it, so "{{ ... }}" in the input runs on the server. Keep the template constant and pass the value as a context variable.`,
    });
    return;
  }
  // An exception's message often quotes the input that caused it: int("{{7*7}}") fails with the input in its text.
  const exception = caughtExceptionIn(ctx.module, caught(), source);
  if (exception) {
    ctx.report({
      node: source,
      severity: 'high',
      confidence: 'medium',
      message: `The template source includes the text of ${exception.handles.join(', ') || 'a caught exception'} (${exception.name}): exception messages often quote the input that caused them, so Jinja may compile the client's "{{ ... }}". Pass the message as a context variable instead.`,
    });
  }
}
