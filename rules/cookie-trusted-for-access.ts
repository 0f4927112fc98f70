import { fieldOf, parentOf } from '../src/core/python/nav.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { enclosingFunction, stringValue } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { nameWords } from '../src/core/scope.js';
import { THREATS } from '../src/core/threats.js';

/** Cookie names that say who the client is or what it may do. */
const IDENTITY_WORDS = new Set(['admin', 'isadmin', 'role', 'roles', 'user', 'userid', 'uid', 'username', 'login', 'logged', 'loggedin', 'authenticated', 'auth', 'permission', 'permissions', 'level', 'group', 'staff', 'superuser', 'account']);
/** Cookies that hold a random secret: looking one up is how token authentication works. */
const SECRET_WORDS = new Set(['token', 'session', 'sess', 'sid', 'jwt', 'key', 'secret', 'remember', 'csrf', 'xsrf', 'nonce']);
/** Calls that turn an identity into a logged-in user or a record. */
const LOADS = /(?:^|\.)(?:login_user|get|get_or_404|filter_by|filter|load_user|query|find_one|find|get_user|user_loader)$/;

export const cookieTrustedForAccess: Rule = {
  meta: {
    id: 'cookie-trusted-for-access',
    code: 'FG508',
    category: 'session-cookies',
    severity: 'high',
    confidence: 'medium',
    confidenceNote:
      'Medium: a plain cookie (request.cookies) named for an identity or a role decides a condition or loads a user; signed cookies (Flask\'s session, itsdangerous) are not plain cookies and are not reported.',
    title: 'Plain cookie trusted to say who the user is or what they may do',
    threats: [THREATS.sessionHijacking, THREATS.dataTampering],
    why:
      '`request.cookies` holds whatever the client sends: the browser\'s developer tools, curl or a proxy set ' +
      '`is_admin=1` or `user_id=1` in a second. A view that decides access or picks the logged-in user from such ' +
      'a cookie lets anyone become anyone. Keep identity and roles on the server side — Flask\'s signed `session` ' +
      '(with a strong SECRET_KEY) or a server-side session store, as the seed strategy recommends, and Flask-Login ' +
      'for the user — and check roles against the database.',
    example: 'if request.cookies.get("role") == "admin":\n    return render_template("admin.html")',
    useInstead: 'if current_user.is_authenticated and current_user.has_role("admin"):\n    return render_template("admin.html")',
    references: [
      'https://flask.palletsprojects.com/en/stable/quickstart/#sessions',
      'https://owasp.org/www-community/attacks/Session_hijacking_attack',
      'https://cwe.mitre.org/data/definitions/565.html',
    ],
    cwe: [565, 807],
  },
  python(ctx) {
    const { module } = ctx;
    for (const match of module.search(/\brequest\s*\.\s*cookies\b/g)) {
      const cookies = module.nodeAt(match.index, match.index + match[0].length);
      const read = cookies.type === 'attribute' && module.flow.isRequestData(cookies) ? cookieRead(cookies) : undefined;
      if (!read || !claimsIdentity(read.name)) continue;
      const use = decidingUse(module, read.node);
      if (!use) continue;
      ctx.report({
        node: read.node,
        environment: module.environmentOf(read.node),
        message: `The "${read.name}" cookie is sent by the client as it likes, and this code ${use}: anyone can set it and pass. Keep identity and roles in the signed session or on the server.`,
      });
    }
  },
};

/** `is_admin`, `user_id`, `role` — not a random secret the server looks up (`auth_token`, `session_id`). */
function claimsIdentity(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => SECRET_WORDS.has(w))) return false;
  return words.some((w) => IDENTITY_WORDS.has(w)) || IDENTITY_WORDS.has(words.join(''));
}

/** `request.cookies.get("role")` or `request.cookies["role"]`: the read and the cookie's name. */
function cookieRead(cookies: SyntaxNode): { node: SyntaxNode; name: string } | undefined {
  const parent = parentOf(cookies);
  if (parent?.type === 'subscript' && fieldOf(parent, 'value')?.id === cookies.id) {
    const name = stringValue(fieldOf(parent, 'subscript'));
    return name ? { node: parent, name } : undefined;
  }
  const call = parent?.type === 'attribute' ? parentOf(parent) : null;
  if (parent?.type === 'attribute' && fieldOf(parent, 'attribute')?.text === 'get' && call?.type === 'call') {
    const name = stringValue(fieldOf(call, 'arguments')?.namedChildren[0] ?? null);
    return name ? { node: call, name } : undefined;
  }
  return undefined;
}

/** How the value decides access: in a condition, or loading a user — directly or through the name it is assigned to. */
function decidingUse(module: PythonModule, read: SyntaxNode): string | undefined {
  const direct = useOf(read);
  if (direct) return direct;
  const assignment = parentOf(read);
  const target = assignment?.type === 'assignment' && fieldOf(assignment, 'right')?.id === read.id ? fieldOf(assignment, 'left') : null;
  const fn = enclosingFunction(read);
  if (target?.type !== 'identifier' || !fn) return undefined;
  for (const match of module.search(new RegExp(`(?<![\\w.])${target.text}\\b`, 'g'), fn)) {
    if (match.index <= target.startIndex) continue;
    const name = module.codeAt(match.index, target.text.length);
    const found = name?.type === 'identifier' ? useOf(name) : undefined;
    if (found) return found;
  }
  return undefined;
}

function useOf(node: SyntaxNode): string | undefined {
  for (let child = node, n = parentOf(node); n; child = n, n = parentOf(n)) {
    if ((n.type === 'if_statement' || n.type === 'elif_clause' || n.type === 'while_statement') && fieldOf(n, 'condition')?.id === child.id) return 'decides a condition on it';
    if (n.type === 'conditional_expression' && n.namedChildren[1]?.id === child.id) return 'decides a condition on it';
    const fn = n.type === 'call' ? (fieldOf(n, 'function')?.text ?? '') : '';
    if (LOADS.test(fn)) return /login_user/.test(fn) ? 'logs a user in with it' : 'loads a user or record with it';
    if (n.type.endsWith('statement') || n.type === 'function_definition') return undefined;
  }
  return undefined;
}
