import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { definedVerbs } from '../src/core/python/flask.js';
import { callArguments, decoratorsOf, enclosingClass } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { isDevelopmentOrTesting } from '../src/core/scope.js';
import { THREATS } from '../src/core/threats.js';

/** The methods Flask-WTF checks (`WTF_CSRF_METHODS`): exempting a route that accepts none of them changes nothing. */
const CHECKED_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
/**
 * Endpoints that authenticate each request by other means than the session cookie: webhooks that
 * verify an HMAC signature, and Flask-JWT-Extended routes (which check their own CSRF token when
 * the JWT travels in a cookie).
 */
const OWN_REQUEST_CHECK = /\b(compare_digest|construct_event|verify_signature|validate_signature|check_signature|verify_webhook)\b|Hub-Signature|Stripe-Signature/;
const JWT_DECORATORS = new Set(['flask_jwt_extended.jwt_required', 'flask_jwt_extended.jwt_required()', 'flask_jwt_extended.fresh_jwt_required']);

export const csrfExemptUnsafeRoute: Rule = {
  meta: {
    id: 'csrf-exempt-unsafe-route',
    code: 'FG803',
    category: 'csrf',
    severity: 'medium',
    title: 'State-changing route exempted from CSRF protection',
    threats: [THREATS.csrfSession],
    why:
      '`@csrf.exempt` removes Flask-WTF\'s token check from a view. On a route that accepts POST, PUT, PATCH or ' +
      'DELETE and relies on the session cookie, any site the user visits can make that request on the user\'s ' +
      'behalf. Exemptions are for endpoints that authenticate each request another way — a webhook that verifies ' +
      'its signature, an API that takes a bearer token — and such endpoints are not reported.',
    example: '@app.route("/settings", methods=["POST"])\n@csrf.exempt\ndef save_settings():\n    current_user.email = request.form["email"]',
    useInstead: '@app.route("/settings", methods=["POST"])\ndef save_settings():  # the form (or the X-CSRFToken header of fetch calls) carries csrf_token()\n    current_user.email = request.form["email"]',
    references: ['https://flask-wtf.readthedocs.io/en/latest/csrf/#exclude-views-from-protection', 'https://owasp.org/www-community/attacks/csrf'],
  },
  python(ctx) {
    const { module } = ctx;
    for (const match of module.search(/\.\s*exempt\b/g)) {
      const at = match.index + match[0].indexOf('exempt');
      const attribute = module.codeAt(at, 'exempt'.length)?.parent;
      if (attribute?.type !== 'attribute' || !isCsrfProtect(module, attribute.childForFieldName('object'))) continue;
      const exempted = exemptedView(module, attribute);
      if (!exempted) continue;
      const { module: home, node: view } = exempted;
      if (isDevelopmentOrTesting(home.environmentOf(view))) continue;
      const methods = unsafeMethods(home, view);
      if (methods.length === 0 || authenticatesOtherwise(home, view)) continue;
      ctx.report({
        node: attribute.parent?.type === 'call' ? attribute.parent : attribute,
        message: `CSRF protection is removed from a route that accepts ${methods.join(', ')}: other sites can make these requests with the user's session.`,
      });
    }
  },
};

/** `csrf` is Flask-WTF's CSRFProtect (or, imported from a module outside the analysis, is named so). */
function isCsrfProtect(module: PythonModule, receiver: SyntaxNode | null): boolean {
  if (!receiver) return false;
  const resolved = module.resolve(receiver);
  if (resolved === 'flask_wtf.CSRFProtect()') return true;
  if (resolved && !module.isProjectImport(resolved)) return false;
  return /csrf/i.test((resolved ?? receiver.text).split('.').pop() ?? '');
}

/**
 * The def or class that `@csrf.exempt` decorates, whose `decorators = [csrf.exempt]` list
 * `View.as_view` applies, or that `csrf.exempt(view)` names (also `csrf.exempt(View.as_view("x"))`),
 * with the module that defines it.
 */
function exemptedView(module: PythonModule, attribute: SyntaxNode): { module: PythonModule; node: SyntaxNode } | null {
  const parent = attribute.parent;
  if (parent?.type === 'decorator') {
    const definition = parent.parent?.childForFieldName('definition');
    return definition ? { module, node: definition } : null;
  }
  if (parent?.type === 'list' || parent?.type === 'tuple') {
    const assignment = parent.parent;
    const cls = assignment ? enclosingClass(assignment) : null;
    return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === 'decorators' && cls ? { module, node: cls } : null;
  }
  if (parent?.type !== 'call' || parent.childForFieldName('function')?.id !== attribute.id) return null;
  const target = callArguments(parent).positional[0];
  return (target ? module.flask.viewDefinition(target) : undefined) ?? null;
}

function unsafeMethods(module: PythonModule, view: SyntaxNode): string[] {
  // A class of unknown base (imported from a module outside the analysis) is judged by the methods it defines.
  const methods = view.type === 'class_definition' ? (module.flask.classView(view)?.methods ?? definedVerbs(module, view)) : module.flask.routeOf(view)?.methods;
  return methods ? CHECKED_METHODS.filter((m) => methods.has(m)) : [];
}

function authenticatesOtherwise(module: PythonModule, view: SyntaxNode): boolean {
  if (OWN_REQUEST_CHECK.test((view.parent?.type === 'decorated_definition' ? view.parent : view).text)) return true;
  return decoratorsOf(view).some((d) => JWT_DECORATORS.has(module.resolve(d) ?? ''));
}
