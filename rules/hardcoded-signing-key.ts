import { findCalls } from '../src/core/python/calls.js';
import { constantString } from '../src/core/python/constant-string.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { argument } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { isWeakSecret } from '../src/core/secrets.js';
import { THREATS } from '../src/core/threats.js';

/** Calls that sign or verify with a key, and where the key goes. */
const SIGNERS: { names: string[]; position: number; keyword: string; what: string }[] = [
  { names: ['jwt.encode', 'jwt.decode', 'jose.jwt.encode', 'jose.jwt.decode'], position: 1, keyword: 'key', what: 'JSON Web Tokens' },
  {
    names: ['Serializer', 'URLSafeSerializer', 'TimedSerializer', 'URLSafeTimedSerializer', 'Signer', 'TimestampSigner'].flatMap((n) => [
      `itsdangerous.${n}`,
      `itsdangerous.serializer.${n}`,
      `itsdangerous.url_safe.${n}`,
      `itsdangerous.timed.${n}`,
      `itsdangerous.signer.${n}`,
    ]),
    position: 0,
    keyword: 'secret_key',
    what: 'itsdangerous tokens (password-reset and confirmation links, signed cookies)',
  },
  { names: ['hmac.new', 'hmac.HMAC', 'hmac.digest'], position: 0, keyword: 'key', what: 'HMAC signatures' },
];
/** The app's secret key, however it is read. */
const APP_SECRET = /(?:\bsecret_key\b|["']SECRET_KEY["']|\.SECRET_KEY\b|^SECRET_KEY$)/;

export const hardcodedSigningKey: Rule = {
  meta: {
    id: 'hardcoded-signing-key',
    code: 'FG205',
    category: 'secret-key',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High for a constant key given to jwt.encode/decode or an itsdangerous serializer or signer (also through a module constant or a config class attribute), and for the app\'s secret key used as a Hashids salt; medium for hmac.new, whose key may be a shared webhook secret rather than the app\'s own.',
    title: 'Signing key written in the source, or the secret key made public',
    threats: [THREATS.sessionHijackingKey, THREATS.dataTampering],
    why:
      'Tokens are only as secret as the key that signs them. A literal key given to `jwt.encode`, an itsdangerous ' +
      'serializer or `hmac.new` is in every clone of the repository, its history and its forks: anyone who reads ' +
      'it can mint login tokens, password-reset links and signed payloads that the app accepts. The seed strategy ' +
      'asks for keys from the environment or a secrets manager, never from the code. The app\'s `SECRET_KEY` must ' +
      'also never go where it becomes public: a Hashids salt can be recovered from a handful of encoded ids, which ' +
      'hands out the key that signs every session.',
    example: 'token = jwt.encode({"sub": user.id}, "jwt-secret", algorithm="HS256")\nhashids = Hashids(salt=app.config["SECRET_KEY"])',
    useInstead: 'token = jwt.encode({"sub": user.id}, current_app.config["JWT_SECRET_KEY"], algorithm="HS256")\nhashids = Hashids(salt=os.environ["HASHIDS_SALT"], min_length=8)',
    references: [
      'https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY',
      'https://itsdangerous.palletsprojects.com/en/stable/concepts/',
      'https://carnage.github.io/2015/08/cryptanalysis-of-hashids',
    ],
    cwe: [798, 321],
  },
  python(ctx) {
    const { module } = ctx;
    if (!/\b(jwt|itsdangerous|hmac|Hashids|hashids)\b/.test(module.text)) return;
    for (const signer of SIGNERS) {
      for (const call of findCalls(module, signer.names)) {
        const key = argument(call, signer.keyword, signer.position);
        const constant = constantString(module, key);
        if (!key || !constant || constant.value.length === 0) continue;
        const hmac = signer.keyword === 'key' && signer.position === 0;
        const through = constant.via.length > 0 ? ` (through ${constant.via.join(' → ')})` : '';
        ctx.report({
          node: key,
          environment: module.environmentOf(call),
          severity: isWeakSecret(constant.value) ? 'critical' : 'high',
          ...(hmac ? { confidence: 'medium' as const } : {}),
          message: `The key that signs ${signer.what} is written in the source${through}: anyone with the code can forge them. Read it from the environment or the app's configuration.`,
        });
      }
    }
    for (const call of findCalls(module, ['hashids.Hashids'])) {
      const salt = argument(call, 'salt', 0);
      if (!salt || !isAppSecret(module, salt)) continue;
      ctx.report({
        node: salt,
        environment: module.environmentOf(call),
        message: 'The app\'s SECRET_KEY is used as the Hashids salt: the salt can be recovered from a few encoded ids, and with it the key that signs every session. Give Hashids a salt of its own.',
      });
    }
  },
};

/** `app.secret_key`, `app.config["SECRET_KEY"]`, `current_app.config.get("SECRET_KEY")`, `settings.SECRET_KEY`, or a name assigned one. */
function isAppSecret(module: PythonModule, node: SyntaxNode): boolean {
  if (APP_SECRET.test(node.text)) return true;
  if (node.type !== 'identifier') return false;
  const bindings = module.lookup(node.text, node);
  return bindings.length === 1 && bindings[0]?.kind === 'assign' && bindings[0].value !== null && APP_SECRET.test(bindings[0].value.text);
}
