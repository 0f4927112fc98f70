import type { SyntaxNode } from '../src/core/python/parser.js';
import { isOverriddenInProduction } from '../src/core/python/environment.js';
import { productionRequires } from '../src/core/python/start-up-checks.js';
import { callArguments, enclosingClass, literalValue, stringValue } from '../src/core/python/syntax.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { CSRF_ONLY_KEY, SECRET_ENV_NAME, isWeakSecret } from '../src/core/secrets.js';
import { THREATS } from '../src/core/threats.js';

const ENV_READERS = new Set(['os.environ.get', 'os.environ.setdefault']);

export const secretKeyFallback: Rule = {
  meta: {
    id: 'secret-key-fallback',
    code: 'FG202',
    category: 'secret-key',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: production would start with the literal fallback; silent when production configuration refuses to start without the key (`os.environ["SECRET_KEY"]`, an `assert` or a `raise` in the production class, its `init_app` or a production config module) or every production class sets its own.',
    title: 'Secret key read from the environment with a literal fallback',
    threats: [THREATS.sessionHijackingKey, THREATS.csrfKey, THREATS.dataTampering],
    why:
      '`os.environ.get("SECRET_KEY", "dev")` looks safe, but when the variable is missing — a new server, a typo in ' +
      'the deployment, a cron job — the app silently signs sessions with the well-known fallback. The seed asks ' +
      'for error handling when the variable is not set, not a default.',
    example: 'SECRET_KEY = os.environ.get("SECRET_KEY", "dev")',
    useInstead: 'SECRET_KEY = os.environ["SECRET_KEY"]  # fails loudly at start-up when the key is missing',
    references: ['https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY', 'https://flask.palletsprojects.com/en/stable/tutorial/deploy/#configure-the-secret-key'],
    cwe: [798, 1188],
  },
  python(ctx) {
    const { module } = ctx;
    for (const match of module.search(/\b(get|getenv|setdefault)\s*\(\s*[rbu]?["']([A-Za-z0-9_]+)["']/g)) {
      const envName = match[2] as string;
      if (!SECRET_ENV_NAME.test(envName)) continue;
      const call = module.codeAt(match.index, (match[1] as string).length)?.parent;
      const target = call?.type === 'attribute' ? call.parent : call;
      if (target?.type !== 'call' || !ENV_READERS.has(module.callee(target) ?? '')) continue;
      const args = callArguments(target);
      const fallback = args.positional[1] ?? args.keywords.get('default')?.value ?? null;
      if (fallback) {
        reportFallback(ctx, envName, target, fallback, target);
        continue;
      }
      // os.getenv("SECRET_KEY") or "dev"
      const parent = target.parent;
      if (parent?.type === 'boolean_operator' && parent.childForFieldName('left')?.id === target.id && parent.child(1)?.type === 'or')
        reportFallback(ctx, envName, target, parent.childForFieldName('right'), parent);
    }
  },
};

function reportFallback(ctx: PythonContext, envName: string, call: SyntaxNode, fallback: SyntaxNode | null, node: SyntaxNode): void {
  const literal = literalValue(fallback);
  if (!literal || (literal.kind !== 'str' && literal.kind !== 'bytes') || literal.value.length === 0) return;
  // Production never runs on the fallback: it refuses to start without the key, or sets its own.
  const key = assignedKey(node);
  if (productionRequires(ctx.module, { variable: envName, fallback: literal.value, ...(key ? { key } : {}) })) return;
  if (key && enclosingClass(node) && isOverriddenInProduction(ctx.module, node, key)) return;
  const weak = isWeakSecret(literal.value);
  const csrfOnly = (key ?? envName) === CSRF_ONLY_KEY;
  const callee = call.childForFieldName('function');
  const environ = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  const environText = environ && ctx.module.resolve(environ) === 'os.environ' ? environ.text : null;
  ctx.report({
    node,
    environment: ctx.module.environmentOf(call),
    severity: csrfOnly ? 'low' : weak ? 'critical' : 'high',
    ...(csrfOnly ? { confidence: 'low' as const } : {}),
    message: csrfOnly
      ? `When ${envName} is not set, CSRF tokens are signed with a literal fallback; it signs only CSRF tokens (bound to each session), so the exposure is small.`
      : weak
      ? `When ${envName} is not set, the app signs sessions with a guessable literal fallback instead of refusing to start.`
      : `When ${envName} is not set, the app signs sessions with a literal fallback from the source code instead of refusing to start.`,
    fix: environText ? `${environText}["${envName}"]` : undefined,
  });
}

/** The config key a value is assigned to: `SECRET_KEY = …`, `app.config["SECRET_KEY"] = …`. */
function assignedKey(value: SyntaxNode): string | undefined {
  const assignment = value.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== value.id) return undefined;
  const left = assignment.childForFieldName('left');
  if (left?.type === 'identifier') return left.text;
  return left?.type === 'subscript' ? stringValue(left.childForFieldName('subscript')) : undefined;
}
