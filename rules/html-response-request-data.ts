import { findCalls, importedName } from '../src/core/python/calls.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { argument, decoratorsOf, enclosingFunction, isFString, stringValue, unwrap } from '../src/core/python/syntax.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

/**
 * A string literal that contains markup: `<p>`, `</div>`, `<a href=`, `<!DOCTYPE` — HTML element
 * names only, so that `f"<User {self.id}>"` in a `__repr__` is not taken for a page.
 */
const HTML_TAG =
  /<(\/?(a|abbr|article|aside|audio|b|blockquote|body|br|button|canvas|caption|center|code|dd|del|details|div|dl|dt|em|embed|fieldset|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|mark|meta|nav|object|ol|option|p|pre|q|s|script|section|select|small|source|span|strong|style|sub|summary|sup|svg|table|tbody|td|textarea|tfoot|th|thead|title|tr|tt|u|ul|video)(?=[\s>/])|!--|!doctype)/i;
const RESPONSE_CLASSES = ['flask.make_response', 'flask.Response'];
const HEADER_SOURCE = /\.(headers|cookies|user_agent|environ|authorization)\b/;
const MAX_DEPTH = 3;
/** Modules that can answer a request: routes, error handlers, class-based views, responses. */
const VIEW_HINT = /\.route\s*\(|errorhandler|add_url_rule|MethodView|\bView\b|make_response|Response\s*\(/;
/** String methods whose result is text made of the receiver (and the arguments). */
const TEXT_METHODS = new Set(['format', 'join', 'decode', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'replace', 'get', 'getlist', 'get_data']);
const TEXT_BUILTINS = new Set(['str', 'repr', 'format']);

export const htmlResponseRequestData: Rule = {
  meta: {
    id: 'html-response-request-data',
    code: 'FG404',
    category: 'template-rendering',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: request data reaches a text/html response (a returned string, or the body of Response/make_response without another type) without escaping; silent after markupsafe.escape, html.escape or bleach.clean, for number converters and int(), and when the response declares a non-HTML type (also one the code computes) or is a dict, jsonify() or a template.',
    title: 'HTML response built from request data without escaping',
    threats: [THREATS.xss],
    why:
      'A view that returns a string gets a `text/html` response, whether or not the string holds markup. When ' +
      'that string carries request data — HTML assembled by hand (`f"<p>{q}</p>"`, `"<li>" + name + "</li>"`) or ' +
      'plain text (`"Hello " + name`, `"%s" % q`, `", ".join(tags)`, a `(body, 200)` tuple, `make_response(msg)`) — ' +
      "the client's markup lands in the page unescaped: reflected XSS. Render a template (Jinja escapes " +
      'variables), escape each value with `markupsafe.escape()` as the seed strategy says, or send text as ' +
      '`text/plain` or JSON. Values from headers and cookies are reported at medium severity: another site cannot ' +
      "set them in a victim's request as easily.",
    example: '@app.route("/search")\ndef search():\n    return f"<p>No results for {request.args[\'q\']}</p>"',
    useInstead: '@app.route("/search")\ndef search():\n    return render_template("search.html", q=request.args["q"])',
    references: [
      'https://flask.palletsprojects.com/en/stable/quickstart/#html-escaping',
      'https://owasp.org/www-community/attacks/xss/',
    ],
    cwe: [79],
  },
  python(ctx) {
    const { module } = ctx;
    if (!VIEW_HINT.test(module.text)) return;
    for (const fn of module.root.descendantsOfType('function_definition')) {
      if (!module.flask.isResponder(fn)) continue;
      for (const value of returnedValues(module, fn)) if (!isResponseCall(module, value)) check(ctx, value);
    }
    for (const call of findCalls(module, RESPONSE_CLASSES)) {
      if (!declaresOtherType(call)) check(ctx, argument(call, 'response', 0) ?? argument(call, 'rv', 0));
    }
  },
};

function check(ctx: PythonContext, body: SyntaxNode | null): void {
  const { module } = ctx;
  const source = module.flow.requestData(body, 'html');
  if (!body || !source || wrapsUnsafeMarkup(module, body)) return;
  const markup = looksLikeHtml(module, body, 0);
  if (!markup && !isText(module, body, 0)) return;
  // Another site can put markup in a victim's URL or form post, but not in their headers or cookies.
  const fromHeaders = HEADER_SOURCE.test(source.description);
  ctx.report({
    node: body,
    severity: fromHeaders ? 'medium' : undefined,
    message: markup
      ? `This HTML response is built from ${source.description} without escaping: markup in the request reaches the page (XSS). Render a template, or escape the value with escape().`
      : `This response is text/html (Flask's default for a string) and carries ${source.description} unescaped: a value with markup in it runs as script in the page (XSS). Escape it with escape(), render a template, or return it as text/plain or JSON.`,
    fix: escapedFString(module, body),
  });
}

/** `str(Markup("<b>%s</b>" % q))`: markup-request-data reports the Markup() call itself. */
function wrapsUnsafeMarkup(module: PythonModule, body: SyntaxNode): boolean {
  return body
    .descendantsOfType('call')
    .some((call) => module.isCallTo(call, 'markupsafe.Markup') && module.flow.requestData(argument(call, 'base', 0), 'html') !== null);
}

/** What a view returns: the value, or the body of a `(body, status, headers)` tuple that does not declare another content type. */
function returnedValues(module: PythonModule, fn: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const match of module.search(/\breturn\b/g, fn)) {
    const keyword = module.nodeAt(match.index, match.index + 6);
    const statement = keyword.type === 'return_statement' ? keyword : keyword.parent;
    if (statement?.type !== 'return_statement' || enclosingFunction(statement)?.id !== fn.id) continue;
    let value = statement.namedChild(0);
    if (!value) continue;
    value = unwrap(value);
    if (value.type === 'tuple' || value.type === 'expression_list') {
      if (/content[-_]type|mimetype/i.test(value.text) && !/html/i.test(value.text)) continue;
      value = value.namedChild(0);
    }
    if (value) out.push(value);
  }
  return out;
}

/** `Response(body, mimetype="text/plain")`, `Response(body, mimetype=kind)`, `make_response(body, 200, {"Content-Type": "application/json"})`. */
function declaresOtherType(call: SyntaxNode): boolean {
  const declared = argument(call, 'mimetype') ?? argument(call, 'content_type');
  // A type the code computes (`mimetype=upstream.headers["content-type"]`) is not Flask's text/html default.
  if (declared) return !/html/i.test(stringValue(declared) ?? '');
  const rest = call.childForFieldName('arguments')?.namedChildren.slice(1).map((n) => n.text).join(' ') ?? '';
  return /content[-_]type/i.test(rest) && !/html/i.test(rest);
}

/** `make_response(...)`/`Response(...)`: their bodies are checked where they are built. */
function isResponseCall(module: PythonModule, value: SyntaxNode): boolean {
  return value.type === 'call' && RESPONSE_CLASSES.some((name) => module.isCallTo(value, name));
}

/**
 * Is the value a string (so Flask sends it as text/html): a string literal or f-string, a
 * concatenation or `%` with one, `.format()`/`.join()` and other string methods, `str()`, a
 * request value read directly, a name bound to one, or a local helper that returns one. Dicts,
 * lists, `jsonify()` and `render_template()` are not.
 */
function isText(module: PythonModule, node: SyntaxNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const value = unwrap(node);
  switch (value.type) {
    case 'string':
    case 'concatenated_string':
      return true;
    case 'binary_operator':
      return isText(module, value.childForFieldName('left') as SyntaxNode, depth + 1) || isText(module, value.childForFieldName('right') as SyntaxNode, depth + 1);
    case 'subscript':
    case 'attribute':
      return isRequestValue(value);
    case 'identifier':
      return module.lookup(value.text, value).some((b) => (b.kind === 'assign' && b.value !== null && b.value.id !== value.id && isText(module, b.value, depth + 1)) || (b.kind === 'param' && isStringRouteParameter(module, b.function, value.text)));
    case 'call': {
      const fn = value.childForFieldName('function');
      if (fn?.type === 'identifier' && TEXT_BUILTINS.has(fn.text) && module.lookup(fn.text, fn).length === 0) return true;
      if (fn?.type === 'attribute') {
        const method = fn.childForFieldName('attribute')?.text ?? '';
        const receiver = fn.childForFieldName('object');
        return TEXT_METHODS.has(method) && receiver !== null && (receiver.type === 'string' || isRequestValue(receiver) || isText(module, receiver, depth + 1));
      }
      const resolved = fn ? module.resolve(fn) : null;
      const helper = resolved ? module.definitionOf(resolved) : undefined;
      return helper?.module === module && helper.node.type === 'function_definition' && returnedValues(module, helper.node).some((v) => isText(module, v, depth + 1));
    }
    default:
      return false;
  }
}

/** `request.args["q"]`, `request.form.get(...)`'s receiver, `request.path`: text the client sent. */
function isRequestValue(node: SyntaxNode): boolean {
  return /^(?:flask\.)?request\.(?:args|form|values|cookies|headers|path|full_path|url|base_url|query_string|data|remote_addr|referrer|user_agent)\b/.test(node.text);
}

/** A URL parameter without a converter that makes it a number (`<name>`, `<path:p>`, `<string:s>`). */
function isStringRouteParameter(module: PythonModule, fn: SyntaxNode, name: string): boolean {
  const route = module.flask.routeOf(fn);
  if (!route) return false;
  const rules = decoratorsOf(fn).map((d) => d.text).join(' ');
  return new RegExp(`<(?:(?:string|path|any\\([^)]*\\)|default)(?:\\([^)]*\\))?:)?${name}>`).test(rules);
}

/** Does the value contain markup: a literal with a tag, in itself or in what its names were assigned or its helpers return? */
function looksLikeHtml(module: PythonModule, node: SyntaxNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const strings = node.type === 'string' ? [node] : node.descendantsOfType('string');
  if (strings.some((s) => HTML_TAG.test(s.text))) return true;
  const names = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
  for (const name of names) {
    for (const binding of module.lookup(name.text, name)) {
      if (binding.kind !== 'assign') continue;
      const value = binding.value ?? (binding.node.parent?.type === 'augmented_assignment' ? binding.node.parent.childForFieldName('right') : null);
      if (value && value.id !== node.id && looksLikeHtml(module, value, depth + 1)) return true;
    }
    if (name.parent?.type === 'call' && name.parent.childForFieldName('function')?.id === name.id) {
      const resolved = module.resolve(name);
      const helper = resolved ? module.definitionOf(resolved) : undefined;
      if (helper?.module === module && helper.node.type === 'function_definition' && returnedValues(module, helper.node).some((v) => looksLikeHtml(module, v, depth + 1)))
        return true;
    }
  }
  return false;
}

/** `f"<p>{q}</p>"` → `f"<p>{escape(q)}</p>"`, when escape() is imported and every interpolation that carries request data is a plain value. */
function escapedFString(module: PythonModule, body: SyntaxNode): string | undefined {
  const fstring = unwrap(body);
  const escape = importedName(module, 'markupsafe.escape', fstring);
  if (!escape || !isFString(fstring)) return undefined;
  let text = '';
  for (const child of fstring.children) {
    const expression = child.type === 'interpolation' ? child.namedChild(0) : null;
    if (!expression || !module.flow.requestData(expression, 'html')) {
      text += child.text;
      continue;
    }
    if (child.namedChildCount !== 1) return undefined;
    text += `{${escape}(${expression.text})}`;
  }
  return text;
}
