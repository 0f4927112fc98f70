import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { callArguments, literalTruthiness, literalValue, stringValue } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { nameWords } from '../src/core/scope.js';
import { THREATS } from '../src/core/threats.js';

/** Werkzeug's `Response.set_cookie(key, value, max_age, expires, path, domain, secure, httponly, samesite)`. */
const FLAGS = [
  { name: 'secure', position: 6, label: 'Secure', safe: 'True' },
  { name: 'httponly', position: 7, label: 'HttpOnly', safe: 'True' },
  { name: 'samesite', position: 8, label: 'SameSite', safe: '"Lax"' },
] as const;
type Flag = (typeof FLAGS)[number];

const CREDENTIAL_WORDS = new Set([
  'session', 'sess', 'sid', 'sessionid', 'token', 'tokens', 'auth', 'jwt', 'remember', 'password', 'passwd', 'pwd',
  'secret', 'credential', 'credentials', 'apikey', 'bearer', 'uid', 'userid',
]);
const CREDENTIAL_PHRASES = ['api key', 'user id'];
/** Double-submit CSRF cookies are read by the page's own JavaScript: they are not credentials. */
const CSRF_WORDS = new Set(['csrf', 'xsrf']);

export const setCookieWithoutFlags: Rule = {
  meta: {
    id: 'set-cookie-without-flags',
    code: 'FG505',
    category: 'session-cookies',
    severity: 'medium',
    confidence: 'medium',
    confidenceNote:
      'Medium when the cookie name or value says session, token or credential (high when the code turns a flag off itself, `secure=False`); low, at low severity, for other cookies, CSRF cookies and constant values; silent for deletions (`max_age=0`). Raw `Set-Cookie` headers are read the same way.',
    title: 'Cookie set without Secure, HttpOnly or SameSite',
    threats: [THREATS.sessionHijacking, THREATS.sessionDataExposure, THREATS.csrfSession],
    why:
      'Flask\'s `SESSION_COOKIE_*` settings protect only the session cookie. A cookie set by hand with ' +
      '`response.set_cookie()` gets none of the attributes unless the call asks for them: without `Secure` it ' +
      'travels over plain HTTP, without `HttpOnly` any script on the page can read it, and without `SameSite` ' +
      'it rides along on requests other sites start. Cookies whose name or value says they carry a session id, ' +
      'a token or a credential need all three; preference cookies and values that are constants are not reported.',
    example: 'resp.set_cookie("access_token", token)',
    useInstead: 'resp.set_cookie("access_token", token, secure=True, httponly=True, samesite="Lax")',
    references: [
      'https://flask.palletsprojects.com/en/stable/security/#set-cookie-options',
      'https://werkzeug.palletsprojects.com/en/stable/wrappers/#werkzeug.wrappers.Response.set_cookie',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#security',
    ],
    cwe: [614, 1004, 1275],
  },
  python(ctx) {
    const { module } = ctx;
    for (const match of module.search(/\.\s*set_cookie\s*\(/g)) {
      const at = match.index + match[0].indexOf('set_cookie');
      const attribute = module.codeAt(at, 'set_cookie'.length)?.parent;
      const call = attribute?.parent;
      if (attribute?.type !== 'attribute' || call?.type !== 'call' || isTestClient(module, attribute.childForFieldName('object'))) continue;
      const args = callArguments(call);
      // Flags hidden in **options, or a cookie the client named (an echo service).
      if (args.spread) continue;
      const key = args.keywords.get('key')?.value ?? args.positional[0] ?? null;
      const value = args.keywords.get('value')?.value ?? args.positional[1] ?? null;
      if (!key || module.flow.isRequestData(key) || isDeletion(args)) continue;
      const keyWords = nameWords(stringValue(key) ?? key.text);
      const csrf = keyWords.some((w) => CSRF_WORDS.has(w));
      // A double-submit CSRF cookie is read by the page's own script: HttpOnly would break it.
      const missing = FLAGS.filter((flag) => isMissing(flag, args) && !(csrf && flag.name === 'httponly'));
      if (missing.length === 0) continue;
      const name = stringValue(key);
      const explicit = missing.filter((flag) => flagValue(flag, args) !== undefined);
      reportCookie(ctx, call, {
        name,
        credential: !csrf && value !== null && literalValue(value) === undefined && (isCredential(keyWords) || isCredential(valueNameWords(value))),
        missing: missing.map((f) => f.label),
        explicit: explicit.map((f) => f.label),
        fix: fixFor(call, missing, args),
      });
    }
    for (const header of rawSetCookieHeaders(module)) {
      const text = header.constantText;
      const missing = ['Secure', 'HttpOnly', 'SameSite'].filter((flag) => !new RegExp(`;\\s*${flag}\\b`, 'i').test(text));
      if (missing.length === 0) continue;
      const name = /^\s*([^=;\s]+)=/.exec(text)?.[1];
      reportCookie(ctx, header.node, { name, credential: name !== undefined && isCredential(nameWords(name)) && !nameWords(name).some((w) => CSRF_WORDS.has(w)), missing, explicit: [], raw: true });
    }
  },
};

interface CookieProblem {
  name: string | undefined;
  credential: boolean;
  missing: string[];
  /** Flags the code turns off itself (`secure=False`). */
  explicit: string[];
  raw?: boolean;
  fix?: string | undefined;
}

/** Credential cookies as before; cookies that hold no credential (a theme, a cart) at low severity and confidence. */
function reportCookie(ctx: Parameters<NonNullable<Rule['python']>>[0], node: SyntaxNode, problem: CookieProblem): void {
  const label = problem.name !== undefined ? `Cookie "${problem.name}"` : 'This cookie';
  const how = problem.raw ? ' in a raw Set-Cookie header' : '';
  const off = problem.explicit.length > 0 ? ` (${listOf(problem.explicit)} turned off explicitly)` : '';
  ctx.report({
    node,
    environment: ctx.module.environmentOf(node),
    ...(problem.credential ? (problem.explicit.length > 0 ? { confidence: 'high' as const } : {}) : { severity: 'low' as const, confidence: 'low' as const }),
    message: problem.credential
      ? `${label} looks like a session, token or credential and is set${how} without ${listOf(problem.missing)}${off}: it can be read in transit or by scripts, or sent along by other sites.`
      : `${label} is set${how} without ${listOf(problem.missing)}${off}. It does not look like a credential, so this matters only if the server trusts its value.`,
    ...(problem.fix ? { fix: problem.fix } : {}),
  });
}

/** `set_cookie(name, "", expires=0)` / `max_age=0` deletes the cookie: there is nothing to protect. */
function isDeletion(args: ReturnType<typeof callArguments>): boolean {
  return ['expires', 'max_age'].some((k) => {
    const v = args.keywords.get(k)?.value;
    return v !== undefined && literalValue(v)?.kind === 'int' && literalTruthiness(v) === false;
  });
}

/**
 * `resp.headers["Set-Cookie"] = …`, `headers.add("Set-Cookie", …)`, `{"Set-Cookie": …}`: a cookie
 * written by hand, with the text the code fixes (string literals, f-string parts).
 */
function rawSetCookieHeaders(module: PythonModule): { node: SyntaxNode; constantText: string }[] {
  const out: { node: SyntaxNode; constantText: string }[] = [];
  for (const match of module.search(/["']set-cookie["']/gi)) {
    const literal = module.nodeAt(match.index, match.index + match[0].length);
    const string = literal.type === 'string' ? literal : literal.parent;
    const parent = string?.parent;
    let value: SyntaxNode | null | undefined;
    if (parent?.type === 'pair' && parent.childForFieldName('key')?.id === string?.id) value = parent.childForFieldName('value');
    else if (parent?.type === 'subscript' && parent.parent?.type === 'assignment' && parent.parent.childForFieldName('left')?.id === parent.id) value = parent.parent.childForFieldName('right');
    else if (parent?.type === 'argument_list' && parent.namedChildren[0]?.id === string?.id && /\.(add|set|append|extend|setdefault|add_header)$/.test(parent.parent?.childForFieldName('function')?.text ?? '')) value = parent.namedChildren[1];
    if (!value) continue;
    const constantText = (value.type === 'string' ? [value] : value.descendantsOfType('string'))
      .map((s) => stringValue(s) ?? s.children.filter((c) => c.type === 'string_content').map((c) => c.text).join('{}'))
      .join('{}');
    out.push({ node: value, constantText });
  }
  return out;
}

/**
 * Only cookies that authenticate need all three attributes. Preference and state cookies (a theme,
 * a cart, searx's settings, httpbin's digest-auth counters) mostly hold the client's own choices,
 * and reporting them was noise on real applications.
 */
function isCredential(words: readonly string[]): boolean {
  const phrase = words.join(' ');
  return words.some((w) => CREDENTIAL_WORDS.has(w)) || CREDENTIAL_PHRASES.some((p) => phrase.includes(p));
}

/**
 * What the value is called: a variable (`token`), an attribute (`user.api_key`), or the function
 * that makes it (`create_access_token(...)`) — not every word inside it (`session.get("theme")`
 * is a theme).
 */
function valueNameWords(value: SyntaxNode): string[] {
  switch (value.type) {
    case 'identifier':
      return nameWords(value.text);
    case 'attribute':
      return nameWords(value.childForFieldName('attribute')?.text ?? '');
    case 'call': {
      const fn = value.childForFieldName('function');
      return nameWords((fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : '') ?? '');
    }
    default:
      return [];
  }
}

function flagValue(flag: Flag, args: ReturnType<typeof callArguments>): SyntaxNode | undefined {
  return args.keywords.get(flag.name)?.value ?? args.positional[flag.position];
}

/** Absent, or a literal that turns the attribute off; an expression (`secure=request.is_secure`) counts as set. */
function isMissing(flag: Flag, args: ReturnType<typeof callArguments>): boolean {
  const value = flagValue(flag, args);
  if (!value) return true;
  if (flag.name !== 'samesite') return literalTruthiness(value) === false;
  const literal = literalValue(value);
  return literal?.kind === 'none' || (literal?.kind === 'str' && literal.value.toLowerCase() === 'none');
}

/**
 * The call with the missing attributes added (or their False/None keyword values replaced). None
 * when a flag is passed positionally or as an explicit `samesite="None"`, which may be deliberate.
 */
function fixFor(call: SyntaxNode, missing: readonly Flag[], args: ReturnType<typeof callArguments>): string | undefined {
  const edits: { start: number; end: number; text: string }[] = [];
  const appended: string[] = [];
  for (const flag of missing) {
    const keyword = args.keywords.get(flag.name);
    if (keyword) {
      if (literalValue(keyword.value)?.kind === 'str') return undefined;
      edits.push({ start: keyword.value.startIndex, end: keyword.value.endIndex, text: flag.safe });
    } else if (args.positional[flag.position]) {
      return undefined;
    } else {
      appended.push(`${flag.name}=${flag.safe}`);
    }
  }
  const last = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment').pop();
  if (appended.length > 0 && last) edits.push({ start: last.endIndex, end: last.endIndex, text: `, ${appended.join(', ')}` });
  let text = call.text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    text = text.slice(0, edit.start - call.startIndex) + edit.text + text.slice(edit.end - call.startIndex);
  return text;
}

/** Werkzeug's and Flask's test clients have a `set_cookie` of their own. */
function isTestClient(module: PythonModule, receiver: SyntaxNode | null): boolean {
  if (!receiver) return false;
  const resolved = module.resolve(receiver) ?? '';
  return /test_client|Client\(\)$/.test(resolved) || /(^|_)client$/i.test(receiver.text);
}

function listOf(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}
