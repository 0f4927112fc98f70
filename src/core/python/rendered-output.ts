/**
 * Where rendered template text goes: the body of a view's response (text/html unless the code
 * declares another type), or somewhere that is not a web page — an e-mail body, a file, a
 * text/plain or JSON response. A plain-text template is only an XSS risk in the first case.
 */
import { escapeRegExp, type PythonModule } from './module.js';
import { parentOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { argument, enclosingFunction, stringValue } from './syntax.js';

export type Destination = 'response' | 'non-html' | 'elsewhere';

const RESPONSES = ['flask.make_response', 'flask.Response'];
/** Wrappers whose result is still the text: `str(...)`, `Markup(...)`. */
const PASS_THROUGH = ['builtins.str', 'markupsafe.Markup'];
/** Calls and keywords that take text for a mail, a file or a log, not a page. */
const NOT_A_PAGE = /mail|message|send|write|dump|save|log|print|body|text|plain|subject|notify|publish|cache/i;
/** Attributes that hold a mail's or message's text (`msg.body = …`). */
const TEXT_ATTRIBUTES = /^(?:body|text|text_body|plain|plain_body|subject|content_text)$/i;
const MAX_DEPTH = 3;

/** Where the value of `node` (a render call, or a name bound to its result) ends up. */
export function destinationOf(module: PythonModule, node: SyntaxNode, depth = 0): Destination {
  if (depth > MAX_DEPTH) return 'elsewhere';
  let child = node;
  let parent = parentOf(child);
  while (parent?.type === 'parenthesized_expression') [child, parent] = [parent, parentOf(parent)];
  if (!parent) return 'elsewhere';
  switch (parent.type) {
    case 'return_statement':
      return returned(module, parent, depth);
    case 'expression_list':
    case 'tuple': {
      // `return body, 200, {"Content-Type": "text/plain"}`.
      if (parent.namedChild(0)?.id !== child.id) return 'elsewhere';
      if (/content[-_]type|mimetype/i.test(parent.text)) return /html/i.test(parent.text) ? destinationOf(module, parent, depth) : 'non-html';
      return destinationOf(module, parent, depth);
    }
    case 'keyword_argument':
    case 'argument_list': {
      const list = parent.type === 'keyword_argument' ? parentOf(parent) : parent;
      const call = list ? parentOf(list) : null;
      if (call?.type !== 'call') return 'elsewhere';
      if (RESPONSES.some((r) => module.isCallTo(call, r))) return declaresOtherType(call) ? 'non-html' : destinationOf(module, call, depth + 1);
      if (PASS_THROUGH.some((r) => module.isCallTo(call, r))) return destinationOf(module, call, depth + 1);
      const keyword = parent.type === 'keyword_argument' ? (parent.childForFieldName('name')?.text ?? '') : '';
      if (/html/i.test(keyword)) return 'elsewhere';
      return NOT_A_PAGE.test(keyword) || NOT_A_PAGE.test(call.childForFieldName('function')?.text ?? '') ? 'non-html' : 'elsewhere';
    }
    case 'assignment':
    case 'augmented_assignment': {
      if (parent.childForFieldName('right')?.id !== child.id) return 'elsewhere';
      const left = parent.childForFieldName('left');
      if (left?.type === 'attribute') return TEXT_ATTRIBUTES.test(left.childForFieldName('attribute')?.text ?? '') ? 'non-html' : 'elsewhere';
      return left?.type === 'identifier' ? usesOf(module, left, depth) : 'elsewhere';
    }
    default:
      return 'elsewhere';
  }
}

/** `return render_template(…)`: a view's response, or what the callers of a helper do with it. */
function returned(module: PythonModule, statement: SyntaxNode, depth: number): Destination {
  const fn = enclosingFunction(statement);
  if (!fn) return 'elsewhere';
  if (module.flask.isResponder(fn)) return 'response';
  const name = fn.childForFieldName('name')?.text;
  if (!name || fn.type !== 'function_definition') return 'elsewhere';
  const found: Destination[] = [];
  for (const match of module.search(new RegExp(`(?<![\\w])${escapeRegExp(name)}\\s*\\(`, 'g'))) {
    const callee = module.codeAt(match.index, name.length);
    const call = callee?.parent?.type === 'call' ? callee.parent : callee?.parent?.parent;
    if (call?.type === 'call' && call.id !== fn.id && !(call.startIndex >= fn.startIndex && call.endIndex <= fn.endIndex)) found.push(destinationOf(module, call, depth + 1));
  }
  return combine(found);
}

/** What the code does with a name bound to the rendered text, after it is bound. */
function usesOf(module: PythonModule, name: SyntaxNode, depth: number): Destination {
  const scope = enclosingFunction(name) ?? module.root;
  const found: Destination[] = [];
  for (const match of module.search(new RegExp(`(?<![\\w.])${escapeRegExp(name.text)}\\b`, 'g'), scope)) {
    if (match.index <= name.startIndex) continue;
    const use = module.codeAt(match.index, name.text.length);
    if (!use || module.bindingAt(name.text, use)?.node.id !== module.bindingAt(name.text, name)?.node.id) continue;
    const parent = parentOf(use);
    // `resp.mimetype = "text/plain"`, `resp.headers["Content-Type"] = "text/plain"`: the response says what it is.
    if (parent?.type === 'attribute' && declaresTypeBy(parent)) return 'non-html';
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === use.id) break;
    found.push(destinationOf(module, use, depth + 1));
  }
  return combine(found);
}

function combine(found: readonly Destination[]): Destination {
  if (found.includes('response')) return 'response';
  return found.length > 0 && found.every((d) => d === 'non-html') ? 'non-html' : 'elsewhere';
}

/** `resp.mimetype = "text/plain"` or `resp.headers["Content-Type"] = "application/json"` around an attribute of the response. */
function declaresTypeBy(attribute: SyntaxNode): boolean {
  const name = attribute.childForFieldName('attribute')?.text;
  let target: SyntaxNode = attribute;
  if (name === 'headers' && parentOf(attribute)?.type === 'subscript') target = parentOf(attribute) as SyntaxNode;
  else if (name !== 'mimetype' && name !== 'content_type') return false;
  if (name === 'headers' && !/content[-_]type/i.test(target.text)) return false;
  const assignment = parentOf(target);
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== target.id) return false;
  const value = stringValue(assignment.childForFieldName('right'));
  return value !== undefined && !/html/i.test(value);
}

/** `Response(body, mimetype="text/plain")`, `make_response(body, 200, {"Content-Type": "application/json"})`. */
function declaresOtherType(call: SyntaxNode): boolean {
  const declared = argument(call, 'mimetype') ?? argument(call, 'content_type');
  if (declared) return !/html/i.test(stringValue(declared) ?? '');
  const rest = call.childForFieldName('arguments')?.namedChildren.slice(1).map((n) => n.text).join(' ') ?? '';
  return /content[-_]type/i.test(rest) && !/html/i.test(rest);
}
