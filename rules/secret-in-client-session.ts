import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { appSetupIsVisible } from '../src/core/python/project-facts.js';
import { callArguments, literalValue, stringValue } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { nameWords } from '../src/core/scope.js';
import { THREATS } from '../src/core/threats.js';

const SECRET_WORDS = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'passcode', 'secret', 'token', 'tokens', 'apikey', 'credential', 'credentials',
  'pin', 'otp', 'ssn', 'cvv',
]);
const SECRET_PHRASES = ['api key', 'private key', 'card number', 'password hash'];
/** Nonces the server generates and keeps to compare later are what a session is for. */
const NONCE_WORDS = new Set(['csrf', 'xsrf', 'state', 'nonce']);
const RANDOM_SOURCES = /^(secrets\.token_\w+|secrets\.randbits|os\.urandom|uuid\.uuid[14])$/;
/** A server-side session store configured anywhere in the analyzed code. */
const SERVER_SIDE_SESSION = /\b(flask_session|flask_kvsession|flaskext\.kvsession|SESSION_TYPE|session_interface)\b/;

export const secretInClientSession: Rule = {
  meta: {
    id: 'secret-in-client-session',
    code: 'FG507',
    category: 'session-cookies',
    severity: 'low',
    confidence: 'medium',
    confidenceNote:
      'Medium: the key or value name says password, token or secret, and no server-side session store is configured.',
    title: 'Password or token stored in the client-side session cookie',
    threats: [THREATS.sessionDataExposure],
    why:
      'Flask\'s default session is a cookie that is signed, not encrypted: its content is base64 that anyone holding ' +
      'the cookie — the user, a shared computer, a proxy log, a stolen backup — can read. Passwords, API tokens and ' +
      'other secrets do not belong there. The seed strategy moves session data to a server-side store ' +
      '(Flask-Session, Flask-KVSession), which keeps only a random id in the cookie.',
    example: 'session["api_token"] = token',
    useInstead: 'app.config["SESSION_TYPE"] = "redis"\nSession(app)  # Flask-Session: the cookie holds only an id\nsession["api_token"] = token',
    references: [
      'https://flask.palletsprojects.com/en/stable/quickstart/#sessions',
      'https://flask-session.readthedocs.io/en/latest/',
      'https://blog.miguelgrinberg.com/post/how-secure-is-the-flask-user-session',
    ],
    cwe: [315],
  },
  python(ctx) {
    const { module } = ctx;
    const candidates = module.search(/\bsession\s*(\[|\.\s*(update|setdefault)\s*\()/g);
    if (candidates.length === 0) return;
    const writes = candidates.flatMap((m) => sessionWrites(module, m.index));
    const secret = writes.filter((w) => !isFlagOrReset(w.value) && (looksSecret(w.key) || valueLooksSecret(w.value)) && !isNonce(module, w));
    if (secret.length === 0 || !clientSideSessions(module)) return;
    for (const write of secret) {
      ctx.report({
        node: write.node,
        environment: module.environmentOf(write.node),
        message: `"${write.key}" is stored in Flask's session, a cookie that is signed but not encrypted: whoever holds the cookie can read it. No server-side session store is configured.`,
      });
    }
  },
};

interface SessionWrite {
  key: string;
  value: SyntaxNode;
  node: SyntaxNode;
}

/** `session["k"] = v`, `session.update(k=v)`, `session.update({"k": v})`, `session.setdefault("k", v)`. */
function sessionWrites(module: PythonModule, offset: number): SessionWrite[] {
  const name = module.codeAt(offset, 'session'.length);
  const holder = name?.parent;
  if (!name || !holder || module.resolve(name) !== 'flask.session') return [];
  if (holder.type === 'subscript' && holder.childForFieldName('value')?.id === name.id) {
    const assignment = holder.parent;
    const key = stringValue(holder.childForFieldName('subscript'));
    const value = assignment?.childForFieldName('right');
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== holder.id || key === undefined || !value) return [];
    return [{ key, value, node: holder }];
  }
  const call = holder.type === 'attribute' ? holder.parent : null;
  if (call?.type !== 'call') return [];
  const args = callArguments(call);
  if (holder.childForFieldName('attribute')?.text === 'setdefault') {
    const key = stringValue(args.positional[0] ?? null);
    const value = args.positional[1];
    return key !== undefined && value ? [{ key, value, node: call }] : [];
  }
  const out: SessionWrite[] = [...args.keywords].map(([key, { argument, value }]) => ({ key, value, node: argument }));
  const dict = args.positional[0];
  if (dict?.type === 'dictionary') {
    for (const pair of dict.namedChildren.filter((c) => c.type === 'pair')) {
      const key = stringValue(pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      if (key !== undefined && value) out.push({ key, value, node: pair });
    }
  }
  return out;
}

/**
 * The name says it *is* a secret: its last word is one (`password`, `user_api_token`, `pin`), not
 * something about one (`password_changed_at`, `otp_verified`, `token_expires`).
 */
function looksSecret(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => NONCE_WORDS.has(w))) return false;
  const phrase = words.join(' ');
  return SECRET_WORDS.has(words[words.length - 1] ?? '') || SECRET_PHRASES.some((p) => phrase.endsWith(p));
}

/** `password`, `form.password.data`, `request.form["password"]`, `data.get("api_token")`. */
function valueLooksSecret(value: SyntaxNode): boolean {
  let node: SyntaxNode | null = value;
  if (node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'data') node = node.childForFieldName('object');
  if (!node) return false;
  switch (node.type) {
    case 'identifier':
      return looksSecret(node.text);
    case 'attribute':
      return looksSecret(node.childForFieldName('attribute')?.text ?? '');
    case 'subscript': {
      const key = stringValue(node.childForFieldName('subscript'));
      return key !== undefined && looksSecret(key);
    }
    case 'call': {
      const callee = node.childForFieldName('function');
      if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'get') return false;
      const key = stringValue(callArguments(node).positional[0] ?? null);
      return key !== undefined && looksSecret(key);
    }
    default:
      return false;
  }
}

/** `True`, `None`, `0`, `""`: a flag or a reset, never the secret itself. */
function isFlagOrReset(value: SyntaxNode): boolean {
  const literal = literalValue(value);
  return literal !== undefined && !((literal.kind === 'str' || literal.kind === 'bytes') && literal.value !== '');
}

/** A random value the server just generated (`secrets.token_urlsafe()`): a nonce, not a credential. */
function isNonce(module: PythonModule, write: SessionWrite): boolean {
  let value: SyntaxNode | null = write.value;
  // str(uuid.uuid4()), uuid.uuid4().hex
  if (value.type === 'call' && module.callee(value) === 'builtins.str') value = callArguments(value).positional[0] ?? null;
  if (value?.type === 'attribute') value = value.childForFieldName('object');
  return value?.type === 'call' && RANDOM_SOURCES.test(module.callee(value) ?? '');
}

/**
 * Sessions are client-side when the code that sets the app up is in view and nothing in the
 * analysis configures a server-side store. Without it (a pull request that changes only a view)
 * we cannot tell, and stay silent.
 */
function clientSideSessions(module: PythonModule): boolean {
  return appSetupIsVisible(module) && !module.projectModules().some((m) => SERVER_SIDE_SESSION.test(m.text));
}
