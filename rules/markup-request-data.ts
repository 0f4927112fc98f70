import { findCalls } from '../src/core/python/calls.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { argument, callArguments, isFString, unwrap } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const markupRequestData: Rule = {
  meta: {
    id: 'markup-request-data',
    code: 'FG402',
    category: 'template-rendering',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: request data is wrapped in Markup() unescaped; silent when it was escaped or sanitized first.',
    title: 'Markup() around request data',
    threats: [THREATS.xss],
    why:
      '`Markup(s)` tells Jinja that `s` is already safe HTML, so autoescaping skips it. Wrapping request data — ' +
      'directly or in a string formatted with it (`Markup(f"<b>{q}</b>")`, `Markup("<b>%s</b>" % q)`) — sends ' +
      "the client's markup to the page unescaped: reflected or stored XSS. Let Markup do the formatting instead: " +
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
      const source = module.flow.requestData(value, 'html');
      if (!value || !source) continue;
      const callee = call.childForFieldName('function')?.text ?? 'Markup';
      ctx.report({
        node: call,
        message: `Markup() marks HTML built from ${source.description} as safe, so Jinja will not escape it. Let Markup format the value instead: Markup("<b>{}</b>").format(value).`,
        fix: callArguments(call).positional.length === 1 && callArguments(call).keywords.size === 0 ? markupFormatting(callee, value) : undefined,
      });
    }
  },
};

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
