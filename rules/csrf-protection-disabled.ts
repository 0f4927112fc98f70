import { describeEnvironment, writesReachingProduction } from '../src/core/python/production-config.js';
import { literalTruthiness, replaceWithin } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const csrfProtectionDisabled: Rule = {
  meta: {
    id: 'csrf-protection-disabled',
    code: 'FG801',
    category: 'csrf',
    severity: 'high',
    title: 'Flask-WTF CSRF protection switched off',
    threats: [THREATS.csrfSession],
    why:
      '`WTF_CSRF_ENABLED = False` turns off the CSRF token check of every Flask-WTF form and of `CSRFProtect`. ' +
      'Any site the user visits can then submit forms to the application with the user\'s session cookie: change ' +
      'the e-mail address, transfer money, delete data. It belongs in test configuration only.',
    example: 'class Config:\n    WTF_CSRF_ENABLED = False',
    useInstead: 'class TestingConfig(Config):\n    TESTING = True\n    WTF_CSRF_ENABLED = False  # tests only',
    references: [
      'https://flask-wtf.readthedocs.io/en/latest/config/',
      'https://flask-wtf.readthedocs.io/en/latest/csrf/',
      'https://owasp.org/www-community/attacks/csrf',
    ],
  },
  python(ctx) {
    for (const write of writesReachingProduction(ctx.module, ['WTF_CSRF_ENABLED'])) {
      if (literalTruthiness(write.value) !== false) continue;
      ctx.report({
        node: write.node,
        message: `CSRF protection is switched off in ${describeEnvironment(write)}: other sites can submit forms with the user's session.`,
        fix: replaceWithin(write.node, write.value, 'True'),
      });
    }
  },
};
