/**
 * Client data that reaches a view through an API framework rather than `flask.request`:
 * Flask-RESTful / flask-restx / flask-restplus request parsers (`parser.parse_args()`, with the
 * arguments its `add_argument` calls declare), flask-restx's `api.payload` (the request JSON), and
 * the arguments of graphene (and ariadne) resolvers (`mutate`, `resolve_*`), which Flask-GraphQL's
 * view fills from the query the client sent.
 */
import { fieldOf } from './nav.js';
import { escapeRegExp, type PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { callArguments, enclosingClass, literalValue, nameOf, stringValue } from './syntax.js';
import { parametersOf } from './flask.js';

const API_FRAMEWORKS = ['flask_restful', 'flask_restx', 'flask_restplus'];
const PARSER = /^(flask_restful|flask_restx|flask_restplus)\.(.*\.)?(RequestParser\(\)|parser\(\))(\.copy\(\))?$/;
const API_OBJECT = /^(flask_restx|flask_restplus)\.(Api|Namespace)\(\)$/;
/** `type=` converters whose result carries no text: numbers, booleans, dates (reqparse's `inputs`). */
const NON_TEXT_TYPE = /^(builtins\.(int|float|bool)|(flask_restful|flask_restx|flask_restplus)\.inputs\.(boolean|positive|natural|int_range|date|datetime_from_iso8601|datetime_from_rfc822|iso8601interval|date_from_iso8601)(\(\))?|datetime\.\w+|decimal\.Decimal|uuid\.UUID)$/;
const UPLOAD_TYPE = 'werkzeug.datastructures.FileStorage';
const RESOLVER = /^(mutate|mutate_and_get_payload|resolve_\w+)$/;

/** How `parse_args()` returns an argument: no text (a number, a date, one of fixed choices) or an uploaded file. */
export type ParsedArgument = 'value' | 'upload';

/** Is `receiver.parse_args()` a Flask-RESTful/flask-restx request parser's? */
export function isRequestParser(module: PythonModule, receiver: SyntaxNode | null): boolean {
  if (!receiver || !module.importsFrom(...API_FRAMEWORKS)) return false;
  if (PARSER.test(module.resolve(receiver) ?? '')) return true;
  // `self.reqparse = reqparse.RequestParser()` in __init__, read in the methods.
  return new RegExp(addArgumentCalls(receiver).source).test(module.text);
}

/** `parser.add_argument(`, `self.reqparse.add_argument(` for this receiver (not `other_parser.add_argument(`). */
function addArgumentCalls(receiver: SyntaxNode): RegExp {
  return new RegExp(`(?<![\\w.])${escapeRegExp(receiver.text)}\\s*\\.\\s*add_argument\\s*\\(`, 'g');
}

/** The arguments this module's `add_argument` calls on the parser declare as non-text or uploads, by name. */
export function parsedArguments(module: PythonModule, receiver: SyntaxNode): ReadonlyMap<string, ParsedArgument> {
  const out = new Map<string, ParsedArgument>();
  for (const match of module.search(addArgumentCalls(receiver))) {
    let add: SyntaxNode | null = module.nodeAt(match.index, match.index + match[0].length);
    while (add && add.type !== 'call') add = add.parent;
    if (!add) continue;
    const args = callArguments(add);
    const name = stringValue(args.keywords.get('dest')?.value ?? null) ?? stringValue(args.positional[0] ?? null);
    if (!name) continue;
    const type = module.resolve(args.keywords.get('type')?.value ?? null) ?? '';
    const choices = args.keywords.get('choices')?.value;
    if (type === UPLOAD_TYPE) out.set(name, 'upload');
    else if (NON_TEXT_TYPE.test(type) || (choices && literalValue(choices) !== undefined) || (choices && ['list', 'tuple', 'set'].includes(choices.type) && choices.namedChildren.every((c) => literalValue(c) !== undefined)))
      out.set(name, 'value');
  }
  return out;
}

/** `api.payload`, `ns.payload`, `self.api.payload` in flask-restx: the request's JSON body. */
export function isApiPayload(module: PythonModule, object: SyntaxNode | null): boolean {
  if (!object || !module.importsFrom('flask_restx', 'flask_restplus')) return false;
  return object.text === 'self.api' || API_OBJECT.test(module.resolve(object) ?? '');
}

/**
 * For a GraphQL resolver (`def mutate(root, info, path)`, `def resolve_file(self, info, name)` in a
 * module that imports graphene or ariadne): the index of the first parameter the client fills.
 */
export function graphqlArgumentsFrom(module: PythonModule, fn: SyntaxNode): number | undefined {
  // Methods of graphene's types, or module-level resolvers given to a Field (or bound with ariadne).
  if (!RESOLVER.test(nameOf(fn)) || !module.importsFrom('graphene', 'ariadne')) return undefined;
  const info = parametersOf(fn).indexOf('info');
  return info < 0 ? undefined : info + 1;
}

/** The class and method, for descriptions: `UploadFile.mutate`. */
export function resolverName(fn: SyntaxNode): string {
  const cls = enclosingClass(fn);
  const className = cls ? fieldOf(cls, 'name')?.text : undefined;
  return className ? `${className}.${nameOf(fn)}` : nameOf(fn);
}
