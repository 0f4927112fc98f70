/**
 * The views registered on a blueprint anywhere in the analyzed project (Flask's tutorial layout
 * creates a blueprint in `pkg/__init__.py` and adds its routes in `pkg/routes.py`, which imports
 * it). A blueprint is known by the call that creates it (blueprint-site.ts).
 */
import { blueprintSite, type BlueprintSite } from './blueprint-site.js';
import { classViewMethods, methodsOf } from './flask.js';
import { escapeRegExp, type PythonModule } from './module.js';
import { fieldOf, parentOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { callArguments, nameOf } from './syntax.js';

export interface BlueprintView {
  module: PythonModule;
  /** A view function or class, or the `add_url_rule` call when its view is not in the analyzed files. */
  node: SyntaxNode;
  /** The view's name, for messages. */
  name: string;
  /** Upper-case HTTP methods; null when they depend on a view class we cannot see. */
  methods: Set<string> | null;
}

export interface BlueprintViews {
  views: BlueprintView[];
  /** `@bp.before_request` functions: they run before every view of the blueprint. */
  beforeRequest: { module: PythonModule; node: SyntaxNode }[];
}

/** `@bp.route(`, `@bp.post(`, `@pkg.bp.get(`, `@bp.before_request` at the start of a line. */
const DECORATOR = /^[ \t]*@[ \t]*([A-Za-z_][\w.]*?)[ \t]*\.[ \t]*(route|get|post|put|patch|delete|before_request)\b/gm;
const ADD_URL_RULE = /\b([A-Za-z_][\w.]*?)\s*\.\s*add_url_rule\s*\(/g;

function isSameSite(a: BlueprintSite | null, b: BlueprintSite): boolean {
  return a !== null && a.module === b.module && a.call.startIndex === b.call.startIndex;
}

/**
 * The views registered on a blueprint in the analyzed modules: `@bp.route` and its shortcuts,
 * `bp.add_url_rule(...)`, and its `before_request` functions. Modules that never mention the
 * name the blueprint is bound to are not searched.
 */
export function blueprintViews(site: BlueprintSite): BlueprintViews {
  const found: BlueprintViews = { views: [], beforeRequest: [] };
  const variable = boundName(site);
  const mentions = variable ? new RegExp(`\\b${escapeRegExp(variable)}\\b`) : null;
  for (const module of site.module.projectModules()) {
    if (module !== site.module && !mentions?.test(module.text)) continue;
    for (const match of module.search(DECORATOR)) {
      const owner = ownerAt(module, match);
      if (!owner || !isSameSite(blueprintSite(module, owner), site)) continue;
      const decorated = decoratedDefinition(owner);
      if (!decorated) continue;
      if (match[2] === 'before_request') found.beforeRequest.push({ module, node: decorated });
      else if (!found.views.some((v) => v.node.id === decorated.id)) {
        const route = module.flask.routeOf(decorated);
        if (route) found.views.push({ module, node: decorated, name: nameOf(decorated), methods: route.methods });
      }
    }
    for (const match of module.search(ADD_URL_RULE)) {
      const owner = ownerAt(module, match);
      const attribute = owner ? parentOf(owner) : null;
      const call = attribute ? parentOf(attribute) : null;
      if (!owner || call?.type !== 'call' || !isSameSite(blueprintSite(module, owner), site)) continue;
      found.views.push(registeredView(module, call));
    }
  }
  return found;
}

/** The name the creating module binds the blueprint to: other modules import it by that name. */
function boundName(site: BlueprintSite): string | null {
  const assignment = parentOf(site.call);
  const target = assignment?.type === 'assignment' ? fieldOf(assignment, 'left') : null;
  return target?.type === 'identifier' ? target.text : null;
}

/** The `bp` or `pkg.bp` node a decorator or `add_url_rule` match starts with, when it is code. */
function ownerAt(module: PythonModule, match: RegExpExecArray): SyntaxNode | null {
  const text = match[1] as string;
  const start = match.index + match[0].indexOf(text);
  const node = module.nodeAt(start, start + text.length);
  return node.startIndex === start && node.endIndex === start + text.length && (node.type === 'identifier' || node.type === 'attribute') ? node : null;
}

/** The def or class under the decorator that `owner` (as in `@owner.route(...)`) starts. */
function decoratedDefinition(owner: SyntaxNode): SyntaxNode | null {
  let decorator: SyntaxNode | null = parentOf(owner);
  while (decorator && decorator.type !== 'decorator') decorator = ['attribute', 'call'].includes(decorator.type) ? parentOf(decorator) : null;
  const holder = decorator ? parentOf(decorator) : null;
  return holder?.type === 'decorated_definition' ? fieldOf(holder, 'definition') : null;
}

/** `bp.add_url_rule("/x", view_func=fn, methods=[...])`, with a function or `View.as_view("x")`. */
function registeredView(module: PythonModule, call: SyntaxNode): BlueprintView {
  const args = callArguments(call);
  const listed = methodsOf(args.keywords.get('methods')?.value ?? null);
  const explicit = listed.length > 0 ? new Set(listed) : null;
  const view = args.keywords.get('view_func')?.value ?? args.positional[2] ?? null;
  const definition = view ? module.flask.viewDefinition(view) : undefined;
  if (definition?.node.type === 'class_definition')
    return { ...definition, name: nameOf(definition.node), methods: explicit ?? classViewMethods(definition.module, definition.node) };
  if (definition) return { ...definition, name: nameOf(definition.node), methods: explicit ?? new Set(['GET']) };
  // Flask takes a plain function's methods from the call (default GET); a class's come from the class.
  const asView = view?.type === 'call' && fieldOf(fieldOf(view, 'function') ?? view, 'attribute')?.text === 'as_view';
  const name = (asView ? fieldOf(fieldOf(view, 'function') as SyntaxNode, 'object') : view)?.text ?? 'a view';
  return { module, node: call, name, methods: explicit ?? (asView ? null : new Set(['GET'])) };
}
