import { findConfigWrites } from '../src/core/python/config-writes.js';
import type { Rule } from '../src/core/rule.js';
import { SECRET_KEYS } from '../src/core/secrets.js';
import { THREATS } from '../src/core/threats.js';

const RANDOM_SOURCES = new Set([
  'secrets.token_hex', 'secrets.token_urlsafe', 'secrets.token_bytes', 'os.urandom', 'uuid.uuid4', 'uuid.uuid1',
  'random.random', 'random.getrandbits', 'random.randbytes',
]);

export const secretKeyGeneratedAtStartup: Rule = {
  meta: {
    id: 'secret-key-generated-at-startup',
    code: 'FG204',
    category: 'secret-key',
    severity: 'info',
    confidence: 'low',
    confidenceNote:
      'Low (informational): a random key per process is secure but logs users out on restart and breaks multi-worker deployments.',
    title: 'Secret key generated randomly when the app starts',
    threats: [THREATS.sessionHijackingKey, THREATS.dataTampering],
    why:
      '`SECRET_KEY = os.urandom(24)` is not guessable, but every worker process and every restart gets a different ' +
      'key: sessions signed by one worker are rejected by the next, users are logged out on each deploy, and key ' +
      'rotation cannot be planned. Generate the key once and load it from the environment or a secrets manager.',
    example: 'app.secret_key = os.urandom(24)',
    useInstead: 'app.secret_key = os.environ["SECRET_KEY"]  # generated once with secrets.token_urlsafe(64)',
    references: ['https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY'],
    cwe: [665],
  },
  python(ctx) {
    const { module } = ctx;
    for (const write of findConfigWrites(module, SECRET_KEYS)) {
      const calls = [write.value, ...write.value.descendantsOfType('call')].filter((n) => n.type === 'call');
      const random = calls.map((c) => module.callee(c)).find((name) => name && RANDOM_SOURCES.has(name));
      if (!random) continue;
      ctx.report({
        node: write.node,
        environment: write.environment,
        message: `${write.key} comes from ${random}() at start-up: each worker and each restart signs with a different key, so sessions break.`,
      });
    }
  },
};
