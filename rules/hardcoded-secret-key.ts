import { findConfigWrites } from '../src/core/python/config-writes.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { constantString } from '../src/core/python/constant-string.js';
import { enclosingFunction, replaceWithin } from '../src/core/python/syntax.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import type { EnvironmentScope } from '../src/core/scope.js';
import { CSRF_ONLY_KEY, CSRF_ONLY_MESSAGE, SECRET_KEYS, isWeakSecret } from '../src/core/secrets.js';
import { THREATS } from '../src/core/threats.js';

export const hardcodedSecretKey: Rule = {
  meta: {
    id: 'hardcoded-secret-key',
    code: 'FG201',
    category: 'secret-key',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: a literal key in configuration production loads; low (and low severity) for `WTF_CSRF_SECRET_KEY`, which signs only CSRF tokens; withheld in development and test configuration.',
    title: 'Secret key written in the source code',
    threats: [THREATS.sessionHijackingKey, THREATS.csrfKey, THREATS.dataTampering],
    why:
      'Flask signs the session cookie, CSRF tokens and other data with `SECRET_KEY` (and Flask-JWT-Extended, ' +
      'Flask-WTF and Flask-Security with their own keys). Anyone who reads the repository — or a leaked copy of ' +
      'it — can forge a session for any user. Short or placeholder keys ("dev", "changeme") can also be guessed ' +
      'or brute-forced from a single cookie.',
    example: 'app.config["SECRET_KEY"] = "dev"',
    useInstead: 'app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]  # generated with secrets.token_urlsafe(64), kept in a secrets manager',
    references: [
      'https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY',
      'https://flask.palletsprojects.com/en/stable/quickstart/#sessions',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    ],
    cwe: [798, 321],
  },
  python(ctx) {
    const { module } = ctx;
    const reported = new Set<number>();
    for (const write of findConfigWrites(module, SECRET_KEYS)) {
      reported.add(write.node.id);
      check(ctx, write.key, write.node, write.value, write.environment);
    }
    // A SECRET_KEY constant anywhere at module or class level, even outside config modules.
    for (const match of module.search(new RegExp(`^[ \\t]*(${SECRET_KEYS.join('|')})\\s*(?::[^=\\n]*)?=(?!=)`, 'gm'))) {
      const key = match[1] as string;
      const name = module.codeAt(match.index + match[0].indexOf(key), key.length);
      const assignment = name?.parent;
      const value = assignment?.childForFieldName('right');
      if (assignment?.type !== 'assignment' || !value || reported.has(assignment.id)) continue;
      if (enclosingFunction(assignment)) continue;
      check(ctx, key, assignment, value, module.environmentOf(assignment, key));
    }
  },
};

function check(ctx: PythonContext, key: string, node: SyntaxNode, value: SyntaxNode, environment: EnvironmentScope): void {
  const constant = constantString(ctx.module, value);
  if (!constant || constant.value.length === 0) return;
  const weak = isWeakSecret(constant.value);
  // Through a name, the literal lives elsewhere: rewriting this line would leave it there.
  const through = constant.via.length > 0 ? ` (through ${constant.via.join(' → ')})` : '';
  const fix = !through && ctx.module.bindings('os', ctx.module.root).some((b) => b.kind === 'import' && b.qualified === 'os')
    ? replaceWithin(node, value, `os.environ["${key}"]`)
    : undefined;
  if (key === CSRF_ONLY_KEY) {
    ctx.report({ node, environment, severity: 'low', confidence: 'low', message: CSRF_ONLY_MESSAGE, fix });
    return;
  }
  ctx.report({
    node,
    environment,
    severity: weak ? 'critical' : 'high',
    message: weak
      ? `${key} is a hardcoded, guessable value${through}: anyone can forge signed sessions and tokens.`
      : `${key} is hardcoded in the source${through}: anyone with the code can forge signed sessions and tokens.`,
    fix,
  });
}
