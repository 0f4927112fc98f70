import { findCalls, importedName } from '../src/core/python/calls.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { argument, closest, decoratorsOf, enclosingFunction, isFString, stringValue, unwrap } from '../src/core/python/syntax.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

/**
 * A string literal that contains markup: `<p>`, `</div>`, `<a href=`, `<!DOCTYPE` — HTML element
 * names only, so that `f"<User {self.id}>"` in a `__repr__` is not taken for a page.
 */
const HTML_TAG =
  /<(\/?(a|abbr|article|aside|audio|b|blockquote|body|br|button|canvas|caption|center|code|dd|del|details|div|dl|dt|em|embed|fieldset|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|mark|meta|nav|object|ol|option|p|pre|q|s|script|section|select|small|source|span|strong|style|sub|summary|sup|svg|table|tbody|td|textarea|tfoot|th|thead|title|tr|tt|u|ul|video)(?=[\s>/])|!--|!doctype)/i;
const HTML_TAG_ANYWHERE = new RegExp(HTML_TAG.source, 'gi');
const RESPONSE_CLASSES = ['flask.make_response', 'flask.Response'];
const HEADER_SOURCE = /\.(headers|cookies|user_agent|environ|authorization)\b/;
const MAX_DEPTH = 3;

export const htmlResponseRequestData: Rule = {
  meta: {
    id: 'html-response-request-data',
    code: 'FG404',
    category: 'template-rendering',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: request data reaches an HTML response without escaping; silent after markupsafe.escape, html.escape or bleach.clean.',
    title: 'HTML response built from request data without escaping',
    threats: [THREATS.xss],
    why:
      'A view that returns a string gets a `text/html` response. When that string is HTML assembled by hand ' +
      '(`f"<p>{q}</p>"`, `"<li>" + name + "</li>"`, `make_response("<h1>%s</h1>" % title)`) from request ' +
      "data, the client's markup lands in the page unescaped: reflected XSS. Render a template (Jinja escapes " +
      'variables), or escape each value with `markupsafe.escape()` as the seed strategy says. Values from headers ' +
      'and cookies are reported at medium severity: another site cannot set them in a victim\'s request as easily.',
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
    const functions = functionsBuildingHtml(module);
    if (functions.size === 0) return;
    for (const fn of functions.values()) {
      if (isView(module, fn)) for (const value of returnedValues(module, fn)) check(ctx, value);
    }
    for (const call of findCalls(module, RESPONSE_CLASSES)) {
      const fn = enclosingFunction(call);
      if (!fn || !functions.has(fn.id) || declaresOtherType(call)) continue;
      check(ctx, argument(call, 'response', 0) ?? argument(call, 'rv', 0));
    }
  },
};

function check(ctx: PythonContext, body: SyntaxNode | null): void {
  const { module } = ctx;
  const source = module.flow.requestData(body, 'html');
  if (!body || !source || wrapsUnsafeMarkup(module, body) || !looksLikeHtml(module, body, 0)) return;
  // Another site can put markup in a victim's URL or form post, but not in their headers or cookies.
  const fromHeaders = HEADER_SOURCE.test(source.description);
  ctx.report({
    node: body,
    severity: fromHeaders ? 'medium' : undefined,
    message: `This HTML response is built from ${source.description} without escaping: markup in the request reaches the page (XSS). Render a template, or escape the value with escape().`,
    fix: escapedFString(module, body),
  });
}

/** `str(Markup("<b>%s</b>" % q))`: markup-request-data reports the Markup() call itself. */
function wrapsUnsafeMarkup(module: PythonModule, body: SyntaxNode): boolean {
  return body
    .descendantsOfType('call')
    .some((call) => module.isCallTo(call, 'markupsafe.Markup') && module.flow.requestData(argument(call, 'base', 0), 'html') !== null);
}

/**
 * Functions that contain HTML string literals, and the routes that call them (a helper that
 * formats HTML is returned by the view that calls it).
 */
function functionsBuildingHtml(module: PythonModule): Map<number, SyntaxNode> {
  const found = new Map<number, SyntaxNode>();
  for (const match of module.search(HTML_TAG_ANYWHERE)) {
    const node = closest(module.nodeAt(match.index, match.index), ['string']);
    if (!node) continue;
    const fn = enclosingFunction(node);
    if (!fn) {
      // `PAGE = "<p>%s</p>"` at module level: the functions that use PAGE build HTML.
      for (const user of usersOfConstant(module, node)) found.set(user.id, user);
      continue;
    }
    if (found.has(fn.id)) continue;
    found.set(fn.id, fn);
    if (isView(module, fn) || fn.type !== 'function_definition') continue;
    for (const caller of callersOf(module, fn)) found.set(caller.id, caller);
  }
  return found;
}

/** Functions that read the module-level name a string literal is assigned to. */
function usersOfConstant(module: PythonModule, literal: SyntaxNode): SyntaxNode[] {
  let assignment: SyntaxNode | null = literal;
  while (assignment && assignment.type !== 'assignment' && assignment.type !== 'module') assignment = assignment.parent;
  const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
  if (target?.type !== 'identifier') return [];
  const out: SyntaxNode[] = [];
  for (const match of module.search(new RegExp(`\\b${target.text}\\b`, 'g'))) {
    const identifier = module.codeAt(match.index, target.text.length);
    const fn = identifier ? enclosingFunction(identifier) : null;
    if (fn) out.push(fn);
  }
  return out;
}

/** A route handler, or an error handler (`@app.errorhandler(404)`): what it returns is the response. */
function isView(module: PythonModule, fn: SyntaxNode): boolean {
  if (fn.type !== 'function_definition') return false;
  return module.flask.routeOf(fn) !== null || decoratorsOf(fn).some((d) => /\berrorhandler\s*\(/.test(d.text));
}

/** Functions of this module that call `fn` by name. */
function callersOf(module: PythonModule, fn: SyntaxNode): SyntaxNode[] {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return [];
  const out: SyntaxNode[] = [];
  for (const match of module.search(new RegExp(`\\b${name}\\s*\\(`, 'g'))) {
    const identifier = module.codeAt(match.index, name.length);
    const caller = identifier ? enclosingFunction(identifier) : null;
    if (caller && caller.id !== fn.id && identifier?.parent?.type === 'call') out.push(caller);
  }
  return out;
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

/** `Response(body, mimetype="text/plain")`, `make_response(body, 200, {"Content-Type": "application/json"})`. */
function declaresOtherType(call: SyntaxNode): boolean {
  const declared = argument(call, 'mimetype') ?? argument(call, 'content_type');
  if (declared) return !/html/i.test(stringValue(declared) ?? 'html');
  const rest = call.childForFieldName('arguments')?.namedChildren.slice(1).map((n) => n.text).join(' ') ?? '';
  return /content[-_]type/i.test(rest) && !/html/i.test(rest);
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
