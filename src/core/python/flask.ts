/**
 * Flask's own objects in a module: application objects, blueprints, route handlers (decorators,
 * `add_url_rule`, class-based views) and the URL parameters each handler receives.
 */
import { blueprintSite } from './blueprint-site.js';
import { fieldOf, parentOf } from './nav.js';
import { ParseFailure, escapeRegExp, type PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { callArguments, decoratorsOf, enclosingClass, isFString, nameOf, stringValue } from './syntax.js';

export interface UrlRule {
  path: string;
  /** URL parameter name → converter (`string`, `path`, `int`, …). */
  params: Map<string, string>;
}

export interface Route {
  handler: SyntaxNode;
  rules: UrlRule[];
  /** Upper-case HTTP methods the handler accepts. */
  methods: Set<string>;
}

export interface ClassView {
  /** `dispatch`: Flask calls `dispatch_request` (a `View`); `methods`: one method per HTTP method (`MethodView`, a `Resource`). */
  kind: 'dispatch' | 'methods';
  /** The URL rules it is registered on; empty when no registration is among the analyzed files. */
  rules: UrlRule[];
  /** The names `as_view` gives its registered view functions (Flask-WTF's `csrf.exempt` matches `module.name`). */
  viewNames: string[];
  /** Upper-case HTTP methods it accepts. */
  methods: Set<string>;
}

/** One `add_url_rule` (or `add_resource`) call that registers a view. */
interface Registration {
  rules: UrlRule[];
  /** From the call's `methods=`; empty when the call does not say (then the view's own methods apply). */
  methods: string[];
  /** The name `as_view("name")` gives the view function, when the call shows it. */
  viewName?: string;
}

const ROUTE_SHORTCUTS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE' };
/** Flask's `http_method_funcs`: the methods a MethodView dispatches to. */
const HTTP_METHOD_FUNCTIONS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace']);
const VERB_DEFINITION = /^([ \t]+(?:async[ \t]+)?def[ \t]+)(get|post|put|patch|delete|head|options|trace)[ \t]*\(/gm;
const DISPATCH_BASES = new Set(['flask.views.View']);
const METHOD_BASES = new Set(['flask.views.MethodView', 'flask_restful.Resource', 'flask_restx.Resource']);
/** `.register_error_handler(what, handler)`; a lookahead, so that every offset is tried. */
const REGISTERED_HANDLER = /(?=\.register_error_handler\s*\(\s*([^,]+?)\s*,\s*([^\s,()]+)\s*\))/g;
const REGISTRATION_CALL = /\b(add_url_rule|add_resource)\s*\(/g;
const AS_VIEW = '.as_view()';
/** Decorators applied by hand around a registered view: `login_required(csrf.exempt(View.as_view("x")))`. */
const MAX_WRAPPERS = 4;
const MAX_BASE_DEPTH = 8;
/** How far a registration call's text is read for the names it mentions. */
const MAX_CALL_TEXT = 2000;
/** Names that conventionally hold an app or a blueprint, for objects imported from modules we cannot see. */
const APP_NAME = /^(app|application|flask_app|\w+_app|create_app|make_app)$/;
const BLUEPRINT_NAME = /^(bp|blueprint|api|\w+_bp|\w+_blueprint|\w+_api)$/;
const URL_PARAM = /<(?:([A-Za-z_]\w*)(?:\([^)]*\))?:)?([A-Za-z_]\w*)>/g;

export function parseUrlRule(path: string): UrlRule {
  const params = new Map<string, string>();
  for (const m of path.matchAll(URL_PARAM)) params.set(m[2] as string, m[1] ?? 'string');
  return { path, params };
}

/** Flask's joining of a blueprint's prefix and a rule: `/<lang>` + `/docs` → `/<lang>/docs`. */
function joinUrl(prefix: string | undefined, rule: string): string {
  if (!prefix) return rule;
  return rule ? `${prefix.replace(/\/+$/, '')}/${rule.replace(/^\/+/, '')}` : prefix;
}

export class FlaskModel {
  private readonly routeCache = new Map<number, Route | null>();
  private readonly classViewCache = new Map<number, ClassView | null>();
  private viewRegistrations?: Map<string, Registration[]>;
  /** By the text of the object routes are declared on (`bp`, `views.bp`): module-level names. */
  private readonly urlPrefixCache = new Map<string, string | undefined>();

  constructor(private readonly module: PythonModule) {}

  /** A Flask application object: `Flask(...)`, a factory's result, `current_app`, a subclass. */
  isApp(expr: SyntaxNode | null): boolean {
    if (!expr) return false;
    const resolved = this.module.resolve(expr);
    if (resolved === 'flask.Flask()') return true;
    return this.isUnresolvedNamed(expr, resolved, APP_NAME);
  }

  isBlueprint(expr: SyntaxNode | null): boolean {
    if (!expr) return false;
    const resolved = this.module.resolve(expr);
    if (resolved === 'flask.Blueprint()') return true;
    return this.isUnresolvedNamed(expr, resolved, BLUEPRINT_NAME);
  }

  /** `app.config` or `current_app.config` (also through a blueprint-less alias like `cfg = app.config`). */
  isConfig(expr: SyntaxNode | null): boolean {
    if (!expr) return false;
    if (this.module.resolve(expr) === 'flask.Flask().config') return true;
    return expr.type === 'attribute' && fieldOf(expr, 'attribute')?.text === 'config' && this.isApp(fieldOf(expr, 'object'));
  }

  /**
   * Objects we cannot resolve (imported from a module outside this analysis, e.g. in a pull
   * request that changes only one file) count when their name says what they are.
   */
  private isUnresolvedNamed(expr: SyntaxNode, resolved: string | null, pattern: RegExp): boolean {
    if (resolved && !this.module.isProjectImport(resolved)) return false;
    const name = (resolved ?? expr.text).replace(/\(\)$/, '').split('.').pop() ?? '';
    return expr.type !== 'call' ? pattern.test(name) : pattern === APP_NAME && /^(create_app|make_app)$/.test(name);
  }

  /** The route a function handles, or null when it is not a view. */
  routeOf(fn: SyntaxNode): Route | null {
    if (fn.type !== 'function_definition') return null;
    const cached = this.routeCache.get(fn.id);
    if (cached !== undefined) return cached;
    const route = this.decoratedRoute(fn) ?? this.classViewRoute(fn) ?? this.registeredRoute(fn);
    this.routeCache.set(fn.id, route);
    return route;
  }

  /**
   * What an error handler handles — the text of `404`, `Exception`, `HTTPException` — or null
   * when `fn` is not one (`@app.errorhandler(…)`, `@bp.app_errorhandler(…)`,
   * `app.register_error_handler(…, fn)`).
   */
  errorHandlerOf(fn: SyntaxNode): string | null {
    if (fn.type !== 'function_definition') return null;
    for (const decorator of decoratorsOf(fn)) {
      const handled = /\.(?:app_)?errorhandler\s*\(\s*([^)]*?)\s*\)/.exec(decorator.text);
      if (handled) return handled[1] ?? '';
    }
    return this.registeredHandlers().get(nameOf(fn)) ?? null;
  }

  private handlersRegistered?: Map<string, string>;

  /** `app.register_error_handler(404, not_found)` calls, by the handler's name (the first call for it): what each handles. */
  private registeredHandlers(): Map<string, string> {
    if (this.handlersRegistered) return this.handlersRegistered;
    const found = new Map<string, string>();
    // Most modules register no handler: no need to search.
    if (this.module.text.includes('register_error_handler')) {
      for (const match of this.module.text.matchAll(REGISTERED_HANDLER)) {
        const handler = match[2] as string;
        if (!found.has(handler)) found.set(handler, match[1] ?? '');
      }
    }
    this.handlersRegistered = found;
    return found;
  }

  /** A route handler or an error handler: what it returns is the response. */
  isResponder(fn: SyntaxNode): boolean {
    return this.routeOf(fn) !== null || this.errorHandlerOf(fn) !== null;
  }

  /** The route handler a node sits in. */
  routeAround(node: SyntaxNode): Route | null {
    for (let n = parentOf(node); n; n = parentOf(n)) {
      if (n.type !== 'function_definition') continue;
      const route = this.routeOf(n);
      if (route) return route;
    }
    return null;
  }

  /**
   * A class-based view of this module (a `View`, `MethodView` or flask-restful/restx `Resource`
   * subclass): the URL rules it is registered on and the methods it accepts; null for other classes.
   */
  classView(cls: SyntaxNode): ClassView | null {
    const cached = this.classViewCache.get(cls.id);
    if (cached !== undefined) return cached;
    const base = viewBase(this.module, cls, 0);
    let view: ClassView | null = null;
    if (base) {
      const kind = DISPATCH_BASES.has(base) ? 'dispatch' : 'methods';
      const registrations = this.registrationsOf(cls);
      const own = acceptedMethods(this.module, cls, kind);
      const rules = [...registrations.flatMap((r) => r.rules), ...this.resourceRoutes(cls)];
      const viewNames = registrations.map((r) => r.viewName).filter((n): n is string => n !== undefined);
      view = { kind, rules, viewNames, methods: registrations.length ? methodsOfAll(registrations, own) : own };
    }
    this.classViewCache.set(cls.id, view);
    return view;
  }

  /**
   * The `url_prefix` a blueprint is created with (`Blueprint("docs", __name__, url_prefix="/<lang>")`):
   * its URL parameters reach every view of the blueprint. Prefixes given at `register_blueprint`
   * are not followed.
   */
  private urlPrefixOf(owner: SyntaxNode): string | undefined {
    const key = owner.text;
    if (!this.urlPrefixCache.has(key)) {
      const site = this.isApp(owner) ? null : blueprintSite(this.module, owner);
      this.urlPrefixCache.set(key, site ? urlRuleText(callArguments(site.call).keywords.get('url_prefix')?.value ?? null) : undefined);
    }
    return this.urlPrefixCache.get(key);
  }

  private decoratedRoute(fn: SyntaxNode): Route | null {
    let route: Route | null = null;
    for (const decorator of decoratorsOf(fn)) {
      if (decorator.type !== 'call') continue;
      const callee = fieldOf(decorator, 'function');
      if (callee?.type !== 'attribute') continue;
      const method = fieldOf(callee, 'attribute')?.text ?? '';
      if (method !== 'route' && !(method in ROUTE_SHORTCUTS)) continue;
      const owner = fieldOf(callee, 'object');
      if (!this.isApp(owner) && !this.isBlueprint(owner)) continue;
      const args = callArguments(decorator);
      const path = urlRuleText(args.positional[0] ?? args.keywords.get('rule')?.value ?? null);
      route ??= { handler: fn, rules: [], methods: new Set() };
      if (path !== undefined) route.rules.push(parseUrlRule(joinUrl(owner ? this.urlPrefixOf(owner) : undefined, path)));
      const shortcut = ROUTE_SHORTCUTS[method];
      if (shortcut) route.methods.add(shortcut);
      else for (const m of methodsOf(args.keywords.get('methods')?.value ?? null)) route.methods.add(m);
    }
    if (route && route.methods.size === 0) route.methods.add('GET');
    return route;
  }

  /** `app.add_url_rule("/x/<name>", view_func=handler)` for a plain function. */
  private registeredRoute(fn: SyntaxNode): Route | null {
    if (enclosingClass(fn)) return null;
    const registrations = this.registrationsOf(fn);
    if (registrations.length === 0) return null;
    return { handler: fn, rules: registrations.flatMap((r) => r.rules), methods: methodsOfAll(registrations, new Set(['GET'])) };
  }

  /**
   * `dispatch_request(self, **kwargs)` of a class-based view, or `def get(self, name)` of a
   * MethodView (or Resource). Without a registration among the analyzed files, the handler is
   * still a view, but its URL parameters (and their converters) are unknown: not request data.
   */
  private classViewRoute(fn: SyntaxNode): Route | null {
    const name = nameOf(fn);
    const isVerb = HTTP_METHOD_FUNCTIONS.has(name);
    if (!isVerb && name !== 'dispatch_request') return null;
    const cls = enclosingClass(fn);
    const view = cls ? this.classView(cls) : null;
    if (!view) return null;
    if (name === 'dispatch_request') return { handler: fn, rules: view.rules, methods: view.methods };
    return view.kind === 'methods' ? { handler: fn, rules: view.rules, methods: new Set([name.toUpperCase()]) } : null;
  }

  /** flask-restx's `@ns.route("/todos/<id>")` on a Resource class. */
  private resourceRoutes(cls: SyntaxNode): UrlRule[] {
    const rules: UrlRule[] = [];
    for (const decorator of decoratorsOf(cls)) {
      const callee = decorator.type === 'call' ? fieldOf(decorator, 'function') : null;
      if (callee?.type !== 'attribute' || fieldOf(callee, 'attribute')?.text !== 'route') continue;
      const path = urlRuleText(callArguments(decorator).positional[0] ?? null);
      if (path !== undefined) rules.push(parseUrlRule(path));
    }
    return rules;
  }

  /**
   * Where a function or class of this module is registered as a view, in any module of the
   * analysis (views in `views.py`, `add_url_rule` in the app factory). Only modules whose
   * registration calls mention the name (or a name `Cls.as_view(...)` is assigned to) are looked at.
   */
  private registrationsOf(definition: SyntaxNode): Registration[] {
    const name = nameOf(definition);
    const key = `${this.module.name}.${name}`;
    const names = definition.type === 'class_definition' ? [name, ...asViewNames(this.module.text, name)] : [name];
    const found: Registration[] = [];
    for (const other of registeringModules(this.module.projectModules())) {
      const mentioned = registrationWords(other);
      if (names.some((n) => mentioned.has(n))) found.push(...other.flask.registrationsIn(key));
    }
    return found;
  }

  /** The calls of this module that register a view (none when this module cannot be parsed). */
  private registrationsIn(key: string): Registration[] {
    try {
      return this.registrations().get(key) ?? [];
    } catch (error) {
      if (error instanceof ParseFailure) return [];
      throw error;
    }
  }

  /** Every `add_url_rule` (and flask-restful `add_resource`) call in the module, by the qualified name of the view it registers. */
  private registrations(): Map<string, Registration[]> {
    if (this.viewRegistrations) return this.viewRegistrations;
    const found = new Map<string, Registration[]>();
    for (const match of this.module.search(REGISTRATION_CALL)) {
      const method = match[1] as string;
      const call = this.module.nodeAt(match.index, match.index + method.length).parent?.parent;
      if (call?.type !== 'call') continue;
      const args = callArguments(call);
      const paths =
        method === 'add_resource'
          ? args.positional.slice(1).map(urlRuleText)
          : [urlRuleText(args.positional[0] ?? args.keywords.get('rule')?.value ?? null)];
      const view = method === 'add_resource' ? (args.positional[0] ?? null) : (args.keywords.get('view_func')?.value ?? args.positional[2] ?? null);
      const target = view ? this.viewTarget(view) : null;
      if (!view || !target) continue;
      const rules = paths.filter((p): p is string => p !== undefined).map(parseUrlRule);
      const viewName = asViewName(this.module, withoutWrappers(view));
      const entry = { rules, methods: methodsOf(args.keywords.get('methods')?.value ?? null), ...(viewName !== undefined && { viewName }) };
      found.set(target, [...(found.get(target) ?? []), entry]);
    }
    this.viewRegistrations = found;
    return found;
  }

  /** The def or class (in any module of the analysis) that a view expression such as `csrf.exempt(View.as_view("x"))` stands for. */
  viewDefinition(view: SyntaxNode): { module: PythonModule; node: SyntaxNode } | undefined {
    const target = this.viewTarget(view);
    return target ? this.module.definitionOf(target) : undefined;
  }

  /**
   * The qualified name of the function or class a `view_func` registers, named after the module
   * that defines it: `Cls.as_view("name")` (or a name it was assigned to) registers the class,
   * and decorators applied by hand (`login_required(view)`) are looked through.
   */
  private viewTarget(view: SyntaxNode): string | null {
    const resolved = this.module.resolve(withoutWrappers(view));
    if (!resolved) return null;
    const target = resolved.endsWith(AS_VIEW) ? resolved.slice(0, -AS_VIEW.length) : resolved;
    const dot = target.lastIndexOf('.');
    const owner = dot > 0 ? this.module.moduleNamed(target.slice(0, dot)) : undefined;
    // `pkg.views.Download` and `src.pkg.views.Download` are one class when `src/pkg/views.py` is analyzed.
    return owner ? `${owner.name}${target.slice(dot)}` : target;
  }
}

/** The view inside decorators applied by hand: `View.as_view("x")` in `login_required(View.as_view("x"))`. */
function withoutWrappers(view: SyntaxNode): SyntaxNode {
  let node = view;
  for (let i = 0; i < MAX_WRAPPERS && node.type === 'call' && !isAsViewCall(node); i++) {
    const args = callArguments(node);
    if (args.positional.length !== 1 || args.keywords.size > 0) break;
    node = args.positional[0] as SyntaxNode;
  }
  return node;
}

/** `"item"` for `ItemAPI.as_view("item")`, or for a name assigned that call. */
function asViewName(module: PythonModule, view: SyntaxNode): string | undefined {
  let call: SyntaxNode | null | undefined = view;
  if (view.type === 'identifier') {
    const binding = module.bindingAt(view.text, view);
    call = binding?.kind === 'assign' ? binding.value : null;
  }
  if (call?.type !== 'call' || !isAsViewCall(call)) return undefined;
  const args = callArguments(call);
  return stringValue(args.positional[0] ?? args.keywords.get('name')?.value ?? null);
}

function isAsViewCall(call: SyntaxNode): boolean {
  const callee = fieldOf(call, 'function');
  return callee?.type === 'attribute' && fieldOf(callee, 'attribute')?.text === 'as_view';
}

/** The methods a view accepts over all its registrations: each call's `methods=`, else the view's own. */
function methodsOfAll(registrations: readonly Registration[], own: ReadonlySet<string>): Set<string> {
  return new Set(registrations.flatMap((r) => (r.methods.length ? r.methods : [...own])));
}

/** The view base class (`flask.views.View`, …) a class derives from, through the project's own classes. */
function viewBase(module: PythonModule, cls: SyntaxNode, depth: number): string | null {
  for (const base of module.classBases(cls)) {
    if (DISPATCH_BASES.has(base) || METHOD_BASES.has(base)) return base;
    if (depth >= MAX_BASE_DEPTH || !module.isProjectImport(base)) continue;
    const local = module.definitionOf(base);
    if (local?.node.type !== 'class_definition') continue;
    const inherited = viewBase(local.module, local.node, depth + 1);
    if (inherited) return inherited;
  }
  return null;
}

/**
 * The methods a class-based view accepts when its registration does not say (Flask's
 * `view_func.methods`): a `methods = [...]` class attribute, else for a MethodView every HTTP
 * method it defines (or inherits from the project's classes), else GET.
 */
export function classViewMethods(module: PythonModule, cls: SyntaxNode): Set<string> {
  const base = viewBase(module, cls, 0);
  // A class of unknown base (imported from outside the analysis) is judged by the verbs it defines.
  return acceptedMethods(module, cls, base && DISPATCH_BASES.has(base) ? 'dispatch' : 'methods');
}

function acceptedMethods(module: PythonModule, cls: SyntaxNode, kind: ClassView['kind']): Set<string> {
  const declared = declaredMethods(module, cls, 0);
  if (declared) return declared;
  const verbs = kind === 'methods' ? inheritedVerbs(module, cls, 0) : new Set<string>();
  return verbs.size ? verbs : new Set(['GET']);
}

function declaredMethods(module: PythonModule, cls: SyntaxNode, depth: number): Set<string> | null {
  const value = classAttribute(module, cls, 'methods');
  if (value) return new Set(methodsOf(value));
  for (const base of depth < MAX_BASE_DEPTH ? projectBases(module, cls) : []) {
    const inherited = declaredMethods(base.module, base.node, depth + 1);
    if (inherited) return inherited;
  }
  return null;
}

function inheritedVerbs(module: PythonModule, cls: SyntaxNode, depth: number): Set<string> {
  const verbs = definedVerbs(module, cls);
  for (const base of depth < MAX_BASE_DEPTH ? projectBases(module, cls) : []) for (const v of inheritedVerbs(base.module, base.node, depth + 1)) verbs.add(v);
  return verbs;
}

function projectBases(module: PythonModule, cls: SyntaxNode): { module: PythonModule; node: SyntaxNode }[] {
  return module
    .classBases(cls)
    .filter((b) => module.isProjectImport(b))
    .map((b) => module.definitionOf(b))
    .filter((d): d is { module: PythonModule; node: SyntaxNode } => d?.node.type === 'class_definition');
}

/** Upper-case HTTP methods a class defines handlers for (`def get`, `def post`, …) in its own body. */
export function definedVerbs(module: PythonModule, cls: SyntaxNode): Set<string> {
  const verbs = new Set<string>();
  for (const match of module.search(VERB_DEFINITION, cls)) {
    const name = match[2] as string;
    const def = module.codeAt(match.index + (match[1] as string).length, name.length)?.parent;
    if (def?.type === 'function_definition' && enclosingClass(def)?.id === cls.id) verbs.add(name.toUpperCase());
  }
  return verbs;
}

/** The value assigned to a class attribute directly in the class body (`methods = ["GET", "POST"]`). */
function classAttribute(module: PythonModule, cls: SyntaxNode, name: string): SyntaxNode | null {
  let value: SyntaxNode | null = null;
  for (const match of module.search(new RegExp(`^[ \\t]+${name}[ \\t]*(?::[^=\\n]*)?=(?!=)`, 'gm'), cls)) {
    const at = match.index + match[0].indexOf(name);
    const assignment = module.codeAt(at, name.length)?.parent;
    if (assignment?.type === 'assignment' && fieldOf(assignment, 'left')?.text === name && enclosingClass(assignment)?.id === cls.id)
      value = fieldOf(assignment, 'right');
  }
  return value;
}

/** Words inside a module's registration calls, from the text (kept across tree releases: it depends on the text only). */
const registrationWordCache = new WeakMap<PythonModule, Set<string>>();
const registeringCache = new WeakMap<readonly PythonModule[], PythonModule[]>();

/** The modules with registration calls, in order: every function of the project asks which of them register it. */
function registeringModules(modules: readonly PythonModule[]): PythonModule[] {
  let registering = registeringCache.get(modules);
  if (!registering) {
    registering = modules.filter((m) => registrationWords(m).size > 0);
    registeringCache.set(modules, registering);
  }
  return registering;
}

function registrationWords(module: PythonModule): Set<string> {
  let words = registrationWordCache.get(module);
  if (!words) {
    words = new Set();
    const text = module.text;
    if (text.includes('add_url_rule') || text.includes('add_resource')) {
      for (const match of text.matchAll(REGISTRATION_CALL)) {
        const open = match.index + match[0].length;
        for (const word of text.slice(open, closingParenthesis(text, open)).matchAll(/[A-Za-z_]\w*/g)) words.add(word[0]);
      }
    }
    registrationWordCache.set(module, words);
  }
  return words;
}

/** The offset of the parenthesis that closes the one just before `open` (or a bounded distance on). */
function closingParenthesis(text: string, open: number): number {
  let depth = 1;
  const end = Math.min(text.length, open + MAX_CALL_TEXT);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return end;
}

/** Names a `Cls.as_view(...)` result is assigned to in a module's text (`item = ItemAPI.as_view("item")`). */
function asViewNames(text: string, cls: string): string[] {
  if (!text.includes(`${cls}.as_view`)) return [];
  const pattern = new RegExp(`^[ \\t]*(\\w+)[ \\t]*=[ \\t]*${escapeRegExp(cls)}\\.as_view\\s*\\(`, 'gm');
  return [...text.matchAll(pattern)].map((m) => m[1] as string);
}

/** The URL rule text of a literal or an f-string (`f"/{name}/<int:id>"`: its literal parts). */
function urlRuleText(node: SyntaxNode | null): string | undefined {
  const literal = stringValue(node);
  if (literal !== undefined || node?.type !== 'string' || !isFString(node)) return literal;
  return node.namedChildren
    .filter((c) => c.type === 'string_content' || c.type === 'interpolation')
    .map((c) => (c.type === 'string_content' ? c.text : '{}'))
    .join('');
}

/** The upper-case methods of a `methods=[...]` list, tuple or set literal. */
export function methodsOf(node: SyntaxNode | null): string[] {
  if (!node || !['list', 'tuple', 'set'].includes(node.type)) return [];
  return node.namedChildren.map((c) => stringValue(c)?.toUpperCase()).filter((m): m is string => Boolean(m));
}

/** Parameter names of a function, in order (`self` included). */
export function parametersOf(fn: SyntaxNode): string[] {
  const params = fieldOf(fn, 'parameters');
  if (!params) return [];
  const names: string[] = [];
  for (const p of params.namedChildren) {
    if (p.type === 'identifier') names.push(p.text);
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') names.push(fieldOf(p, 'name')?.text ?? '');
    else if (p.type === 'typed_parameter') names.push(p.namedChild(0)?.text ?? '');
  }
  return names;
}

/** The name of a function's `**kwargs` parameter, if it has one. */
export function keywordSplatOf(fn: SyntaxNode): string | null {
  const splat = fieldOf(fn, 'parameters')?.namedChildren.find((p) => p.type === 'dictionary_splat_pattern');
  return splat?.namedChild(0)?.text ?? null;
}
