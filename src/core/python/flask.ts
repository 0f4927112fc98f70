/**
 * Flask's own objects in a module: application objects, blueprints, route handlers (decorators,
 * `add_url_rule`, class-based views) and the URL parameters each handler receives.
 */
import { fieldOf, parentOf } from './nav.js';
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { callArguments, decoratorsOf, enclosingClass, nameOf, stringValue } from './syntax.js';

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

const ROUTE_SHORTCUTS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE' };
const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const VIEW_BASES = new Set(['flask.views.MethodView', 'flask.views.View', 'flask_restful.Resource', 'flask_restx.Resource']);
/** Names that conventionally hold an app or a blueprint, for objects imported from modules we cannot see. */
const APP_NAME = /^(app|application|flask_app|\w+_app|create_app|make_app)$/;
const BLUEPRINT_NAME = /^(bp|blueprint|api|\w+_bp|\w+_blueprint|\w+_api)$/;
const URL_PARAM = /<(?:([A-Za-z_]\w*)(?:\([^)]*\))?:)?([A-Za-z_]\w*)>/g;

export function parseUrlRule(path: string): UrlRule {
  const params = new Map<string, string>();
  for (const m of path.matchAll(URL_PARAM)) params.set(m[2] as string, m[1] ?? 'string');
  return { path, params };
}

export class FlaskModel {
  private readonly routeCache = new Map<number, Route | null>();
  private viewRegistrations?: Map<string, { rules: UrlRule[]; methods: Set<string> }>;

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
    const route = this.decoratedRoute(fn) ?? this.registeredRoute(fn) ?? this.viewMethodRoute(fn);
    this.routeCache.set(fn.id, route);
    return route;
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
      const path = stringValue(args.positional[0] ?? args.keywords.get('rule')?.value ?? null);
      route ??= { handler: fn, rules: [], methods: new Set() };
      if (path !== undefined) route.rules.push(parseUrlRule(path));
      const shortcut = ROUTE_SHORTCUTS[method];
      if (shortcut) route.methods.add(shortcut);
      else for (const m of methodsOf(args.keywords.get('methods')?.value ?? null)) route.methods.add(m);
    }
    if (route && route.methods.size === 0) route.methods.add('GET');
    return route;
  }

  /** `app.add_url_rule("/x/<name>", view_func=handler)` for a plain function. */
  private registeredRoute(fn: SyntaxNode): Route | null {
    const registration = this.registrations().get(`${this.module.name}.${nameOf(fn)}`);
    if (!registration || enclosingClass(fn)) return null;
    return { handler: fn, rules: registration.rules, methods: registration.methods.size ? registration.methods : new Set(['GET']) };
  }

  /** `def get(self, name)` in a MethodView (or flask-restful Resource) subclass. */
  private viewMethodRoute(fn: SyntaxNode): Route | null {
    const cls = enclosingClass(fn);
    const verb = nameOf(fn);
    if (!cls || !VIEW_METHODS.has(verb)) return null;
    const base = this.module.libraryBase(cls);
    if (!base || !VIEW_BASES.has(base)) return null;
    const registration = this.registrations().get(`${this.module.name}.${nameOf(cls)}`);
    const rules = registration?.rules.length
      ? registration.rules
      : [{ path: '', params: new Map(parametersOf(fn).slice(1).map((p) => [p, 'string'] as [string, string])) }];
    return { handler: fn, rules, methods: new Set([verb.toUpperCase()]) };
  }

  /** Every `add_url_rule` call in the module, by the qualified name of the view it registers. */
  private registrations(): Map<string, { rules: UrlRule[]; methods: Set<string> }> {
    if (this.viewRegistrations) return this.viewRegistrations;
    const found = new Map<string, { rules: UrlRule[]; methods: Set<string> }>();
    for (const match of this.module.search(/\badd_url_rule\s*\(/g)) {
      const call = this.module.nodeAt(match.index, match.index + 'add_url_rule'.length).parent?.parent;
      if (call?.type !== 'call') continue;
      const args = callArguments(call);
      const path = stringValue(args.positional[0] ?? args.keywords.get('rule')?.value ?? null);
      let view = args.keywords.get('view_func')?.value ?? args.positional[2] ?? null;
      // `Cls.as_view("name")` registers the class.
      if (view?.type === 'call' && fieldOf(view, 'function')?.type === 'attribute')
        view = fieldOf(view, 'function')?.childForFieldName('object') ?? null;
      const target = view ? this.module.resolve(view) : null;
      if (!target || path === undefined) continue;
      const entry = found.get(target) ?? { rules: [], methods: new Set<string>() };
      entry.rules.push(parseUrlRule(path));
      for (const m of methodsOf(args.keywords.get('methods')?.value ?? null)) entry.methods.add(m);
      found.set(target, entry);
    }
    this.viewRegistrations = found;
    return found;
  }
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

/**
 * The HTTP methods a class-based view answers: a `methods = [...]` class attribute, else the verbs
 * it defines (`def post(self)` → POST, as MethodView does).
 */
export function viewClassMethods(cls: SyntaxNode): Set<string> {
  const verbs = new Set<string>();
  for (const child of fieldOf(cls, 'body')?.namedChildren ?? []) {
    const statement = child.type === 'expression_statement' ? child.namedChild(0) : null;
    if (statement?.type === 'assignment' && fieldOf(statement, 'left')?.text === 'methods') return new Set(methodsOf(fieldOf(statement, 'right')));
    const def = child.type === 'decorated_definition' ? fieldOf(child, 'definition') : child;
    const name = def?.type === 'function_definition' ? nameOf(def) : '';
    if (VIEW_METHODS.has(name)) verbs.add(name.toUpperCase());
  }
  return verbs;
}
