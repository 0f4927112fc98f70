import { describeEnvironment, writesReachingProduction } from '../src/core/python/production-config.js';
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
      'Medium: views may still call `csrf.protect()` themselves where it matters.',
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
    // The project checks selected requests itself: that is what the switch is for.
    if (writes.length === 0 || ctx.module.projectModules().some((m) => /\.protect\s*\(\s*\)/.test(m.text))) return;
    for (const write of writes) {
      ctx.report({
        node: write.node,
        message: `WTF_CSRF_CHECK_DEFAULT is off in ${describeEnvironment(write)} and no code calls csrf.protect(): only FlaskForm forms check a CSRF token.`,
        fix: replaceWithin(write.node, write.value, 'True'),
      });
    }
  },
};
