/**
 * Exceptions a module catches by name: `except ValueError as e:` blocks and the parameters of
 * error handlers (`@app.errorhandler(Exception) def handle(e)`), with what they catch. Werkzeug's
 * HTTP errors are left out: their text is written for the client.
 */
import type { PythonModule } from './module.js';
import { fieldOf } from './nav.js';
import type { SyntaxNode } from './parser.js';

/**
 * Exceptions whose text is made for the client: Werkzeug's HTTP errors, and what the handler of
 * a status code receives — Flask hands a 500 handler an InternalServerError whose text is the
 * generic "500 Internal Server Error: …", not the exception that caused it.
 */
const CLIENT_FACING = /^(?:\d{3}|[\w.]*HTTPException|[\w.]*(?:NotFound|BadRequest|Unauthorized|Forbidden|MethodNotAllowed|Conflict|Gone|RequestEntityTooLarge|TooManyRequests|UnprocessableEntity|InternalServerError))$/;
/** Handlers for anything that goes wrong: their exception's text is whatever failed inside. */
const BROAD = /^(?:Exception|BaseException)$/;

export interface CaughtException {
  /** The name the exception is bound to: `e` of `except Exception as e`, or an error handler's parameter. */
  name: string;
  node: SyntaxNode;
  /** Where the name is visible: the except block, or the handler's body. */
  scope: SyntaxNode;
  /** The exception types or status codes caught, as written. */
  handles: string[];
}

export function caughtExceptions(module: PythonModule): CaughtException[] {
  const out: CaughtException[] = [];
  for (const clause of module.root.descendantsOfType('except_clause')) {
    const pattern = clause.namedChildren.find((c) => c.type === 'as_pattern');
    const alias = pattern ? fieldOf(pattern, 'alias')?.namedChild(0) : null;
    const block = clause.namedChildren.find((c) => c.type === 'block');
    if (!pattern || alias?.type !== 'identifier' || !block) continue;
    const types = pattern.namedChild(0);
    const handles = types?.type === 'tuple' ? types.namedChildren.map((t) => t.text) : types ? [types.text] : [];
    if (handles.some((h) => CLIENT_FACING.test(h))) continue;
    out.push({ name: alias.text, node: alias, scope: block, handles });
  }
  if (!/errorhandler|register_error_handler/.test(module.text)) return out;
  for (const fn of module.root.descendantsOfType('function_definition')) {
    const handled = module.flask.errorHandlerOf(fn);
    const parameter = fieldOf(fn, 'parameters')?.namedChildren[0];
    const body = fieldOf(fn, 'body');
    if (handled === null || parameter?.type !== 'identifier' || !body || CLIENT_FACING.test(handled)) continue;
    out.push({ name: parameter.text, node: parameter, scope: body, handles: [handled] });
  }
  return out;
}

/** A catch of anything (`except Exception`, a bare `except … as`, an Exception handler): its text is whatever failed. */
export function isBroad(caught: CaughtException): boolean {
  return caught.handles.length === 0 || caught.handles.every((h) => BROAD.test(h));
}

/** The caught exception a name in `node` (or `node` itself) refers to. */
export function caughtExceptionIn(module: PythonModule, caught: readonly CaughtException[], node: SyntaxNode): CaughtException | undefined {
  if (caught.length === 0) return undefined;
  const names = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
  for (const name of names) {
    const binding = module.bindingAt(name.text, name);
    const found = binding && caught.find((c) => c.node.id === binding.node.id);
    if (found) return found;
  }
  return undefined;
}
