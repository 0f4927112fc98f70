import { blueprintSite } from '../src/core/python/blueprint-site.js';
import { blueprintViews, type BlueprintView, type BlueprintViews } from '../src/core/python/blueprints.js';
import { classViewMethods } from '../src/core/python/flask.js';
import { isCsrfProtect } from '../src/core/python/flask-wtf.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { callArguments, decoratorsOf, enclosingClass, nameOf, stringValue } from '../src/core/python/syntax.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { isDevelopmentOrTesting } from '../src/core/scope.js';
import { THREATS } from '../src/core/threats.js';

/** The methods Flask-WTF checks (`WTF_CSRF_METHODS`): exempting a route that accepts none of them changes nothing. */
const CHECKED_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
/**
 * Endpoints that authenticate each request by other means than the session cookie: webhooks that
 * verify an HMAC signature, and Flask-JWT-Extended routes (which check their own CSRF token when
 * the JWT travels in a cookie).
 */
const OWN_REQUEST_CHECK = /\b(compare_digest|construct_event|verify_signature|validate_signature|check_signature|verify_webhook|verify_jwt_in_request)\b|Hub-Signature|Stripe-Signature/;
/** Decorators that authenticate each request with a token the browser does not send by itself. */
const TOKEN_DECORATORS = new Set([
  'flask_jwt_extended.jwt_required',
  'flask_jwt_extended.jwt_required()',
  'flask_jwt_extended.fresh_jwt_required',
  'flask_httpauth.HTTPTokenAuth().login_required',
  'flask_httpauth.HTTPTokenAuth().login_required()',
]);
const MAX_LISTED = 3;
/**
 * Views that sign a user in: a login form, or an SSO/OAuth/SAML callback that an identity provider
 * posts to from another site (so it cannot carry a CSRF token). Forging them is login CSRF only.
 */
const SIGN_IN = /(?:^|[^a-z])(?:login|log_in|signin|sign_in|sign-in|logon|callback|oauth2?|saml2?|sso|acs|authorized?|openid|oidc)(?:[^a-z]|$)/i;

interface View {
  module: PythonModule;
  node: SyntaxNode;
}

export const csrfExemptUnsafeRoute: Rule = {
  meta: {
    id: 'csrf-exempt-unsafe-route',
    code: 'FG803',
    category: 'csrf',
    severity: 'medium',
    confidence: 'medium',
    confidenceNote:
      'Medium: the exempted route accepts state-changing methods; low for sign-in routes (login forms, SSO/OAuth/SAML callbacks: login CSRF only); silent when the route authenticates otherwise (tokens, HTTP auth).',
    title: 'State-changing route exempted from CSRF protection',
    threats: [THREATS.csrfSession],
    why:
      '`@csrf.exempt` removes Flask-WTF\'s token check from a view, and `csrf.exempt(blueprint)` from every view of ' +
      'a blueprint. On a route that accepts POST, PUT, PATCH or DELETE and relies on the session cookie, any site ' +
      'the user visits can make that request on the user\'s behalf. Exemptions are for endpoints that authenticate ' +
      'each request another way — a webhook that verifies its signature, an API that takes a bearer token — and such ' +
      'endpoints are not reported. An exempted blueprint whose routes are not in the analyzed files is reported at ' +
      'the exemption, so that a reviewer checks them. (`@csrf.exempt` on a class-based view is not reported unless it ' +
      'takes effect: Flask-WTF matches the name `as_view("name")` gives the view function, so it exempts nothing ' +
      'unless that name is the class\'s own; `decorators = [csrf.exempt]` is the spelling that works.)',
    example: '@app.route("/settings", methods=["POST"])\n@csrf.exempt\ndef save_settings():\n    current_user.email = request.form["email"]\n\ncsrf.exempt(payments_bp)  # its routes take form posts',
    useInstead:
      '@app.route("/settings", methods=["POST"])\ndef save_settings():  # the form (or the X-CSRFToken header of fetch calls) carries csrf_token()\n    current_user.email = request.form["email"]',
    references: ['https://flask-wtf.readthedocs.io/en/latest/csrf/#exclude-views-from-protection', 'https://owasp.org/www-community/attacks/csrf'],
    cwe: [352],
  },
  python(ctx) {
    const { module } = ctx;
    for (const match of module.search(/\.\s*exempt\b/g)) {
      const at = match.index + match[0].indexOf('exempt');
      const attribute = module.codeAt(at, 'exempt'.length)?.parent;
      if (attribute?.type !== 'attribute' || !isCsrfProtect(module, attribute.childForFieldName('object'))) continue;
      const parent = attribute.parent;
      if (parent?.type === 'decorator') {
        const view = parent.parent?.childForFieldName('definition');
        if (view && (view.type !== 'class_definition' || exemptsByClassName({ module, node: view }))) judgeView(ctx, attribute, { module, node: view });
      } else if (parent?.type === 'list' || parent?.type === 'tuple') {
        // `decorators = [csrf.exempt]` in a class-based view: View.as_view applies them.
        const assignment = parent.parent;
        const cls = assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === 'decorators' ? enclosingClass(assignment) : null;
        if (cls) judgeView(ctx, attribute, { module, node: cls });
      } else if (parent?.type === 'call' && parent.childForFieldName('function')?.id === attribute.id) {
        if (!isDevelopmentOrTesting(module.environmentOf(parent))) judgeExemptCall(ctx, parent);
      }
    }
  },
};

