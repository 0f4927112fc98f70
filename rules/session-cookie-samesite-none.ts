import { describeEnvironment, writesReachingProduction } from '../src/core/python/production-config.js';
import { literalValue, replaceWithin } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const sessionCookieSamesiteNone: Rule = {
  meta: {
    id: 'session-cookie-samesite-none',
    code: 'FG503',
    category: 'session-cookies',
    severity: 'medium',
    confidence: 'high',
    confidenceNote:
      'High: SameSite=None in configuration production loads; withheld in development and test configuration.',
    title: 'Session or remember-me cookie sent on cross-site requests',
    threats: [THREATS.csrfSession, THREATS.sessionHijacking],
    why:
      '`SameSite="None"` tells the browser to attach the session cookie to requests that other sites start — form ' +
      'posts, images, iframes — which is exactly what cross-site request forgery needs. Setting the key to Python ' +
      '`None` sends no SameSite attribute at all, leaving the choice to each browser. The seed strategy asks for ' +
      '`"Strict"`, or `"Lax"` when Strict breaks links into the site.',
    example: 'SESSION_COOKIE_SAMESITE = "None"',
    useInstead: 'SESSION_COOKIE_SAMESITE = "Lax"  # or "Strict"',
    references: [
      'https://flask.palletsprojects.com/en/stable/security/#set-cookie-options',
      'https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SAMESITE',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value',
    ],
    cwe: [1275],
  },
  python(ctx) {
    for (const write of writesReachingProduction(ctx.module, ['SESSION_COOKIE_SAMESITE', 'REMEMBER_COOKIE_SAMESITE'])) {
      const value = literalValue(write.value);
      const explicitNone = value?.kind === 'str' && value.value.toLowerCase() === 'none';
      if (value?.kind !== 'none' && !explicitNone) continue;
      const cookie = write.key.startsWith('REMEMBER') ? 'remember-me cookie' : 'session cookie';
      ctx.report({
        node: write.node,
        severity: explicitNone ? 'medium' : 'low',
        message: explicitNone
          ? `${write.key} = "None" in ${describeEnvironment(write)}: the ${cookie} goes with requests other sites make, which enables cross-site request forgery.`
          : `${write.key} = None in ${describeEnvironment(write)} sends no SameSite attribute: browsers that do not default to Lax attach the ${cookie} to cross-site requests.`,
        fix: replaceWithin(write.node, write.value, '"Lax"'),
      });
    }
  },
};
