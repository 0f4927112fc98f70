import { findCalls } from '../src/core/python/calls.js';
import { escapeRegExp, type PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { callArguments, literalValue } from '../src/core/python/syntax.js';
import { flaskAutoescapeSettings, leavesHtmlOut } from '../src/core/python/template-autoescape.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

const ENVIRONMENT_CLASSES = ['jinja2.Environment', 'jinja2.SandboxedEnvironment'];
/** `app.jinja_env` and Jinja environments the module builds. */
const ENVIRONMENT_OBJECTS = new Set(['flask.Flask().jinja_env', 'jinja2.Environment()', 'jinja2.SandboxedEnvironment()']);

export const jinjaAutoescapeDisabled: Rule = {
  meta: {
    id: 'jinja-autoescape-disabled',
    code: 'FG403',
    category: 'template-rendering',
    severity: 'high',
    confidence: 'medium',
    confidenceNote:
      'Medium: the environment may render only trusted text (also for a `select_autoescape` that leaves html out, and `jinja_options` of the Flask app); silent when every template it looks up is a non-HTML file (`.conf`, `.cfg`, `.ini`, `.txt` …); withheld in development and test code.',
    title: 'Jinja environment without autoescaping',
    threats: [THREATS.xss],
    why:
      "Flask's own environment escapes every `{{ value }}` in .html templates. A `jinja2.Environment()` you build " +
      'yourself does not: `autoescape` defaults to False, so every variable is inserted into the page as raw ' +
      'HTML. `app.jinja_env.autoescape = False` (or `autoescape: False` in `jinja_options`) switches Flask\'s protection off ' +
      'for the whole application, and a `select_autoescape(["xml"])` that does not list html leaves every .html page unescaped. ' +
      'Only modules that are part of a web application (they import Flask or Werkzeug, or name .html templates) ' +
      'are checked; an environment that renders plain text for e-mails or files is not an XSS risk.',
    example: 'env = Environment(loader=FileSystemLoader("templates"))',
    useInstead: 'env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())',
    references: [
      'https://jinja.palletsprojects.com/en/stable/api/#autoescaping',
      'https://flask.palletsprojects.com/en/stable/templating/#controlling-autoescaping',
    ],
    cwe: [79, 116],
  },
  python(ctx) {
    const { module } = ctx;
    if (!/\bautoescape\b|Environment\b/.test(module.text) || !rendersHtml(module)) return;
    for (const call of findCalls(module, ENVIRONMENT_CLASSES)) {
      if (rendersOnlyNonHtml(module, call)) continue;
      const environment = module.environmentOf(call);
      const args = callArguments(call);
      const autoescape = args.keywords.get('autoescape');
      if (autoescape) {
        if (leavesHtmlOut(module, autoescape.value)) {
          ctx.report({ node: autoescape.value, environment, message: `${autoescape.value.text.replace(/\s+/g, ' ')} does not list html: every {{ value }} in this environment's .html templates is inserted as raw HTML.` });
          continue;
        }
        if (!isOff(autoescape.value)) continue;
        ctx.report({ node: autoescape.argument, environment, message: 'autoescape=False: every {{ value }} this environment renders is inserted as raw HTML.', fix: 'autoescape=True' });
        continue;
      }
      // Positional and **kwargs arguments may set it where we cannot see.
      const list = call.childForFieldName('arguments');
      if (args.spread || args.positional.length > 0 || !list) continue;
      ctx.report({
        node: list,
        environment,
        severity: 'medium',
        message: 'This Jinja environment does not set autoescape, which defaults to False: every {{ value }} it renders into HTML is unescaped.',
        fix: withAutoescape(list),
      });
    }
    for (const match of module.search(/\.autoescape\s*=(?!=)/g)) {
      const target = module.codeAt(match.index + 1, 'autoescape'.length)?.parent;
      const assignment = target?.parent;
      const value = assignment?.childForFieldName('right');
      if (target?.type !== 'attribute' || assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== target.id || !value) continue;
      if (!isEnvironment(module, target.childForFieldName('object')) || !isOff(value)) continue;
      ctx.report({ node: value, environment: module.environmentOf(assignment), message: 'Autoescaping is switched off: every {{ value }} in the templates is inserted as raw HTML.', fix: 'True' });
    }
    for (const { statement, value } of flaskAutoescapeSettings(module)) {
      // `app.jinja_env.autoescape = False` is reported above, with the other environments.
      const off = isOff(value);
      if ((off && /jinja_env\s*\.\s*autoescape/.test(statement.text)) || (!off && !leavesHtmlOut(module, value))) continue;
      ctx.report({
        node: value,
        environment: module.environmentOf(statement),
        message: off
          ? "Flask's jinja_options switch autoescaping off: every {{ value }} in the application's templates is inserted as raw HTML."
          : `${value.text.replace(/\s+/g, ' ')} does not list html: every {{ value }} in the application's .html templates is inserted as raw HTML.`,
      });
    }
  },
};

/** `app.jinja_env` (also for an `app` whose type we cannot resolve), or an environment the module built. */
function isEnvironment(module: PythonModule, node: SyntaxNode | null): boolean {
  if (!node) return false;
  if (ENVIRONMENT_OBJECTS.has(module.resolve(node) ?? '')) return true;
  return node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'jinja_env' && module.flask.isApp(node.childForFieldName('object'));
}

function isOff(value: SyntaxNode): boolean {
  const literal = literalValue(value);
  return literal?.kind === 'none' || (literal?.kind === 'bool' && !literal.value);
}

/** Template files that are not HTML: configuration and plain text, whatever template suffix follows (`nginx.conf.j2`). */
const NON_HTML_TEMPLATE = /\.(cfg|conf|ini|txt|toml|ya?ml|json|env|sh|service|properties|csv|md|rst)(\.(j2|jinja2?|tmpl|tpl|template))?$/i;
const TEMPLATE_LOOKUPS = /^(get_template|select_template|get_or_select_template)$/;

/**
 * Does the environment built by `call` render only non-HTML files? Every template it looks up by
 * name (`env.get_template("dnsmasq.conf")`) is configuration or plain text — what it renders is
 * written to disk, not sent to a browser.
 */
function rendersOnlyNonHtml(module: PythonModule, call: SyntaxNode): boolean {
  const assignment = call.parent;
  const target = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === call.id ? assignment.childForFieldName('left') : null;
  if (!target || (target.type !== 'identifier' && target.type !== 'attribute')) return false;
  const names: string[] = [];
  for (const match of module.search(new RegExp(`${escapeRegExp(target.text)}\\s*\\.\\s*(\\w+)\\s*\\(`, 'g'))) {
    const method = match[1] as string;
    if (!TEMPLATE_LOOKUPS.test(method)) continue;
    const lookup = module.codeAt(match.index + match[0].lastIndexOf(method), method.length)?.parent?.parent;
    const name = lookup?.type === 'call' ? literalValue(callArguments(lookup).positional[0] ?? null) : undefined;
    // A name the code computes may be an HTML page.
    if (name?.kind !== 'str') return false;
    names.push(name.value);
  }
  return names.length > 0 && names.every((n) => NON_HTML_TEMPLATE.test(n));
}

/** A module of a web application: Flask or Werkzeug code, or code that names .html templates. */
function rendersHtml(module: PythonModule): boolean {
  return module.importsFrom('flask', 'werkzeug') || /\.html?\b/.test(module.text);
}

/** The argument list with `autoescape=True` added, keeping a multi-line layout. */
function withAutoescape(list: SyntaxNode): string {
  const inner = list.text.slice(1, -1);
  if (inner.trim() === '') return '(autoescape=True)';
  const trailingComma = /,\s*$/.test(inner);
  const lastLine = /\n([ \t]*)\S[^\n]*,?\s*$/.exec(inner);
  if (lastLine) {
    const closing = /\n[ \t]*$/.exec(inner)?.[0] ?? '';
    const body = inner.slice(0, inner.length - closing.length).replace(/,?\s*$/, ',');
    return `(${body}\n${lastLine[1]}autoescape=True${trailingComma ? ',' : ''}${closing})`;
  }
  return `(${inner.replace(/,?\s*$/, '')}, autoescape=True)`;
}
