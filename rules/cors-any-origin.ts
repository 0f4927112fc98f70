import { corsCalls, corsConfig, corsOptionSets, originsOf, type CorsConfig } from '../src/core/python/cors.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { callArguments, decoratorsOf, enclosingFunction, literalTruthiness, stringValue } from '../src/core/python/syntax.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

const ALLOW_ORIGIN_HEADER = /["']Access-Control-Allow-Origin["']/gi;

/** Code that knows who the user is: Flask's session, Flask-Login's current user or its login_required. */
const READS_SESSION = /\bfrom\s+flask\s+import\s[^\n]*\bsession\b|\bflask\.session\b|\bcurrent_user\b|\blogin_required\b|\bsession\s*(\[|\.get\s*\()/;

export const corsAnyOrigin: Rule = {
  meta: {
    id: 'cors-any-origin',
    code: 'FG903',
    category: 'cors',
    severity: 'low',
    confidence: 'low',
    confidenceNote:
      'Low: a public API is meant to be read from anywhere. Medium when the route (for @cross_origin), the application (for CORS(app) and an after_request hook) or the module (for a header set on its responses) reads the session or the current user: then the policy covers pages that are about a user, and one supports_credentials=True away from letting every site read them. With credentials the finding is cors-credentials-any-origin\'s.',
    title: 'Flask-CORS lets every origin read the responses (no credentials)',
    threats: [THREATS.crossOriginReading],
    why:
      '`CORS(app)` without `origins` (Flask-CORS\'s default), `origins="*"`, `origins=["*"]`, `send_wildcard=True`, ' +
      'or an `Access-Control-Allow-Origin: *` header written by hand (in an `after_request` hook, a response\'s headers) ' +
      'lets a script on any web site a visitor opens call these routes and read the answers. Without ' +
      '`supports_credentials` the browser sends no cookies, so what leaks is what the server answers anyone who can ' +
      'reach it: fine for a public API, not for a service that trusts where a request comes from (an intranet, a VPN, ' +
      'localhost, an IP allow-list). In an application that signs users in it is worse kept narrow: list the origins ' +
      'that need the API, so that switching credentials on later does not open every user\'s data to every site.',
    example: 'CORS(app)',
    useInstead: 'CORS(app, origins=["https://app.example.com"])\n# or, for a public API, only its routes:\nCORS(app, resources={r"/api/public/*": {"origins": "*"}})',
    references: [
      'https://flask-cors.readthedocs.io/en/latest/api.html',
      'https://portswigger.net/web-security/cors',
    ],
    cwe: [942],
  },
  python(ctx) {
    manualHeaders(ctx);
    const { module } = ctx;
    const calls = corsCalls(module);
    if (calls.length === 0) return;
    let config: CorsConfig | undefined;
    for (const call of calls) {
      if (callArguments(call).spread) continue;
      for (const options of corsOptionSets(module, call)) {
        config ??= corsConfig(module);
        // Credentials (in the call or the app config) make it cors-credentials-any-origin's finding.
        const credentials = options.credentials ? literalTruthiness(options.credentials.value) : config.credentials;
        if (credentials !== false) continue;
        const wildcard = options.sendWildcard !== undefined && literalTruthiness(options.sendWildcard) === true;
        const origins = options.origins ? originsOf(module, options.origins) : config.origins;
        if (!wildcard && origins !== 'any') continue;
        const signedIn = readsSession(module, call);
        ctx.report({
          node: options.origins ?? options.sendWildcard ?? call,
          environment: module.environmentOf(call),
          confidence: signedIn ? 'medium' : 'low',
          message: signedIn
            ? `Every origin may read these responses (${describe(options.origins ?? options.sendWildcard)}), in ${signedIn} that signs users in: list the origins that need it, so that the policy does not cover pages about a user, nor every site once credentials are allowed.`
            : `Every origin may read these responses (${describe(options.origins ?? options.sendWildcard)}), without cookies: fine for a public API; list the origins if anything here is meant only for a network or for known clients.`,
        });
      }
    }
  },
};

/**
 * `response.headers["Access-Control-Allow-Origin"] = "*"`, `headers.add(…, "*")`, a headers dict
 * or list with that pair: the same policy written by hand. In an `after_request` hook it covers
 * the application; elsewhere, the responses of that module.
 */
function manualHeaders(ctx: PythonContext): void {
  const { module } = ctx;
  if (!/Access-Control-Allow-Origin/i.test(module.text)) return;
  for (const match of module.search(ALLOW_ORIGIN_HEADER)) {
    let name: SyntaxNode | null = module.nodeAt(match.index, match.index + match[0].length);
    for (let up = 0; name && name.type !== 'string' && up < 2; up++) name = name.parent;
    if (name?.type !== 'string' || name.startIndex !== match.index) continue;
    const value = headerValue(name);
    if (!value || stringValue(value)?.trim() !== '*') continue;
    const fn = enclosingFunction(name);
    const hook = fn !== null && decoratorsOf(fn).some((d) => /\.after_(app_)?request\b/.test(d.text));
    const signedIn = hook ? module.projectModules().some((m) => READS_SESSION.test(m.text)) : READS_SESSION.test(module.text);
    ctx.report({
      node: value,
      environment: module.environmentOf(value),
      confidence: signedIn ? 'medium' : 'low',
      message: signedIn
        ? `Access-Control-Allow-Origin: * lets every origin read these responses, in ${hook ? 'an application' : 'a module'} that signs users in: list the origins that need them.`
        : 'Access-Control-Allow-Origin: * lets every origin read these responses (without cookies): fine for a public API; answer only the origins that need it if anything here is meant only for a network or for known clients.',
    });
  }
}

/** The value given to the header name: `h[name] = v`, `h.add(name, v)`, `{name: v}`, `(name, v)`. */
function headerValue(name: SyntaxNode): SyntaxNode | null {
  const parent = name.parent;
  if (!parent) return null;
  if (parent.type === 'subscript') {
    const assignment = parent.parent;
    return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.id === parent.id ? assignment.childForFieldName('right') : null;
  }
  if (parent.type === 'pair') return parent.childForFieldName('key')?.id === name.id ? parent.childForFieldName('value') : null;
  if (parent.type === 'argument_list' || parent.type === 'tuple') {
    const items = parent.namedChildren.filter((c) => c.type !== 'comment');
    return items[0]?.id === name.id ? (items[1] ?? null) : null;
  }
  return null;
}

/** Does the code the CORS policy covers read the session: the decorated view, or any module of the project for CORS(app)? */
function readsSession(module: PythonModule, call: SyntaxNode): string | undefined {
  if (module.isCallTo(call, 'flask_cors.cross_origin')) {
    const decorated = call.parent?.type === 'decorator' ? call.parent.parent : null;
    return decorated && READS_SESSION.test(decorated.text) ? 'a view' : undefined;
  }
  return module.projectModules().some((m) => READS_SESSION.test(m.text)) ? 'an application' : undefined;
}

function describe(node: SyntaxNode | undefined): string {
  if (!node) return "no origins: Flask-CORS's default is every origin";
  const text = node.parent?.type === 'keyword_argument' ? node.parent.text : node.text;
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
