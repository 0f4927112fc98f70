import type { SyntaxNode } from '../src/core/python/parser.js';
import { stringValue } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const locationHeaderFromRequest: Rule = {
  meta: {
    id: 'location-header-from-request',
    code: 'FG702',
    category: 'open-redirect',
    severity: 'medium',
    confidence: 'medium',
    confidenceNote:
      'Medium: request data reaches a Location header; silent when a same-host check guards it.',
    title: 'Location header set to a URL taken from the request',
    threats: [THREATS.phishingRedirect],
    why:
      'Writing the `Location` header by hand — `resp.headers["Location"] = url`, `Response(status=302, ' +
      'headers={"Location": url})`, `return "", 302, {"Location": url}` — is a redirect too, and one that ' +
      'reviewers searching for `redirect(` miss. With a URL from the request it forwards users to any site.',
    example: 'return "", 302, {"Location": request.args["to"]}',
    useInstead: 'return redirect(url_for("index"))  # or check urlparse(to).netloc against the request host first',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/601.html'],
    cwe: [601],
  },
  python(ctx) {
    const { module } = ctx;
    for (const match of module.search(/["'](?:Location|location|LOCATION)["']/g)) {
      const string = module.nodeAt(match.index, match.index + match[0].length);
      if (string.type !== 'string' || stringValue(string)?.toLowerCase() !== 'location') continue;
      const value = headerValue(string);
      const source = module.flow.requestData(value, 'url');
      if (!value || !source) continue;
      ctx.report({
        node: value,
        environment: module.environmentOf(value),
        message: `The Location header comes from ${source.description} with no check that it stays on this host: links to this site can forward users anywhere.`,
      });
    }
  },
};

/** The value written under a "Location" header key: `headers["Location"] = v`, `headers.set("Location", v)`, a headers dict or list of pairs. */
function headerValue(string: SyntaxNode): SyntaxNode | null {
  const holder = string.parent;
  if (!holder) return null;
  if (holder.type === 'pair' && holder.childForFieldName('key')?.id === string.id)
    return holder.parent && isHeaderCollection(holder.parent) ? holder.childForFieldName('value') : null;
  if (holder.type === 'tuple' && holder.namedChildCount === 2 && holder.namedChild(0)?.id === string.id)
    return holder.parent?.type === 'list' && isHeaderCollection(holder.parent) ? holder.namedChild(1) : null;
  if (holder.type === 'subscript' && holder.childForFieldName('subscript')?.id === string.id) {
    const assignment = holder.parent;
    return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.id === holder.id && isHeaders(holder.childForFieldName('value'))
      ? assignment.childForFieldName('right')
      : null;
  }
  if (holder.type === 'argument_list' && holder.namedChild(0)?.id === string.id) {
    const callee = holder.parent?.childForFieldName('function');
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    return (method === 'set' || method === 'add' || method === 'setdefault') && isHeaders(callee?.childForFieldName('object') ?? null)
      ? holder.namedChild(1)
      : null;
  }
  return null;
}

/** `resp.headers`, or a variable named like headers. */
function isHeaders(node: SyntaxNode | null): boolean {
  if (!node) return false;
  const name = node.type === 'attribute' ? node.childForFieldName('attribute')?.text : node.text;
  return node.type !== 'call' && /headers$/i.test(name ?? '');
}

/**
 * A dict or list of pairs that is used as response headers: `headers=` of a call, the headers
 * part of a returned `(body, status, headers)` tuple, `resp.headers.update(...)`, `headers = {...}`.
 * A `{"location": ...}` JSON body is not.
 */
function isHeaderCollection(collection: SyntaxNode): boolean {
  const parent = collection.parent;
  if (!parent) return false;
  if (parent.type === 'keyword_argument') return parent.childForFieldName('name')?.text === 'headers';
  if (parent.type === 'expression_list' || parent.type === 'tuple') {
    const statement = parent.type === 'tuple' && parent.parent?.type === 'parenthesized_expression' ? parent.parent.parent : parent.parent;
    return statement?.type === 'return_statement' && parent.namedChild(0)?.id !== collection.id;
  }
  if (parent.type === 'argument_list') {
    const callee = parent.parent?.childForFieldName('function');
    return callee?.type === 'attribute' && ['update', 'extend'].includes(callee.childForFieldName('attribute')?.text ?? '') && isHeaders(callee.childForFieldName('object'));
  }
  if (parent.type === 'assignment') return isHeaders(parent.childForFieldName('left'));
  return false;
}
