/**
 * Does a URL expression start with text that pins its host? `"/items/" + q`, `f"/search?q={q}"`,
 * `url_for("index") + "?page=" + p` and `"https://example.com/%s" % q` can only point at one host,
 * whatever request data follows, so they are not open redirects. `"/" + q` is not pinned
 * (`q = "/evil.com"` makes `//evil.com`), nor is `"https://example.com" + q` (`q = ".evil.com"`).
 */
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';

/**
 * A path whose first segment is not empty (`/a`, not `//` or `/\`, which browsers read as a host),
 * a query or fragment, a relative path segment, or `scheme://host/` or `//host/` followed by a separator.
 */
const HOST_PINNING_PREFIX = /^(\/[^/\\\s]|[?#]|[\w.~-]+[/?#]|([a-z][a-z0-9+.-]*:)?\/\/[^/?#\\\s]+[/?#])/i;

/**
 * Attributes of `flask.request` that are the application's own URL as the client asked for it:
 * redirecting there cannot send a victim to another host (an attacker does not choose the Host
 * header of the victim's request). `request.path` and `script_root` are not among them: a prefix
 * of `/` or an empty mount point pins nothing (`"/" + "/evil.com"`); request-data flow treats them as
 * this application's own (not request data) instead.
 */
export const OWN_URL_ATTRIBUTES = new Set(['url', 'base_url', 'url_root', 'host_url']);

export function startsWithFixedHost(node: SyntaxNode, module: PythonModule): boolean {
  switch (node.type) {
    case 'parenthesized_expression':
    case 'concatenated_string': {
      const first = node.namedChild(0);
      return first !== null && startsWithFixedHost(first, module);
    }
    case 'string':
      return stringPinsHost(node, module);
    case 'binary_operator': {
      const operator = node.child(1)?.type;
      const left = node.childForFieldName('left');
      return (operator === '+' || operator === '%') && left !== null && startsWithFixedHost(left, module);
    }
    case 'call': {
      const callee = node.childForFieldName('function');
      // Any function called `url_for` builds this app's URLs; resolving confirms aliases of Flask's.
      if ((callee?.type === 'identifier' && callee.text === 'url_for') || module.callee(node) === 'flask.url_for') return true;
      const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
      return callee?.childForFieldName('attribute')?.text === 'format' && receiver?.type === 'string' && stringPinsHost(receiver, module);
    }
    case 'attribute':
      return OWN_URL_ATTRIBUTES.has(node.childForFieldName('attribute')?.text ?? '') && module.resolve(node.childForFieldName('object')) === 'flask.request';
    default:
      return false;
  }
}

/** The literal text before the first interpolation (or `{…}`/`%…` placeholder) pins the host. */
function stringPinsHost(node: SyntaxNode, module: PythonModule): boolean {
  let prefix = '';
  for (const part of node.namedChildren) {
    if (part.type === 'string_content' || part.type === 'escape_sequence') {
      prefix += part.text;
    } else if (part.type === 'interpolation') {
      const expression = part.namedChild(0);
      if (prefix === '') return expression !== null && startsWithFixedHost(expression, module);
      break;
    }
  }
  return HOST_PINNING_PREFIX.test(prefix.split(/[{%]/)[0] as string);
}
