import { environmentDefault } from '../src/core/python/env-flag.js';
import { keywordArgument, literalValue } from '../src/core/python/syntax.js';
import { talismanCalls } from '../src/core/python/talisman.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const talismanHttpsDisabled: Rule = {
  meta: {
    id: 'talisman-https-disabled',
    code: 'FG408',
    category: 'template-rendering',
    severity: 'medium',
    confidence: 'medium',
    confidenceNote:
      'Medium: TLS may be enforced by a proxy in front of the app; the finding says where to check. Also medium when `force_https` comes from an environment variable whose fallback is off.',
    title: 'Flask-Talisman without the redirect to HTTPS outside development',
    threats: [THREATS.sessionHijacking, THREATS.xss],
    why:
      '`force_https=False` lets the application answer plain-HTTP requests. Anyone on the network path can then ' +
      'read the session cookie (unless it is marked Secure) and inject script into the pages — which no CSP ' +
      'prevents, since the attacker rewrites the header too. Switch it off only in development or tests. If a ' +
      'proxy in front of the app already redirects to HTTPS, say so in a suppression comment; with ProxyFix ' +
      'configured, Talisman sees the original scheme and `force_https=True` works behind the proxy.',
    example: 'Talisman(app, force_https=False)',
    useInstead: 'app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1)\nTalisman(app)  # force_https defaults to True',
    references: ['https://github.com/GoogleCloudPlatform/flask-talisman#options', 'https://flask.palletsprojects.com/en/stable/deploying/proxy_fix/'],
    cwe: [319],
  },
  python(ctx) {
    const { module } = ctx;
    for (const call of talismanCalls(module)) {
      const force = keywordArgument(call, 'force_https');
      if (!force) continue;
      const literal = literalValue(force.value);
      if (literal?.kind === 'bool' && !literal.value) {
        ctx.report({ node: force.argument, environment: module.environmentOf(call), message: 'force_https=False: plain-HTTP requests are served, exposing cookies and pages to anyone on the network path.' });
        continue;
      }
      // `force_https=settings.ENFORCE_HTTPS`, read from the environment with a fallback that is off.
      const fromEnvironment = literal ? undefined : environmentDefault(module, force.value);
      if (fromEnvironment?.value !== false) continue;
      ctx.report({
        node: force.argument,
        environment: module.environmentOf(call),
        confidence: 'medium',
        message: `force_https is off unless the environment sets ${fromEnvironment.variable}: a deployment that forgets it serves plain-HTTP requests, exposing cookies and pages to anyone on the network path.`,
      });
    }
  },
};
