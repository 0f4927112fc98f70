import { findCalls } from '../src/core/python/calls.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { destinationOf } from '../src/core/python/rendered-output.js';
import { argument, literalValue } from '../src/core/python/syntax.js';
import { constructedBy, environmentEscapes, flaskEscapes, templateNames, type Autoescape } from '../src/core/python/template-autoescape.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { safeHtml } from '../src/core/template-values.js';
import { THREATS } from '../src/core/threats.js';

const FLASK_RENDERERS = ['flask.render_template', 'flask.stream_template'];
/** Methods of a Jinja template that render it. */
const RENDER_METHOD = /\.\s*(render|render_async|stream|generate|generate_async)\s*\(/g;
const ENVIRONMENT = /^(?:jinja2\.(?:Sandboxed)?Environment\(\)|flask\.Flask\(\)\.jinja_env)\.(from_string|get_template|select_template|get_or_select_template)\(\)$/;

export const unescapedTemplateRender: Rule = {
  meta: {
    id: 'unescaped-template-render',
    code: 'FG412',
    category: 'template-rendering',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: request data is rendered by a template that is not autoescaped and the text is the response of a view; medium when the rendered text goes somewhere the code does not show; low (severity medium) when a view returns it with values of unknown origin; silent when the text goes to an e-mail, a file or a response declared text/plain or JSON, and for constants and escaped values.',
    title: 'Template rendered without autoescaping',
    threats: [THREATS.xss],
    why:
      'Flask autoescapes only templates whose names end in .html, .htm, .xml, .xhtml or .svg. ' +
      '`render_template("page.txt" | "page.j2" | "page.jinja2" | "page.tpl", name=…)` inserts every ' +
      '`{{ name }}` as it is, and so do a `jinja2.Template(source)` and an `Environment()` built without ' +
      '`autoescape`: when the page is the response of a view (text/html by default), request data in it is ' +
      'reflected XSS. Plain-text templates rendered for an e-mail, a file or a text/plain response are fine.',
    example: '@app.route("/hello")\ndef hello():\n    return Template("<p>Hello {{ name }}</p>").render(name=request.args["name"])',
    useInstead:
      '@app.route("/hello")\ndef hello():\n    return render_template_string("<p>Hello {{ name }}</p>", name=request.args["name"])\n' +
      '# or: render_template("hello.html", …); Template(source, autoescape=True); Environment(autoescape=select_autoescape())',
    references: [
      'https://flask.palletsprojects.com/en/stable/templating/#jinja-setup',
      'https://jinja.palletsprojects.com/en/stable/api/#autoescaping',
    ],
    cwe: [79, 116],
  },
  python(ctx) {
    const { module } = ctx;
    if (!/render_template|stream_template|Template|jinja_env|Environment/.test(module.text)) return;
    for (const call of findCalls(module, FLASK_RENDERERS)) {
      const names = templateNames(module, argument(call, 'template_name_or_list', 0));
      const raw = names?.filter((n) => flaskEscapes(module, n) === 'off') ?? [];
      if (raw.length === 0) continue;
      const values = callValues(call).filter((v) => v.id !== argument(call, 'template_name_or_list', 0)?.id);
      check(ctx, call, values, `the template ${raw.map((n) => `"${n}"`).join(', ')}, which Flask does not autoescape (only .html, .htm, .xml, .xhtml and .svg names are)`);
    }
    for (const match of module.search(RENDER_METHOD)) {
      const method = match[1] as string;
      const callee = module.codeAt(match.index + match[0].indexOf(method), method.length)?.parent;
      const call = callee?.parent;
      const template = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
      if (call?.type !== 'call' || !template) continue;
      const what = unescapedTemplate(module, template);
      if (what) check(ctx, call, callValues(call), what);
    }
  },
};

/** The values a render call gives the template: keyword values, a context dict, `**context`. */
function callValues(call: SyntaxNode): SyntaxNode[] {
  const list = call.childForFieldName('arguments');
  return (list?.namedChildren ?? []).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a.type === 'dictionary_splat' ? a.namedChild(0) : a)).filter((v): v is SyntaxNode => v !== null);
}

/**
 * A description of the template an expression holds when it renders without escaping:
 * `Template(src)` (autoescape defaults to False), a template of an environment built without
 * autoescape, or a non-HTML template of Flask's environment. Undefined when it escapes or we cannot tell.
 */
function unescapedTemplate(module: PythonModule, template: SyntaxNode): string | undefined {
  const resolved = module.resolve(template) ?? '';
  const built = constructedBy(module, template);
  if (resolved === 'jinja2.Template()') {
    if (!built || !built.module.isCallTo(built.call, 'jinja2.Template')) return undefined;
    return environmentEscapes(built.module, built.call, null) === 'off' ? 'a jinja2.Template, which does not autoescape unless given autoescape=True' : undefined;
  }
  const lookup = ENVIRONMENT.exec(resolved)?.[1];
  if (!lookup || !built || built.call.childForFieldName('function')?.type !== 'attribute') return undefined;
  const name = lookup === 'from_string' ? null : (templateNames(built.module, argument(built.call, 'name', 0) ?? argument(built.call, 'names', 0)) ?? []);
  if (Array.isArray(name) && name.length === 0) return undefined;
  const environment = built.call.childForFieldName('function')?.childForFieldName('object') ?? null;
  let escapes: Autoescape;
  if (resolved.startsWith('flask.')) escapes = name === null ? 'on' : name.every((n) => flaskEscapes(built.module, n) === 'off') ? 'off' : 'unknown';
  else {
    const env = environment ? constructedBy(built.module, environment) : undefined;
    if (!env || !/Environment$/.test(env.module.callee(env.call) ?? '')) return undefined;
    escapes = name === null ? environmentEscapes(env.module, env.call, null) : name.every((n) => environmentEscapes(env.module, env.call, n) === 'off') ? 'off' : 'unknown';
  }
  if (escapes !== 'off') return undefined;
  return name === null ? 'a template compiled by a Jinja environment without autoescaping' : `the template ${name.map((n) => `"${n}"`).join(', ')}, which its Jinja environment does not autoescape`;
}

function check(ctx: PythonContext, call: SyntaxNode, values: readonly SyntaxNode[], what: string): void {
  const { module } = ctx;
  const destination = destinationOf(module, call);
  if (destination === 'non-html') return;
  for (const value of values) {
    const source = module.flow.requestData(value, 'html');
    if (!source) continue;
    ctx.report({
      node: call,
      confidence: destination === 'response' ? 'high' : 'medium',
      message:
        destination === 'response'
          ? `This view renders ${source.description} with ${what}: the value is inserted as raw HTML into a text/html response (XSS). Use an .html template, or escape the value.`
          : `This renders ${source.description} with ${what}: if the text reaches an HTML page, the value is inserted as raw HTML (XSS). Use an .html template, or escape the value.`,
    });
    return;
  }
  if (destination !== 'response') return;
  const unknown = values.find((v) => literalValue(v) === undefined && !safeHtml(module, v) && !isConfig(v));
  if (!unknown) return;
  ctx.report({
    node: call,
    severity: 'medium',
    confidence: 'low',
    message: `This view returns ${what}, and gives it ${describe(unknown)}, whose origin the code does not show: if any of it is user-written, it is inserted as raw HTML (stored XSS). Use an .html template, or escape the values.`,
  });
}

/** Values a developer set: the app's configuration. */
function isConfig(value: SyntaxNode): boolean {
  return /^(?:current_app\.|app\.)?config\b|^settings\./.test(value.text);
}

function describe(value: SyntaxNode): string {
  const text = value.text.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
