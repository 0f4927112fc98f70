import { findCalls } from '../src/core/python/calls.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { isAdminOnly } from '../src/core/python/admin-only.js';
import type { PythonModule } from '../src/core/python/module.js';
import { argument, callArguments, isFString, literalValue, unwrap } from '../src/core/python/syntax.js';
import { isNonTextField, storedValue, type StoredValue } from '../src/core/python/stored-values.js';
import { safeHtml } from '../src/core/template-values.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const markupRequestData: Rule = {
  meta: {
    id: 'markup-request-data',
    code: 'FG402',
    category: 'template-rendering',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: request data is wrapped in Markup() unescaped, or a database field that a view writes from request data (stored XSS); medium when only administrators reach the view or write the field, for other values read from the database (a query\'s record, a fetched row, a model\'s own field), and when values of unknown origin are formatted into the HTML; low when a whole value of unknown origin is wrapped; silent when it is built only from constants, numbers and escaped, sanitized or rendered HTML.',
    title: 'Markup() around request data or database values',
    threats: [THREATS.xss],
    why:
      '`Markup(s)` tells Jinja that `s` is already safe HTML, so autoescaping skips it. Wrapping request data — ' +
      'directly or in a string formatted with it (`Markup(f"<b>{q}</b>")`, `Markup("<b>%s</b>" % q)`) — sends ' +
      "the client's markup to the page unescaped: reflected XSS. Wrapping a value read from the database (`Markup(post.body)`, " +
      '`Markup(row["bio"])`) does the same with what a user stored earlier: stored XSS. Let Markup do the formatting instead: ' +
      '`Markup("<b>{}</b>").format(q)` and `Markup("<b>%s</b>") % q` escape `q`.',
    example: 'flash(Markup(f"Welcome, <b>{request.form[\'name\']}</b>"))',
    useInstead: 'flash(Markup("Welcome, <b>{}</b>").format(request.form["name"]))',
    references: [
      'https://markupsafe.palletsprojects.com/en/stable/escaping/#markupsafe.Markup',
      'https://flask.palletsprojects.com/en/stable/templating/#controlling-autoescaping',
    ],
    cwe: [79],
  },
  python(ctx) {
    const { module } = ctx;
    for (const call of findCalls(module, ['markupsafe.Markup'])) {
      const value = argument(call, 'base', 0);
      if (!value) continue;
      const source = module.flow.requestData(value, 'html');
      const callee = call.childForFieldName('function')?.text ?? 'Markup';
      const fix = callArguments(call).positional.length === 1 && callArguments(call).keywords.size === 0 ? markupFormatting(callee, value) : undefined;
      if (source) {
        const admin = isAdminOnly(module, call);
        ctx.report({
          node: call,
          ...(admin ? { confidence: 'medium' as const } : {}),
          message: admin
            ? `Markup() marks HTML built from ${source.description} as safe, so Jinja will not escape it; only administrators reach this view, so the HTML is an admin's — still script in other users' pages. Let Markup format the value instead: Markup("<b>{}</b>").format(value).`
            : `Markup() marks HTML built from ${source.description} as safe, so Jinja will not escape it. Let Markup format the value instead: Markup("<b>{}</b>").format(value).`,
          fix,
        });
        continue;
      }
      if (isSafeHtml(module, value, 0)) continue;
      const stored = storedPart(module, value, 0);
      if (stored) {
        reportStored(ctx, call, stored, fix);
        continue;
      }
      // Formatting values into HTML and then marking it safe is the mistake Markup.format exists
      // for; wrapping a whole value is how code declares HTML made elsewhere (rendered, stored as HTML).
      const formats = isFormatting(module, value);
      ctx.report({
        node: call,
        confidence: formats ? 'medium' : 'low',
        message: formats
          ? `Markup() marks HTML formatted from ${describe(value)} as safe, and the code does not show where the inserted values come from: if any is user-written, it runs as script. Let Markup format them instead: Markup("<b>{}</b>").format(value).`
          : `Markup() marks ${describe(value)} as safe HTML, and the code does not show where it comes from: make sure it is escaped or sanitized HTML, never user-written text.`,
        fix,
      });
    }
  },
};

/**
 * Markup() around a value read from the database: stored XSS when a user can write it — high
 * when a view writes the field from request data, medium when only administrators do or when the
 * code does not show who writes it.
 */
