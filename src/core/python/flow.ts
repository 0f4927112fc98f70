/**
 * Request-data flow. Inside each function, values that come from the request (request.args,
 * request.files, route parameters, Flask-WTF/WTForms fields, …) are followed through assignments,
 * f-strings, `+`, `%`, `.format`, os.path.join, string methods and subscripts, until a sanitizer
 * (secure_filename, safe_join, os.path.basename, escape, int(), …) or a guard (a realpath +
 * startswith check, a urlparse(...).netloc comparison, an allow-list membership test) makes them
 * safe for a kind of sink. Helpers in the same module are followed both ways: a helper's parameter
 * is request data when a caller passes request data, and a helper that returns request data
 * taints its result.
 *
 * The analysis is flow-sensitive in statement order, merges branches conservatively (a value
 * sanitized in only one branch is still request data after the branch), and runs lazily: only
 * the functions a rule asks about are analyzed.
 */
import { graphqlArgumentsFrom, isApiPayload, isRequestParser, parsedArguments, resolverName, type ParsedArgument } from './api-arguments.js';
import { fieldOf, isModuleScope, parentOf } from './nav.js';
import type { FlaskModel } from './flask.js';
import { keywordSplatOf, parametersOf } from './flask.js';
import { FormModel, hasConstantChoices, isValidatedAt, type FormRead } from './forms.js';
import { escapeRegExp, type PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { ancestors, boundNames, callArguments, enclosingClass, enclosingFunction, nameOf, stringValue } from './syntax.js';
import { OWN_URL_ATTRIBUTES, startsWithFixedHost } from './url-prefix.js';

/** What a sink does with a value: read a path, emit HTML, compile a template, redirect to a URL. */
/** Compiled patterns of referenceTo, by name (bounded: a long-lived process meets many names). */
const references = new Map<string, RegExp>();
const MAX_REFERENCES = 10_000;

/** `(?<![\w.])name\b`: a use of the name itself, not an attribute of something else. Compiled once: every statement asks again. */
function referenceTo(name: string): RegExp {
  let pattern = references.get(name);
  if (!pattern) {
    if (references.size >= MAX_REFERENCES) references.clear();
    pattern = new RegExp(`(?<![\\w.])${escapeRegExp(name)}\\b`);
    references.set(name, pattern);
  }
  return pattern;
}

export type SinkKind = 'path' | 'html' | 'template' | 'url';

const BIT: Record<SinkKind, number> = { path: 1, html: 2, template: 4, url: 8 };
const ALL = 15;

export interface RequestSource {
  /** How the value reaches the code: `request.args.get("next")`, `route parameter <path:name>`. */
  description: string;
  node: SyntaxNode;
  /** For route parameters, the URL converter (`path`, `string`, …). */
  converter?: string;
  /** The value may be, or be read from, a file the client uploaded (a werkzeug FileStorage). */
  upload?: boolean;
  /** For WTForms data (`form.photo.data`): the form and field it was read from. */
  form?: FormRead;
  /** For a request parser's `parse_args()` result: the arguments it parses to non-text values or uploads. */
  parsed?: ReadonlyMap<string, ParsedArgument>;
}

type Origin =
  | { kind: 'request'; source: RequestSource }
  | { kind: 'param'; fn: SyntaxNode; index: number; name: string };

interface Taint {
  origin: Origin;
  /** Sink kinds (bits of BIT) this value has been made safe for. */
  cleared: number;
}

type Env = ReadonlyMap<string, readonly Taint[]>;

/** Attributes of `flask.request` that carry client-controlled data. */
const REQUEST_ATTRIBUTES = new Set([
  'args', 'form', 'values', 'json', 'files', 'cookies', 'headers', 'data', 'view_args', 'path', 'full_path',
  'url', 'base_url', 'url_root', 'host_url', 'referrer', 'query_string', 'stream', 'user_agent', 'environ',
  'script_root', 'input_stream', 'authorization',
]);
const REQUEST_METHODS = new Set(['get_json', 'get_data']);

/** Calls that make a value safe for some sinks, by canonical name. */
const SANITIZERS: Record<string, number> = {
  'werkzeug.utils.secure_filename': ALL,
  'werkzeug.utils.safe_join': BIT.path,
  'os.path.basename': BIT.path,
  'markupsafe.escape': BIT.html,
  'html.escape': BIT.html,
  'cgi.escape': BIT.html,
  'bleach.clean': BIT.html,
  'markupsafe.Markup.escape': BIT.html,
  'urllib.parse.quote': BIT.html | BIT.template,
  'flask.url_for': ALL,
  'builtins.int': ALL,
  'builtins.float': ALL,
  'builtins.bool': ALL,
  'builtins.len': ALL,
  'builtins.hash': ALL,
  'builtins.abs': ALL,
  'builtins.round': ALL,
  'uuid.UUID': ALL,
};

/** Calls whose result carries the request data of their arguments. */
const PROPAGATORS = new Set([
  'builtins.str', 'builtins.bytes', 'builtins.repr', 'builtins.format', 'builtins.list', 'builtins.tuple',
  'builtins.dict', 'builtins.set', 'builtins.sorted', 'builtins.reversed', 'builtins.next', 'builtins.iter',
  'os.path.join', 'os.path.normpath', 'os.path.abspath', 'os.path.realpath', 'os.path.expanduser',
  'os.path.expandvars', 'os.path.dirname', 'os.fspath', 'pathlib.Path', 'pathlib.PurePath', 'urllib.parse.unquote',
  'urllib.parse.unquote_plus', 'urllib.parse.urljoin', 'base64.b64decode', 'base64.urlsafe_b64decode',
  'json.loads', 'markupsafe.Markup', 'textwrap.dedent', 'string.Template',
  // Containers built from request data hold it.
  'collections.OrderedDict', 'collections.ChainMap', 'copy.copy', 'copy.deepcopy', 'werkzeug.datastructures.MultiDict',
  'werkzeug.datastructures.ImmutableMultiDict', 'werkzeug.datastructures.CombinedMultiDict', 'werkzeug.datastructures.Headers',
  'requests.structures.CaseInsensitiveDict',
  // Parsers of request headers: the parsed value is still what the client sent.
  'werkzeug.http.parse_authorization_header', 'werkzeug.http.parse_dict_header', 'werkzeug.http.parse_list_header',
  'werkzeug.http.parse_options_header', 'werkzeug.http.parse_cookie', 'urllib.parse.parse_qs', 'urllib.parse.parse_qsl',
]);

const BUILTIN_CONTAINERS = new Set(['builtins.dict()', 'builtins.list()', 'builtins.tuple()', 'builtins.set()']);

/** Methods whose result does not carry the receiver's text. */
const NON_STRING_METHODS = new Set([
  'isdigit', 'isalnum', 'isalpha', 'isnumeric', 'isdecimal', 'isidentifier', 'isspace', 'islower', 'isupper',
  'startswith', 'endswith', 'count', 'find', 'rfind', 'index', 'rindex', 'save', 'close', 'keys', '__len__',
]);
/** Methods whose arguments flow into the result (`"<p>{}</p>".format(q)`, `", ".join(parts)`). */
const ARGUMENT_METHODS = new Set([
  'format', 'format_map', 'join', 'replace', 'substitute', 'safe_substitute',
  // Deserializers hand back what they were given: marshmallow's `schema.load(request.json)`, pydantic's `Model.model_validate(...)`, `yaml.load(...)`.
  'load', 'loads', 'model_validate', 'parse_obj',
]);
/**
 * Lookups whose first argument is a key: only the default flows into the result. A request value
 * used as a key (`FILES.get(request.args["f"])`, `Document.query.get(doc_id)`) picks a value the
 * application chose; it does not become that value.
 */
const LOOKUP_METHODS = new Set(['get', 'setdefault', 'pop']);
/** Markup's formatting escapes what it inserts: `Markup("<b>{}</b>").format(q)`, `Markup("<b>%s</b>") % q`. */
const MARKUP = 'markupsafe.Markup()';
const MARKUP_FORMATTERS = new Set(['format', 'format_map', 'join']);

const MAX_TAINTS = 4;
const MAX_EXPRESSION_DEPTH = 80;
const MAX_CALL_DEPTH = 4;

function union(a: readonly Taint[], b: readonly Taint[]): readonly Taint[] {
  if (a.length === 0 || a === b) return b;
  if (b.length === 0) return a;
  const out = [...a];
  for (const t of b) {
    if (out.length >= MAX_TAINTS) break;
    if (!out.some((o) => o.origin === t.origin && o.cleared === t.cleared)) out.push(t);
  }
  return out;
}

function clear(taints: readonly Taint[], mask: number): readonly Taint[] {
  return mask === 0 ? taints : taints.map((t) => ({ origin: t.origin, cleared: t.cleared | mask }));
}

function mergeEnvs(envs: Env[]): Env {
  const [first, ...rest] = envs;
  if (!first) return new Map();
  if (rest.every((e) => e === first)) return first;
  const out = new Map(first);
  for (const env of rest) for (const [name, taints] of env) out.set(name, union(out.get(name) ?? [], taints));
  return out;
}

function bind(env: Env, name: string, taints: readonly Taint[]): Env {
  const current = env.get(name);
  if (taints.length === 0 && !current) return env;
  const out = new Map(env);
  if (taints.length === 0) out.delete(name);
  else out.set(name, taints);
  return out;
}

export class RequestFlow {
  private readonly flows = new Map<number, FunctionFlow>();
  private readonly building = new Set<number>();
  private readonly projectFunctions = new Map<string, boolean>();
  private requestWords?: RegExp;
  readonly forms: FormModel;

  constructor(
    readonly module: PythonModule,
    readonly flask: FlaskModel,
  ) {
    this.forms = new FormModel(module);
  }

  /**
   * Where the request data that reaches `expr` comes from, when it can still carry an attack
   * on a sink of this kind; null when the value is not request data or has been made safe.
   */
  requestData(expr: SyntaxNode | null, sink: SinkKind): RequestSource | null {
    if (!expr) return null;
    return this.firstSource(this.taintsAt(expr), BIT[sink], new Set(), 0);
  }

  /**
   * Where the request data in `expr` comes from even after sanitizers: a name passed through
   * secure_filename() is still the client's name (its extension, for instance).
   */
  origin(expr: SyntaxNode | null): RequestSource | null {
    if (!expr) return null;
    return this.firstSource(this.taintsAt(expr), 0, new Set(), 0);
  }

  /** Request data that reaches `expr`, for any sink. */
  isRequestData(expr: SyntaxNode | null): boolean {
    return this.origin(expr) !== null;
  }

  private firstSource(taints: readonly Taint[], bit: number, visiting: Set<string>, depth: number): RequestSource | null {
    for (const taint of taints) {
      if (taint.cleared & bit) continue;
      const origin = taint.origin;
      if (origin.kind === 'request') return origin.source;
      const key = `${origin.fn.id}:${origin.index}`;
      if (depth >= MAX_CALL_DEPTH || visiting.has(key)) continue;
      visiting.add(key);
      for (const arg of this.argumentsPassedTo(origin.fn, origin.index, origin.name)) {
        const found = this.firstSource(clear(this.taintsAt(arg), taint.cleared), bit, visiting, depth + 1);
        if (found) return found;
      }
    }
    return null;
  }

  /** The taints of an expression at the point where it is evaluated. */
  taintsAt(expr: SyntaxNode): readonly Taint[] {
    let scope = enclosingFunction(expr);
    while (scope?.type === 'lambda') scope = enclosingFunction(scope);
    const flow = this.flowOf(scope ?? this.module.root);
    return flow ? flow.evaluate(expr, flow.envAt(expr), 0) : [];
  }

  flowOf(scope: SyntaxNode): FunctionFlow | undefined {
    const cached = this.flows.get(scope.id);
    if (cached) return cached;
    if (this.building.has(scope.id)) return undefined;
    this.building.add(scope.id);
    try {
      const flow = new FunctionFlow(scope, this);
      this.flows.set(scope.id, flow);
      return flow;
    } finally {
      this.building.delete(scope.id);
    }
  }

  /** Arguments that calls in this module pass to a function's parameter. */
  private argumentsPassedTo(fn: SyntaxNode, index: number, name: string): SyntaxNode[] {
    const fnName = nameOf(fn);
    const cls = enclosingClass(fn);
    const out: SyntaxNode[] = [];
    const pattern = new RegExp(`${cls ? '\\.' : '(?<![\\w.])'}${fnName}\\s*\\(`, 'g');
    for (const match of this.module.search(pattern)) {
      const at = match.index + (cls ? 1 : 0);
      const call = this.module.nodeAt(at, at + fnName.length).parent;
      const target = call?.type === 'attribute' ? parentOf(call) : call;
      if (target?.type !== 'call' || !this.calls(target, fn, cls)) continue;
      const args = callArguments(target);
      // Methods called as self.f(x): parameter 0 is self.
      const position = cls ? index - 1 : index;
      const arg = args.keywords.get(name)?.value ?? (position >= 0 ? args.positional[position] : undefined);
      if (arg) out.push(arg);
    }
    return out;
  }

  private calls(call: SyntaxNode, fn: SyntaxNode, cls: SyntaxNode | null): boolean {
    const callee = fieldOf(call, 'function');
    if (!callee) return false;
    if (!cls) return this.module.resolve(callee) === `${this.module.name}.${nameOf(fn)}`;
    const receiver = fieldOf(callee, 'object')?.text;
    return (receiver === 'self' || receiver === 'cls') && enclosingClass(enclosingFunction(call) ?? call)?.id === cls.id;
  }

  /**
   * Might this text refer to the request? It names `request` (or an import alias of it); in a
   * module that stores the request under another name (`req = request`) every text might.
   */
  mentionsRequest(text: string): boolean {
    if (!this.requestWords) {
      const aliases = this.module.imports.filter((i) => i.qualified === 'flask.request').map((i) => escapeRegExp(i.local));
      const aliased = /^[ \t]*[\w.]+[ \t]*=[ \t]*(flask\.)?request[ \t]*(#.*)?$/m.test(this.module.text);
      this.requestWords = aliased ? /[\s\S]/ : new RegExp(`\\b(${['request', ...aliases].join('|')})\\b`);
    }
    return this.requestWords.test(text);
  }

  /**
   * Can a call of this name reach a helper of the project (a def of this module, or a name imported
   * from another project module), whose returns are followed? Library functions' are not.
   */
  isProjectFunction(name: string): boolean {
    let found = this.projectFunctions.get(name);
    if (found === undefined) {
      found =
        new RegExp(`\\bdef\\s+${escapeRegExp(name)}\\s*\\(`).test(this.module.text) ||
        this.module.imports.some((i) => i.local === name && this.module.isProjectImport(i.qualified));
      this.projectFunctions.set(name, found);
    }
    return found;
  }

  /** For a call to a function of this module, the taints of what it returns, given the call's arguments. */
  returnedTaints(call: SyntaxNode, env: Env, caller: FunctionFlow, depth: number): readonly Taint[] {
    const callee = fieldOf(call, 'function');
    const local = this.localDefinition(callee);
    const imported = local ? null : this.projectDefinition(callee);
    const definition = local ?? imported?.node;
    if (!definition) return [];
    const flow = local ? this.flowOf(local) : imported?.module.flow.flowOf(imported.node);
    if (!flow || flow.returns.length === 0) return [];
    const args = callArguments(call);
    const params = parametersOf(definition);
    const offset = enclosingClass(definition) && callee?.type === 'attribute' ? 1 : 0;
    let out: readonly Taint[] = [];
    for (const taint of flow.returns) {
      const origin = taint.origin;
      if (origin.kind === 'request') {
        out = union(out, [taint]);
        continue;
      }
      if (origin.fn.id !== definition.id) continue;
      const arg = args.keywords.get(params[origin.index] ?? '')?.value ?? args.positional[origin.index - offset];
      if (arg) out = union(out, clear(caller.evaluate(arg, env, depth + 1), taint.cleared));
    }
    return out;
  }

  /**
   * A function imported from another module of the project (`from .storage import shelf_path`):
   * what it returns is followed like a local helper's. (Its parameters are not followed back to
   * callers in other modules.)
   */
  private projectDefinition(callee: SyntaxNode | null): { module: PythonModule; node: SyntaxNode } | null {
    if (callee?.type !== 'identifier') return null;
    const resolved = this.module.resolve(callee);
    const found = resolved ? this.module.definitionOf(resolved) : undefined;
    return found && found.module !== this.module && found.node.type === 'function_definition' ? found : null;
  }

  private localDefinition(callee: SyntaxNode | null): SyntaxNode | null {
    if (!callee) return null;
    if (callee.type === 'attribute') {
      const receiver = fieldOf(callee, 'object')?.text;
      if (receiver !== 'self' && receiver !== 'cls') return null;
      const cls = enclosingClass(enclosingFunction(callee) ?? callee);
      const method = fieldOf(callee, 'attribute')?.text;
      const body = cls?.childForFieldName('body');
      const def = body?.namedChildren
        .map((c) => (c.type === 'decorated_definition' ? fieldOf(c, 'definition') : c))
        .find((c) => c?.type === 'function_definition' && nameOf(c) === method);
      return def ?? null;
    }
    const resolved = this.module.resolve(callee);
    const local = resolved ? this.module.definitionOf(resolved) : undefined;
    return local?.module === this.module && local.node.type === 'function_definition' ? local.node : null;
  }
}

const COMPREHENSIONS = new Set(['list_comprehension', 'generator_expression', 'set_comprehension', 'dictionary_comprehension']);

/** The request-data state of one function (or the module's top level), statement by statement. */
export class FunctionFlow {
  private readonly envs = new Map<number, Env>();
  readonly returns: Taint[] = [];
  private initial?: Env;
  /** A route handler's `**kwargs`: the URL parameters it holds, by name, and the taints it starts with. */
  private urlKeywords?: { name: string; all: readonly Taint[]; byKey: ReadonlyMap<string, readonly Taint[]> };

  constructor(
    readonly scope: SyntaxNode,
    private readonly flow: RequestFlow,
  ) {
    const body = isModuleScope(scope) ? scope : fieldOf(scope, 'body');
    if (body) this.block(body, this.initialEnv());
  }

  private get module(): PythonModule {
    return this.flow.module;
  }

  private initialEnv(): Env {
    this.initial ??= this.parameterEnv();
    return this.initial;
  }

  /** Route parameters are request data; other parameters are followed to the callers. */
  private parameterEnv(): Env {
    const env = new Map<string, readonly Taint[]>();
    if (this.scope.type !== 'function_definition') return env;
    const params = parametersOf(this.scope);
    const keywords = keywordSplatOf(this.scope);
    // Without parameters there is nothing a route could pass in: no need to find the route.
    if (params.length === 0 && !keywords) return env;
    const graphql = graphqlArgumentsFrom(this.module, this.scope);
    if (graphql !== undefined) return this.graphqlEnv(params.slice(graphql), keywords);
    const route = this.flow.flask.routeOf(this.scope);
    params.forEach((name, index) => {
      if (route) {
        const converter = route.rules.map((r) => r.params.get(name)).find(Boolean);
        const taint = converter ? this.routeParameter(name, converter) : null;
        if (taint) env.set(name, [taint]);
        return;
      }
      if (name && name !== 'self' && name !== 'cls') env.set(name, [{ origin: { kind: 'param', fn: this.scope, index, name }, cleared: 0 }]);
    });
    // `dispatch_request(self, **kwargs)`: the URL parameters no named parameter takes.
    if (route && keywords) {
      const byKey = new Map<string, readonly Taint[]>();
      for (const [name, converter] of route.rules.flatMap((r) => [...r.params])) {
        if (params.includes(name) || byKey.has(name)) continue;
        const taint = this.routeParameter(name, converter);
        byKey.set(name, taint ? [taint] : []);
      }
      const all = [...byKey.values()].flat().slice(0, MAX_TAINTS);
      if (all.length > 0) {
        env.set(keywords, all);
        this.urlKeywords = { name: keywords, all, byKey };
      }
    }
    return env;
  }

  /** A GraphQL resolver's arguments (and its `**kwargs`): what the client's query passed. */
  private graphqlEnv(names: readonly string[], keywords: string | null): Env {
    const env = new Map<string, readonly Taint[]>();
    const resolver = resolverName(this.scope);
    for (const name of keywords ? [...names, keywords] : names) {
      const source: RequestSource = { description: `GraphQL argument ${name} of ${resolver}()`, node: this.scope };
      env.set(name, [{ origin: { kind: 'request', source }, cleared: 0 }]);
    }
    return env;
  }

  /** A URL parameter as request data; null for int/float/uuid values, which cannot carry an attack, and `any(a, b)`, which only matches its listed words. */
  private routeParameter(name: string, converter: string): Taint | null {
    if (['int', 'float', 'uuid', 'any'].includes(converter)) return null;
    const source: RequestSource = { description: `route parameter <${converter === 'string' ? '' : `${converter}:`}${name}>`, node: this.scope, converter };
    return { origin: { kind: 'request', source }, cleared: 0 };
  }

  /**
   * `kwargs["name"]` or `kwargs.get("name")` on a route handler's `**kwargs`, while it still holds
   * the URL parameters: that parameter only. Undefined for any other expression.
   */
  private urlKeyword(receiver: SyntaxNode | null, key: SyntaxNode | null, env: Env): readonly Taint[] | undefined {
    const keywords = this.urlKeywords;
    if (!keywords || receiver?.type !== 'identifier' || receiver.text !== keywords.name || env.get(keywords.name) !== keywords.all) return undefined;
    const name = stringValue(key);
    return name === undefined ? undefined : (keywords.byKey.get(name) ?? []);
  }

  /** The state just before the statement that contains `node`. */
  envBefore(node: SyntaxNode): Env {
    for (let n: SyntaxNode | null = node; n && n.id !== this.scope.id; n = parentOf(n)) {
      const env = this.envs.get(n.id);
      if (env) return env;
    }
    return this.initialEnv();
  }

  /** The state at `node`: before its statement, with the loop variables of the comprehensions around it bound. */
  envAt(node: SyntaxNode): Env {
    const comprehensions = ancestors(node).filter((n) => COMPREHENSIONS.has(n.type)).reverse();
    return comprehensions.reduce((env, comprehension) => this.loopVariables(comprehension, env, 0, node), this.envBefore(node));
  }

  /** `env` with a comprehension's loop variables bound; when `inside` is in one of its iterables, only the clauses before it. */
  private loopVariables(comprehension: SyntaxNode, env: Env, depth: number, inside?: SyntaxNode): Env {
    let bound = env;
    for (const clause of comprehension.namedChildren.filter((c) => c.type === 'for_in_clause')) {
      const iterated = fieldOf(clause, 'right');
      if (inside && iterated && inside.startIndex >= iterated.startIndex && inside.endIndex <= iterated.endIndex) break;
      const taints = this.evaluate(iterated, bound, depth);
      const left = fieldOf(clause, 'left');
      for (const name of left ? boundNames(left) : []) bound = bind(bound, name.text, taints);
    }
    return bound;
  }

  private block(block: SyntaxNode, env: Env): Env {
    let current = env;
    for (const statement of block.namedChildren) current = this.statement(statement, current);
    return current;
  }

  private statement(node: SyntaxNode, env: Env): Env {
    this.envs.set(node.id, env);
    switch (node.type) {
      case 'expression_statement': {
        let current = env;
        for (const child of node.namedChildren) {
          if (child.type === 'assignment' || child.type === 'augmented_assignment') current = this.assign(child, current);
        }
        return current;
      }
      case 'return_statement': {
        const value = node.namedChild(0);
        if (value) for (const t of this.evaluateStatementPart(value, env)) if (this.returns.length < MAX_TAINTS) this.returns.push(t);
        return env;
      }
      case 'if_statement':
        return this.ifStatement(node, env);
      case 'for_statement': {
        const left = fieldOf(node, 'left');
        const iterated = this.evaluateStatementPart(fieldOf(node, 'right'), env);
        let loopEnv = env;
        for (const name of left ? boundNames(left) : []) loopEnv = bind(loopEnv, name.text, iterated);
        return this.loop(node, env, loopEnv);
      }
      case 'while_statement': {
        const guarded = this.guard(fieldOf(node, 'condition'), env);
        return this.loop(node, env, guarded);
      }
      case 'try_statement': {
        const outs: Env[] = [env];
        const body = fieldOf(node, 'body');
        const afterBody = body ? this.block(body, env) : env;
        outs.push(afterBody);
        for (const clause of node.namedChildren) {
          if (clause.type === 'except_clause' || clause.type === 'except_group_clause') {
            const block = clause.namedChildren.find((c) => c.type === 'block');
            if (block) outs.push(this.block(block, mergeEnvs([env, afterBody])));
          } else if (clause.type === 'else_clause') {
            const block = fieldOf(clause, 'body');
            if (block) outs.push(this.block(block, afterBody));
          }
        }
        let merged = mergeEnvs(outs);
        const final = node.namedChildren.find((c) => c.type === 'finally_clause');
        const finalBlock = final?.namedChildren.find((c) => c.type === 'block');
        if (finalBlock) merged = this.block(finalBlock, merged);
        return merged;
      }
      case 'with_statement': {
        let current = env;
        for (const item of node.descendantsOfType('with_item')) {
          const value = fieldOf(item, 'value');
          if (value?.type === 'as_pattern') {
            const alias = fieldOf(value, 'alias');
            const taints = this.evaluate(value.namedChild(0), current, 0);
            for (const name of alias ? boundNames(alias.namedChild(0) ?? alias) : []) current = bind(current, name.text, taints);
          }
        }
        const body = fieldOf(node, 'body');
        return body ? this.block(body, current) : current;
      }
      case 'match_statement': {
        const outs: Env[] = [env];
        for (const block of node.descendantsOfType('block')) if (parentOf(block)?.type === 'case_clause') outs.push(this.block(block, env));
        return mergeEnvs(outs);
      }
      case 'assert_statement':
        return this.guard(node.namedChild(0), env);
      default:
        // Nested defs and classes are analyzed on their own; other statements bind nothing we follow.
        return env;
    }
  }

  private ifStatement(node: SyntaxNode, env: Env): Env {
    const condition = fieldOf(node, 'condition');
    const guarded = this.guard(condition, env);
    const consequence = fieldOf(node, 'consequence');
    const outs: Env[] = [consequence ? this.block(consequence, guarded) : guarded];
    let hasElse = false;
    for (const alternative of node.childrenForFieldName('alternative')) {
      if (alternative.type === 'elif_clause') {
        const elifGuarded = this.guard(fieldOf(alternative, 'condition'), env);
        const block = fieldOf(alternative, 'consequence');
        outs.push(block ? this.block(block, elifGuarded) : elifGuarded);
      } else {
        hasElse = true;
        const block = fieldOf(alternative, 'body');
        if (block) outs.push(this.block(block, env));
      }
    }
    if (!hasElse) outs.push(env);
    // A guard that fails usually aborts (`if not safe(x): abort(404)`): after the `if`, the
    // checked value counts as checked.
    return this.guard(condition, mergeEnvs(outs));
  }

  private loop(node: SyntaxNode, before: Env, entry: Env): Env {
    const body = fieldOf(node, 'body');
    if (!body) return before;
    const once = this.block(body, entry);
    const twice = this.block(body, mergeEnvs([entry, once]));
    const alternative = fieldOf(node, 'alternative');
    const merged = mergeEnvs([before, once, twice]);
    const elseBlock = alternative?.childForFieldName('body');
    return elseBlock ? this.block(elseBlock, merged) : merged;
  }

  private assign(node: SyntaxNode, env: Env): Env {
    const left = fieldOf(node, 'left');
    let right = fieldOf(node, 'right');
    if (!left || !right) return env;
    if (node.type === 'augmented_assignment') {
      if (left.type !== 'identifier') return env;
      return bind(env, left.text, union(env.get(left.text) ?? [], this.evaluateStatementPart(right, env)));
    }
    // `a = b = value`
    const targets = [left];
    while (right.type === 'assignment') {
      const inner = fieldOf(right, 'left');
      if (inner) targets.push(inner);
      const next = fieldOf(right, 'right');
      if (!next) return env;
      right = next;
    }
    const taints = this.evaluateStatementPart(right, env);
    let current = env;
    for (const target of targets) {
      if (target.type === 'subscript') {
        // `d["k"] = request.args["p"]` makes the container request data.
        const container = fieldOf(target, 'value');
        if (container?.type === 'identifier') current = bind(current, container.text, union(current.get(container.text) ?? [], taints));
        continue;
      }
      for (const name of boundNames(target)) current = bind(current, name.text, taints);
    }
    return current;
  }

  /** The env with the values a condition checks marked safe for the sinks the check protects. */
  private guard(condition: SyntaxNode | null, env: Env): Env {
    if (!condition || env.size === 0) return env;
    // A condition that names no request-data variable checks none (a text test saves the tree walk).
    const text = condition.text;
    if (![...env.keys()].some((name) => referenceTo(name).test(text))) return env;
    const checks = new Map<string, number>();
    const mark = (node: SyntaxNode | null | undefined, mask: number) => {
      if (!node) return;
      const names = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
      for (const name of names) if (env.has(name.text)) checks.set(name.text, (checks.get(name.text) ?? 0) | mask);
    };
    const nodes = [condition, ...condition.descendantsOfType(['call', 'comparison_operator', 'attribute'])];
    for (const node of nodes) {
      if (node.type === 'comparison_operator') {
        const operators = node.children.filter((c) => !c.isNamed).map((c) => c.type);
        if (operators.includes('in') || operators.includes('not in')) {
          // `name in ALLOWED`: an allow-list.
          const first = node.namedChild(0);
          if (first?.type === 'identifier') mark(first, ALL);
          // `BASE in target.parents` (pathlib): containment of a resolved path.
          const second = node.namedChild(1);
          if (second?.type === 'attribute' && fieldOf(second, 'attribute')?.text === 'parents')
            this.markContained(fieldOf(second, 'object'), mark);
        }
        // `os.path.commonpath([BASE, full]) == BASE`, and the string-prefix variant commonprefix.
        if (/\bcommon(path|prefix)\s*\(/.test(node.text)) this.markContained(node, mark);
        continue;
      }
      if (node.type === 'attribute') {
        const attr = fieldOf(node, 'attribute')?.text;
        const object = fieldOf(node, 'object');
        if ((attr === 'netloc' || attr === 'scheme' || attr === 'hostname') && object?.type === 'call' && /urlparse|urlsplit|url_parse/.test(fieldOf(object, 'function')?.text ?? ''))
          mark(fieldOf(object, 'arguments'), BIT.url);
        continue;
      }
      if (node.type !== 'call') continue;
      const callee = fieldOf(node, 'function');
      const calleeName = (callee?.type === 'attribute' ? fieldOf(callee, 'attribute')?.text : callee?.text) ?? '';
      const receiver = callee?.type === 'attribute' ? fieldOf(callee, 'object') : null;
      if ((calleeName === 'startswith' || calleeName === 'is_relative_to') && receiver) {
        this.markContained(receiver, mark);
      } else if (['isalnum', 'isdigit', 'isdecimal', 'isidentifier', 'isalpha'].includes(calleeName)) {
        mark(receiver, ALL);
      } else if (calleeName === 'fullmatch' || ((calleeName === 'match' || calleeName === 'search') && this.isAnchoredPattern(node, calleeName, receiver))) {
        mark(fieldOf(node, 'arguments'), ALL);
      } else if (/safe|trusted|allowed_host|valid_(url|redirect|path|next)/i.test(calleeName)) {
        mark(fieldOf(node, 'arguments'), BIT.url | BIT.path);
      } else if (this.isContainmentHelper(node)) {
        mark(fieldOf(node, 'arguments'), BIT.path);
      } else if (this.isSameHostHelper(node)) {
        mark(fieldOf(node, 'arguments'), BIT.url);
      }
    }
    let out = env;
    for (const [name, mask] of checks) out = bind(out, name, clear(out.get(name) ?? [], mask));
    return out;
  }

  /**
   * A containment check (`startswith`, `is_relative_to`, `commonpath`, `in x.parents`) proves
   * something only about a resolved path (realpath/abspath/normpath/resolve): `BASE/../etc`
   * passes a check on the unresolved string. The names it clears are those whose value is
   * resolved in the check itself or in their assignment — and, for `real = realpath(path)`,
   * the names `real` was resolved from: the check on `real` vouches for `path` too.
   */
  private markContained(checked: SyntaxNode | null, mark: (node: SyntaxNode, mask: number) => void): void {
    if (!checked) return;
    const resolvedHere = this.isResolvedPath(checked);
    const names = checked.type === 'identifier' ? [checked] : checked.descendantsOfType('identifier');
    for (const name of names) {
      const assigned = this.assignedValue(name);
      const resolvedByAssignment = this.isResolvedPath(assigned);
      if (resolvedHere || resolvedByAssignment) mark(name, BIT.path);
      if (resolvedByAssignment && assigned) mark(assigned, BIT.path);
    }
  }

  /**
   * `re.match(r"^[\w-]+$", name)`, `SLUG.match(name)` with `SLUG = re.compile(r"[a-z0-9-]+\Z")`:
   * a pattern anchored at both ends checks the whole value, like fullmatch.
   */
  private isAnchoredPattern(call: SyntaxNode, method: string, receiver: SyntaxNode | null): boolean {
    let pattern: SyntaxNode | null | undefined = null;
    if (this.module.callee(call) === `re.${method}`) {
      pattern = fieldOf(call, 'arguments')?.namedChild(0);
    } else if (receiver?.type === 'identifier') {
      const compiled = this.assignedValue(receiver);
      if (compiled?.type === 'call' && this.module.callee(compiled) === 're.compile') pattern = fieldOf(compiled, 'arguments')?.namedChild(0);
    }
    const text = stringValue(pattern ?? null);
    if (text === undefined) return false;
    return (method === 'match' || text.startsWith('^') || text.startsWith('\\A')) && /(\$|\\Z)$/.test(text);
  }

  /**
   * A call to a function of the project whose body resolves a path and checks its containment
   * (`def within_root(p): return os.path.realpath(p).startswith(ROOT)`), whatever its name.
   */
  private isContainmentHelper(call: SyntaxNode): boolean {
    const qualified = this.module.callee(call);
    const definition = qualified ? this.module.definitionOf(qualified) : undefined;
    if (definition?.node.type !== 'function_definition') return false;
    const body = fieldOf(definition.node, 'body');
    return this.isResolvedPath(body) && /\b(startswith|is_relative_to|commonpath|commonprefix)\s*\(|\.parents\b/.test(body?.text ?? '');
  }

  /**
   * A call to a function of the project, in any module, whose body compares the host or scheme of a
   * parsed URL (`urlparse(target).netloc == urlparse(request.host_url).netloc`) or defers to a
   * same-host check (Django's `url_has_allowed_host_and_scheme`), whatever the function is called.
   * A `startswith("/")` test is no such check: `//evil.com` passes it.
   */
  private isSameHostHelper(call: SyntaxNode): boolean {
    const qualified = this.module.callee(call);
    const definition = qualified ? this.module.definitionOf(qualified) : undefined;
    if (definition?.node.type !== 'function_definition') return false;
    const body = fieldOf(definition.node, 'body')?.text ?? '';
    return (
      (/\b(urlparse|urlsplit|url_parse)\s*\(/.test(body) && /\.(netloc|scheme|hostname)\b/.test(body)) ||
      /\b(url_has_allowed_host_and_scheme|is_safe_url)\s*\(/.test(body)
    );
  }

  private isResolvedPath(node: SyntaxNode | null): boolean {
    return node !== null && /\b(realpath|abspath|normpath|resolve)\s*\(/.test(node.text);
  }

  private assignedValue(identifier: SyntaxNode): SyntaxNode | null {
    const binding = this.module.bindingAt(identifier.text, identifier);
    return binding?.kind === 'assign' ? binding.value : null;
  }

  /**
   * The taints of an assigned, returned or iterated value. Most values in a view cannot carry
   * request data (`user = User.query.get(uid)`): a look at their text settles them without
   * walking their syntax tree, whose nodes each cost a native call.
   */
  private evaluateStatementPart(node: SyntaxNode | null, env: Env): readonly Taint[] {
    if (!node || !this.mayCarryRequestData(node.text, env)) return [];
    return this.evaluate(node, env, 0);
  }

  /**
   * Can an expression with this text carry request data? Only by naming the request, a tainted
   * name, a method of this class, a function of this module (which may read the request), or
   * the data of a form (`form.name.data`).
   */
  private mayCarryRequestData(text: string, env: Env): boolean {
    if (this.flow.mentionsRequest(text) || /\b(self|cls)\s*\.|\.\s*(raw_)?data\b|\.\s*parse_args\s*\(|\.\s*payload\b/.test(text)) return true;
    for (const name of env.keys()) if (referenceTo(name).test(text)) return true;
    for (const call of text.matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*\(/g)) if (this.flow.isProjectFunction(call[1] as string)) return true;
    return false;
  }

  /** The taints of an expression, given the state before its statement. */
  evaluate(node: SyntaxNode | null, env: Env, depth: number): readonly Taint[] {
    if (!node || depth > MAX_EXPRESSION_DEPTH) return [];
    const taints = this.evaluateExpression(node, env, depth);
    // A URL built after a host-pinning prefix (`"/items/" + q`, `url_for(...) + "?p=" + p`) cannot leave this host.
    return taints.length > 0 && startsWithFixedHost(node, this.module) ? clear(taints, BIT.url) : taints;
  }

  private evaluateExpression(node: SyntaxNode, env: Env, depth: number): readonly Taint[] {
    const next = depth + 1;
    switch (node.type) {
      case 'identifier':
        return env.get(node.text) ?? [];
      case 'attribute':
        return this.attribute(node, env, next);
      case 'call':
        return this.call(node, env, next);
      case 'subscript': {
        const value = fieldOf(node, 'value');
        const key = fieldOf(node, 'subscript');
        return this.urlKeyword(value, key, env) ?? this.parsedArgument(this.upgrade(this.evaluate(value, env, next), value, node), stringValue(key));
      }
      case 'string':
        return node.namedChildren
          .filter((c) => c.type === 'interpolation')
          .reduce<readonly Taint[]>((acc, c) => union(acc, this.evaluate(c.namedChild(0), env, next)), []);
      case 'conditional_expression': {
        const [consequence, condition, alternative] = node.namedChildren;
        const guarded = this.guard(condition ?? null, env);
        return union(this.evaluate(consequence ?? null, guarded, next), this.evaluate(alternative ?? null, env, next));
      }
      case 'binary_operator':
        return this.binary(node, env, next);
      case 'boolean_operator':
        return union(this.evaluate(fieldOf(node, 'left'), env, next), this.evaluate(fieldOf(node, 'right'), env, next));
      case 'list_comprehension':
      case 'generator_expression':
      case 'set_comprehension':
      case 'dictionary_comprehension': {
        return this.evaluate(fieldOf(node, 'body'), this.loopVariables(node, env, next), next);
      }
      case 'named_expression':
        return this.evaluate(fieldOf(node, 'value'), env, next);
      case 'comparison_operator':
      case 'not_operator':
      case 'lambda':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
        return [];
      case 'parenthesized_expression':
      case 'await':
      case 'concatenated_string':
      case 'list':
      case 'tuple':
      case 'set':
      case 'dictionary':
      case 'pair':
      case 'expression_list':
      case 'interpolation':
      case 'keyword_argument':
      case 'list_splat':
      case 'dictionary_splat':
      case 'argument_list':
        return node.namedChildren.reduce<readonly Taint[]>((acc, c) => union(acc, this.evaluate(c, env, next)), []);
      default:
        return [];
    }
  }

  /** `a + b`, `a % b`: with a Markup operand, Markup escapes the other one (`__add__`, `__radd__`, `__mod__`). */
  private binary(node: SyntaxNode, env: Env, depth: number): readonly Taint[] {
    const left = fieldOf(node, 'left');
    const right = fieldOf(node, 'right');
    let fromLeft = this.evaluate(left, env, depth);
    let fromRight = this.evaluate(right, env, depth);
    const operator = fieldOf(node, 'operator')?.type;
    if (operator === '+' || operator === '%') {
      if (this.module.resolve(left) === MARKUP) fromRight = clear(fromRight, BIT.html);
      if (operator === '+' && this.module.resolve(right) === MARKUP) fromLeft = clear(fromLeft, BIT.html);
    }
    return union(fromLeft, fromRight);
  }

  private evaluateAll(nodes: readonly SyntaxNode[], env: Env, depth: number): readonly Taint[] {
    return nodes.reduce<readonly Taint[]>((acc, n) => union(acc, this.evaluate(n, env, depth)), []);
  }

  private attribute(node: SyntaxNode, env: Env, depth: number): readonly Taint[] {
    const object = fieldOf(node, 'object');
    const name = fieldOf(node, 'attribute')?.text ?? '';
    if (REQUEST_ATTRIBUTES.has(name) && this.isRequest(object))
      return this.source(node, this.isOwnUrl(name) ? BIT.url : 0, name === 'files' ? { upload: true } : {});
    if (name === 'data' || name === 'raw_data') {
      const read = this.flow.forms.readAt(node);
      if (read) return this.formData(node, read, depth);
    }
    if (name === 'payload' && isApiPayload(this.module, object)) return this.source(node);
    return this.parsedArgument(this.upgrade(this.evaluate(object, env, depth), object, node), name);
  }

  /**
   * Request attributes that are a URL of this application whatever the client sends: the URL it
   * asked for (`request.url`, `host_url`, …) and the mount point the WSGI server sets (`script_root`).
   * In a view, `request.path`/`full_path` are a path the URL map matched: Werkzeug merges repeated
   * slashes by redirecting before any view runs, so they cannot be `//evil.com`. Hooks that run
   * before routing is settled (`before_request`, error handlers) still see whatever path was sent.
   */
  private isOwnUrl(name: string): boolean {
    if (OWN_URL_ATTRIBUTES.has(name) || name === 'script_root') return true;
    return (name === 'path' || name === 'full_path') && this.scope.type === 'function_definition' && this.flow.flask.routeOf(this.scope) !== null;
  }

  /**
   * `form.photo.data`: what the client submitted, as the field holds it. Text fields hold what the
   * client typed, file fields the uploaded FileStorage; numbers and dates carry no text, and a choice
   * field with constant choices holds one of them once the form is validated. `raw_data` is always
   * the submitted text.
   */
  private formData(node: SyntaxNode, read: FormRead, depth: number): readonly Taint[] {
    const { instance, field } = read;
    // A FlaskForm reads the request unless given other formdata; a plain wtforms.Form only what it is given.
    const formdata = instance.formdata;
    if (formdata ? this.evaluate(formdata, this.envBefore(formdata), depth).length === 0 : instance.reads === 'formdata') return [];
    if (!field) return this.source(node, 0, { form: read });
    const upload = field.data === 'upload' || field.data === 'unknown';
    if (fieldOf(node, 'attribute')?.text !== 'raw_data') {
      if (field.data === 'value') return [];
      if (field.data === 'choice' && hasConstantChoices(field, this.module) && isValidatedAt(instance.variable, node)) return [];
    }
    return this.source(node, 0, upload ? { form: read, upload } : { form: read });
  }

  private call(node: SyntaxNode, env: Env, depth: number): readonly Taint[] {
    const callee = fieldOf(node, 'function');
    const args = fieldOf(node, 'arguments');
    if (callee?.type === 'attribute') {
      const receiver = fieldOf(callee, 'object');
      const method = fieldOf(callee, 'attribute')?.text ?? '';
      if (REQUEST_METHODS.has(method) && this.isRequest(receiver)) return this.source(node);
      if (method === 'parse_args' && isRequestParser(this.module, receiver)) return this.source(node, 0, { parsed: parsedArguments(this.module, receiver as SyntaxNode) });
      const fromReceiver = this.evaluate(receiver, env, depth);
      const fromAllArgs = this.evaluate(args, env, depth);
      // Nothing from the request goes in, so only a method of this class can bring some back:
      // most calls (`db.session.commit()`) are settled without resolving their names.
      const selfCall = receiver?.text === 'self' || receiver?.text === 'cls';
      if (fromReceiver.length === 0 && fromAllArgs.length === 0 && !selfCall) return [];
      // A method of a value that carries request data (`q.strip()`) is no sanitizer or propagator
      // of the tables, which name module functions and classes: no need to resolve it.
      const known = fromReceiver.length === 0 ? this.knownCall(node, fromAllArgs) : undefined;
      if (known) return known;
      if (NON_STRING_METHODS.has(method)) return [];
      // `Markup(escape(q)).unescape()` turns the entities back into markup: the escaping is undone.
      if (method === 'unescape') return this.upgrade(fromReceiver, receiver, node).map((t) => ({ ...t, cleared: t.cleared & ~BIT.html }));
      let fromArgs = ARGUMENT_METHODS.has(method) ? fromAllArgs : [];
      if (LOOKUP_METHODS.has(method)) {
        fromArgs = this.evaluateAll(args?.namedChildren.slice(1) ?? [], env, depth);
        const keyed = this.urlKeyword(receiver, args?.namedChildren[0] ?? null, env);
        if (keyed) return union(keyed, fromArgs);
      }
      // Werkzeug's MultiDict converts: `request.args.get("page", 1, type=int)` is an int.
      const converted = (method === 'get' || method === 'getlist') && args ? this.conversion(args) : 0;
      if (converted) return clear(union(this.upgrade(fromReceiver, receiver, node), fromArgs), converted);
      if (method === 'get' && fromReceiver.length > 0) return union(this.parsedArgument(this.upgrade(fromReceiver, receiver, node), stringValue(args?.namedChildren[0] ?? null)), fromArgs);
      if (MARKUP_FORMATTERS.has(method) && this.module.resolve(receiver) === MARKUP) fromArgs = clear(fromArgs, BIT.html);
      const local = fromReceiver.length === 0 && fromArgs.length === 0 ? this.flow.returnedTaints(node, env, this, depth) : [];
      return union(union(this.upgrade(fromReceiver, receiver, node), fromArgs), local);
    }
    const fromArgs = this.evaluate(args, env, depth);
    // Untainted arguments: only a helper of the project that reads the request itself can return request data.
    if (fromArgs.length === 0 && !(callee?.type === 'identifier' && this.flow.isProjectFunction(callee.text))) return [];
    return this.knownCall(node, fromArgs) ?? this.flow.returnedTaints(node, env, this, depth);
  }

  /** The sinks a `type=` converter (int, float, a sanitizer) makes a MultiDict value safe for. */
  private conversion(args: SyntaxNode): number {
    const type = args.namedChildren.find((a) => a.type === 'keyword_argument' && fieldOf(a, 'name')?.text === 'type');
    const qualified = this.module.resolve(type?.childForFieldName('value') ?? null);
    return qualified ? (SANITIZERS[qualified] ?? 0) : 0;
  }

  /** Sanitizers and propagators by canonical name, given the taints of the call's arguments; undefined for other calls. */
  private knownCall(node: SyntaxNode, fromArgs: readonly Taint[]): readonly Taint[] | undefined {
    const qualified = this.module.callee(node);
    if (!qualified) return undefined;
    const sanitizer = SANITIZERS[qualified];
    if (sanitizer !== undefined) return clear(fromArgs, sanitizer);
    if (PROPAGATORS.has(qualified)) return fromArgs;
    // A project class derived from dict/list (`class CaseInsensitiveDict(dict)`) holds what it is built from.
    if (BUILTIN_CONTAINERS.has(this.module.resolve(node) ?? '')) return fromArgs;
    // Other builtin functions (`len`, `isinstance`, …) return no request text; methods of builtin
    // instances (`dict(request.args).items()`) are judged by their receiver.
    if (/^builtins\.\w+$/.test(qualified)) return [];
    return undefined;
  }

  private isRequest(node: SyntaxNode | null): boolean {
    if (node === null || (node.type !== 'identifier' && node.type !== 'attribute')) return false;
    // `form.email.data` is not the request: only `flask.request`-like attributes are worth resolving.
    if (node.type === 'attribute' && fieldOf(node, 'attribute')?.text !== 'request') return false;
    return this.module.resolve(node) === 'flask.request';
  }

  /**
   * `args["page"]`, `args.page`, `args.get("page")` on what a request parser returned: the one
   * argument, which carries no text when the parser converts it (`type=int`, fixed `choices`) and
   * is an upload when it is a FileStorage. Other taints pass unchanged.
   */
  private parsedArgument(taints: readonly Taint[], key: string | undefined): readonly Taint[] {
    if (!taints.some((t) => t.origin.kind === 'request' && t.origin.source.parsed)) return taints;
    return taints.flatMap((t) => {
      if (t.origin.kind !== 'request' || !t.origin.source.parsed) return [t];
      const { parsed, ...source } = t.origin.source;
      const kind = key === undefined ? undefined : parsed.get(key);
      if (kind === 'value') return [];
      return [{ origin: { kind: 'request' as const, source: kind === 'upload' ? { ...source, upload: true } : source }, cleared: t.cleared }];
    });
  }

  private source(node: SyntaxNode, cleared = 0, facts: Pick<RequestSource, 'upload' | 'form' | 'parsed'> = {}): readonly Taint[] {
    return [{ origin: { kind: 'request', source: { description: describe(node), node, ...facts } }, cleared }];
  }

  /** `request.args` → `request.args.get("next")`: name the source by the fullest expression. */
  private upgrade(taints: readonly Taint[], inner: SyntaxNode | null, outer: SyntaxNode): readonly Taint[] {
    if (!inner) return taints;
    return taints.map((t) =>
      t.origin.kind === 'request' && t.origin.source.node.id === inner.id && t.cleared === 0
        ? { origin: { kind: 'request', source: { ...t.origin.source, description: describe(outer), node: outer } }, cleared: 0 }
        : t,
    );
  }
}

function describe(node: SyntaxNode): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
