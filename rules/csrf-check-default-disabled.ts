import { describeEnvironment, writesReachingProduction } from '../src/core/python/production-config.js';
import { environmentDefault } from '../src/core/python/env-flag.js';
import type { PythonModule } from '../src/core/python/module.js';
import { fieldOf } from '../src/core/python/nav.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { literalTruthiness, replaceWithin } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const csrfCheckDefaultDisabled: Rule = {
  meta: {
    id: 'csrf-check-default-disabled',
    code: 'FG802',
    category: 'csrf',
    severity: 'medium',
    confidence: 'medium',
    confidenceNote:
      'Medium: views may still call `csrf.protect()` themselves where it matters; silent when the project calls it, unless only behind a setting read from the environment whose default is off.',
    title: 'CSRFProtect no longer checks every request',
    threats: [THREATS.csrfSession],
    why:
      'With `WTF_CSRF_CHECK_DEFAULT = False`, `CSRFProtect` checks a request only when the code calls ' +
      '`csrf.protect()`. Forms built with `FlaskForm` still validate their own token, but every other ' +
      'state-changing endpoint — JSON and AJAX handlers, plain HTML forms — accepts requests started by other sites.',
    example: 'WTF_CSRF_CHECK_DEFAULT = False',
    useInstead: 'WTF_CSRF_CHECK_DEFAULT = True  # the default; exempt single endpoints with @csrf.exempt where a token cannot be sent',
    references: ['https://flask-wtf.readthedocs.io/en/latest/config/', 'https://flask-wtf.readthedocs.io/en/latest/csrf/'],
    cwe: [352],
  },
  python(ctx) {
    const writes = writesReachingProduction(ctx.module, ['WTF_CSRF_CHECK_DEFAULT']).filter((w) => literalTruthiness(w.value) === false);
    if (writes.length === 0) return;
    // The project checks selected requests itself: that is what the switch is for — unless it
    // does so only behind a setting that is off by default.
    const gates = protectCalls(ctx.module).map(({ module, call }) => offByDefaultGate(module, call));
    if (gates.some((gate) => gate === undefined)) return;
    const gate = gates[0];
    for (const write of writes) {
      ctx.report({
        node: write.node,
        message: gate
          ? `WTF_CSRF_CHECK_DEFAULT is off in ${describeEnvironment(write)} and csrf.protect() runs only when the environment sets ${gate}, which is off by default: unless it is set, only FlaskForm forms check a CSRF token.`
          : `WTF_CSRF_CHECK_DEFAULT is off in ${describeEnvironment(write)} and no code calls csrf.protect(): only FlaskForm forms check a CSRF token.`,
        fix: replaceWithin(write.node, write.value, 'True'),
      });
    }
  },
};

/** `csrf.protect()` calls anywhere in the project. */
function protectCalls(module: PythonModule): { module: PythonModule; call: SyntaxNode }[] {
  return module.projectModules().flatMap((m) =>
    [...m.search(/\.\s*protect\s*\(\s*\)/g)].flatMap((match) => {
      const call = m.codeAt(match.index + match[0].indexOf('protect'), 'protect'.length)?.parent?.parent;
      return call?.type === 'call' ? [{ module: m, call }] : [];
    }),
  );
}

/**
 * The environment variable of an `if settings.ENFORCE_CSRF:` around the call whose default is off
 * (`ENFORCE_CSRF = parse_boolean(os.environ.get("X_ENFORCE_CSRF", "false"))`); undefined when the call is not behind one.
 */
function offByDefaultGate(module: PythonModule, call: SyntaxNode): string | undefined {
  for (let child: SyntaxNode = call, n = call.parent; n; child = n, n = n.parent) {
    if (n.type !== 'if_statement' || fieldOf(n, 'consequence')?.id !== child.id) continue;
    const gate = environmentDefault(module, fieldOf(n, 'condition'));
    if (gate?.value === false) return gate.variable;
  }
  return undefined;
}