function reportStored(ctx: PythonContext, call: SyntaxNode, stored: StoredValue, fix: string | undefined): void {
  const written = ctx.values.requestWriteOf(stored.field);
  // Every write of the field stores escaped or sanitized HTML.
  if (written.kind === 'safe') return;
  const markup = 'Let Markup format the value instead (Markup("<b>{}</b>").format(value)), or sanitize it (bleach.clean, nh3.clean) before it is stored.';
  if (written.kind === 'request') {
    ctx.report({
      node: call,
      confidence: written.adminOnly ? 'medium' : 'high',
      message: written.adminOnly
        ? `Markup() marks ${stored.description} as safe HTML, and only administrators write that field (${written.description}): an admin's markup runs as script in other users' pages (stored XSS). ${markup}`
        : `Markup() marks ${stored.description} as safe HTML, and users write that field (${written.description}): what one stores runs as script for everyone who views it (stored XSS). ${markup}`,
      fix,
    });
    return;
  }
  ctx.report({
    node: call,
    confidence: 'medium',
    message: `Markup() marks ${stored.description}, a value read from the database, as safe HTML: if users write it, it runs as script for everyone who views it (stored XSS). ${markup}`,
    fix,
  });
}

/** A database value the HTML is, or is formatted from, outside escapers and sanitizers. */
function storedPart(module: PythonModule, value: SyntaxNode, depth: number): StoredValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const direct = storedValue(module, value);
  if (direct) return direct;
  const node = unwrap(value);
  if (literalValue(node) !== undefined || safeHtml(module, node) !== undefined) return undefined;
  const first = (nodes: readonly (SyntaxNode | null | undefined)[]) => {
    for (const n of nodes) {
      const found = n ? storedPart(module, n, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  switch (node.type) {
    case 'string':
      return first(node.namedChildren.filter((c) => c.type === 'interpolation').map((c) => c.namedChild(0)));
    case 'concatenated_string':
    case 'binary_operator':
    case 'conditional_expression':
      return first(node.namedChildren);
    case 'call': {
      const method = node.childForFieldName('function');
      const receiver = method?.type === 'attribute' ? method.childForFieldName('object') : null;
      return receiver?.type === 'string' && /^(?:format|join)$/.test(method?.childForFieldName('attribute')?.text ?? '') ? first(node.childForFieldName('arguments')?.namedChildren ?? []) : undefined;
    }
    case 'identifier': {
      const binding = module.bindingAt(node.text, node);
      return binding?.kind === 'assign' && binding.value && binding.value.id !== node.id ? storedPart(module, binding.value, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

const MAX_DEPTH = 4;
const NUMBER_CALLS = new Set(['builtins.int', 'builtins.float', 'builtins.len', 'builtins.bool', 'builtins.round']);

/**
 * Is the value already safe HTML or constant text, built only from constants, numbers and the
 * output of escapers, sanitizers and renderers (`Markup(f"<a href='{url_for('x')}'>{escape(name)}</a>")`)?
 * Names are followed to their assignment in the same function or module.
 */
function isSafeHtml(module: PythonModule, value: SyntaxNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = unwrap(value);
  if (literalValue(node) !== undefined || safeHtml(module, node) !== undefined || isNonTextField(module, node)) return true;
  const parts = (nodes: readonly (SyntaxNode | null)[]) => nodes.every((n) => n !== null && isSafeHtml(module, n, depth + 1));
  switch (node.type) {
    case 'string':
      return parts(node.namedChildren.filter((c) => c.type === 'interpolation').map((c) => c.namedChild(0)));
    case 'concatenated_string':
    case 'tuple':
    case 'conditional_expression':
      return parts(node.type === 'conditional_expression' ? node.namedChildren.filter((_, i) => i !== 1) : node.namedChildren);
    case 'binary_operator':
      return parts([node.childForFieldName('left'), node.childForFieldName('right')]);
    case 'call': {
      if (NUMBER_CALLS.has(module.callee(node) ?? '') || HTML_PROTOCOL.test(node.childForFieldName('function')?.text ?? '')) return true;
      // `"\n".join(x.__html__() for x in blocks)`: a constant separator between safe parts.
      const joined = joinedParts(node);
      if (joined) return parts(joined);
      // `"<b>{}</b>".format(a, b)`: a constant template filled with safe values.
      const method = node.childForFieldName('function');
      const receiver = method?.type === 'attribute' ? method.childForFieldName('object') : null;
      return method?.childForFieldName('attribute')?.text === 'format' && receiver?.type === 'string' && parts([receiver, ...(node.childForFieldName('arguments')?.namedChildren ?? [])]);
    }
    case 'identifier': {
      const binding = module.bindingAt(node.text, node);
      // A route's parameters are request data unless their converter makes them numbers, which the flow analysis already said.
      if (binding?.kind === 'param') return module.flask.routeOf(binding.function) !== null;
      return binding?.kind === 'assign' && binding.value ? isSafeHtml(module, binding.value, depth + 1) : false;
    }
    default:
      return false;
  }
}

/** `x.__html__()` (the protocol Markup and Jinja use for objects that render themselves) and Jinja's `htmlsafe_json_dumps`. */
const HTML_PROTOCOL = /(?:^|\.)__html__$|(?:^|[._])htmlsafe_json_dumps?$/;

/** The separator and items of `"sep".join(items)` (a list or generator's element expression). */
function joinedParts(call: SyntaxNode): SyntaxNode[] | undefined {
  const method = call.childForFieldName('function');
  const separator = method?.type === 'attribute' ? method.childForFieldName('object') : null;
  if (method?.childForFieldName('attribute')?.text !== 'join' || separator?.type !== 'string') return undefined;
  // `join(x for x in xs)`: the generator is the whole argument list.
  const args = call.childForFieldName('arguments');
  const items = args?.type === 'generator_expression' ? args : args?.namedChildren[0];
  if (items?.type === 'generator_expression' || items?.type === 'list_comprehension') {
    const body = items.childForFieldName('body');
    return body ? [separator, body] : undefined;
  }
  return items?.type === 'list' || items?.type === 'tuple' ? [separator, ...items.namedChildren] : undefined;
}

/** HTML built by formatting: an f-string, `%`, `+` or `.format` (directly or through the variable it was assigned to). */
function isFormatting(module: PythonModule, value: SyntaxNode, depth = 0): boolean {
  const node = unwrap(value);
  if (isFString(node) || node.type === 'binary_operator' || node.type === 'concatenated_string') return true;
  if (node.type === 'call') return node.childForFieldName('function')?.childForFieldName('attribute')?.text === 'format';
  if (node.type !== 'identifier' || depth > 0) return false;
  const binding = module.bindingAt(node.text, node);
  return binding?.kind === 'assign' && binding.value ? isFormatting(module, binding.value, depth + 1) : false;
}

function describe(value: SyntaxNode): string {
  const text = value.text.replace(/\s+/g, ' ');
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}

/**
 * `Markup(f"<b>{q}</b>")` → `Markup("<b>{}</b>").format(q)`, `Markup("<b>%s</b>" % q)` →
 * `Markup("<b>%s</b>") % q`, `Markup("<b>{}</b>".format(q))` → `Markup("<b>{}</b>").format(q)`:
 * the same text for safe values, with the inserted values escaped. Undefined when the value has
 * another shape.
 */
function markupFormatting(callee: string, value: SyntaxNode): string | undefined {
  const expr = unwrap(value);
  if (isFString(expr)) {
    const template = formatTemplate(expr);
    return template ? `${callee}(${template.text}).format(${template.values.join(', ')})` : undefined;
  }
  if (expr.type === 'binary_operator' && expr.childForFieldName('operator')?.type === '%') {
    const left = expr.childForFieldName('left');
    const right = expr.childForFieldName('right');
    if (left?.type === 'string' && !isFString(left) && right) return `${callee}(${left.text}) % ${right.text}`;
  }
  if (expr.type === 'call') {
    const method = expr.childForFieldName('function');
    const receiver = method?.childForFieldName('object');
    const args = expr.childForFieldName('arguments');
    if (method?.type === 'attribute' && method.childForFieldName('attribute')?.text === 'format' && receiver?.type === 'string' && !isFString(receiver) && args)
      return `${callee}(${receiver.text}).format${args.text}`;
  }
  return undefined;
}

/** An f-string as a str.format template and its values; null when an interpolation has a conversion or format spec. */
function formatTemplate(fstring: SyntaxNode): { text: string; values: string[] } | null {
  const values: string[] = [];
  let text = '';
  for (const child of fstring.children) {
    if (child.type === 'string_start') text += child.text.replace(/[fF]/, '');
    else if (child.type === 'interpolation') {
      const expression = child.namedChild(0);
      if (!expression || child.namedChildCount !== 1) return null;
      values.push(expression.text);
      text += '{}';
    } else text += child.text;
  }
  return { text, values };
}