/**
 * `csrf.exempt(view)` (also `csrf.exempt(View.as_view("x"))`), `csrf.exempt("pkg.views.view")`
 * (Flask-WTF's `module.function` spelling) or `csrf.exempt(blueprint)`.
 */
function judgeExemptCall(ctx: PythonContext, call: SyntaxNode): void {
  const { module } = ctx;
  const target = callArguments(call).positional[0];
  if (!target) return;
  const dotted = stringValue(target);
  const definition = dotted !== undefined ? module.definitionOf(dotted) : module.flask.viewDefinition(target);
  if (definition) {
    // The class itself (not a view function `as_view` made from it) names `module.ClassName`.
    const classItself = definition.node.type === 'class_definition' && (dotted !== undefined || !module.resolve(target)?.endsWith('()'));
    if (!classItself || exemptsByClassName(definition)) judgeView(ctx, call, definition);
    return;
  }
  if (dotted !== undefined) return;
  const site = blueprintSite(module, target);
  if (site) {
    judgeBlueprint(ctx, call, site.name !== undefined ? `"${site.name}"` : target.text, blueprintViews(site));
  } else if (module.flask.isBlueprint(target)) {
    ctx.report({
      node: call,
      message: `CSRF protection is removed from every view of blueprint ${target.text}, whose routes are not in the analyzed files: check that none of them accepts POST, PUT, PATCH or DELETE with the session cookie.`,
    });
  }
}

/**
 * Flask-WTF exempts `module.name` of the view function a request reaches; `as_view("name")` names
 * that function, so exempting a class changes something only where it is registered under its
 * own class name. A registration the analysis does not show may still do that: then the rule
 * cannot tell, and says nothing.
 */
function exemptsByClassName(view: View): boolean {
  return view.module.flask.classView(view.node)?.viewNames.includes(nameOf(view.node)) ?? false;
}

/** `at` is what the finding marks: the `csrf.exempt` of a decorator, or the whole call. */
function judgeView(ctx: PythonContext, at: SyntaxNode, view: View): void {
  const methods = unsafeMethods(view);
  if (methods.length === 0 || authenticatesOtherwise(view)) return;
  const environment = view.module.environmentOf(view.node);
  if (signsIn(view)) {
    ctx.report({ node: at, environment, severity: 'low', confidence: 'low', message: loginCsrfMessage(methods) });
    return;
  }
  ctx.report({
    node: at,
    environment,
    message: `CSRF protection is removed from a route that accepts ${methods.join(', ')}: other sites can make these requests with the user's session.`,
  });
}

/** A login form or an SSO/OAuth callback, by its function name or its URL. */
function signsIn(view: View): boolean {
  const paths = view.module.flask.routeOf(view.node)?.rules.map((r) => r.path) ?? [];
  return [nameOf(view.node), ...paths].some((name) => SIGN_IN.test(name));
}

function loginCsrfMessage(methods: readonly string[]): string {
  return `CSRF protection is removed from a sign-in route that accepts ${methods.join(', ')} (a login form or an SSO/OAuth callback): another site can at most sign the user in to an account of its choosing (login CSRF).`;
}

function judgeBlueprint(ctx: PythonContext, call: SyntaxNode, label: string, found: BlueprintViews): void {
  // A before_request hook that authenticates every request of the blueprint covers all its views.
  if (found.beforeRequest.some(authenticatesOtherwise)) return;
  const views = found.views.filter((v) => !isDevelopmentOrTesting(v.module.environmentOf(v.node)));
  const open = views.filter((v) => blueprintViewMethods(v).length > 0 && !authenticatesOtherwise(v));
  if (open.length > 0 && open.every(signsIn)) {
    ctx.report({ node: call, severity: 'low', confidence: 'low', message: loginCsrfMessage([...new Set(open.flatMap(blueprintViewMethods))]) });
  } else if (open.length > 0) {
    const listed = open.slice(0, MAX_LISTED).map((v) => `${v.name} (${blueprintViewMethods(v).join(', ')})`);
    const more = open.length > MAX_LISTED ? ` and ${open.length - MAX_LISTED} more` : '';
    ctx.report({
      node: call,
      message: `CSRF protection is removed from every view of blueprint ${label}, including ${listed.join(', ')}${more}: other sites can make these requests with the user's session.`,
    });
  } else if (views.length === 0 || views.some((v) => v.methods === null)) {
    ctx.report({
      node: call,
      message: `CSRF protection is removed from every view of blueprint ${label}, and the analyzed files do not show all of its routes: check that none of them accepts POST, PUT, PATCH or DELETE with the session cookie.`,
    });
  }
}

function blueprintViewMethods(view: BlueprintView): string[] {
  return view.methods ? CHECKED_METHODS.filter((m) => view.methods?.has(m)) : [];
}

function unsafeMethods(view: View): string[] {
  const { module, node } = view;
  const methods = node.type === 'class_definition' ? (module.flask.classView(node)?.methods ?? classViewMethods(module, node)) : module.flask.routeOf(node)?.methods;
  return methods ? CHECKED_METHODS.filter((m) => methods.has(m)) : [];
}

function authenticatesOtherwise(view: View): boolean {
  const { module, node } = view;
  if (OWN_REQUEST_CHECK.test((node.parent?.type === 'decorated_definition' ? node.parent : node).text)) return true;
  return node.type !== 'call' && decoratorsOf(node).some((d) => TOKEN_DECORATORS.has(module.resolve(d) ?? ''));
}
