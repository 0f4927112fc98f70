import { literalValue, keywordArgument } from '../src/core/python/syntax.js';
import { talismanCalls } from '../src/core/python/talisman.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const talismanCspDisabled: Rule = {
  meta: {
    id: 'talisman-csp-disabled',
    code: 'FG407',
    category: 'template-rendering',
    severity: 'medium',
    confidence: 'high',
    confidenceNote:
      'High: Talisman is initialised with the CSP switched off in code production runs.',
    title: 'Flask-Talisman with the Content Security Policy switched off',
    threats: [THREATS.xss],
    why:
      'Flask-Talisman sends a Content Security Policy (`default-src \'self\'`) unless told not to. ' +
      '`content_security_policy=None` (or False, or an empty policy) removes it, and with it the browser-side ' +
      'limit on where scripts may come from: one escaping mistake in a template becomes a working XSS. The seed ' +
      'strategy asks for a strong CSP; start from the default and allow the origins the pages need.',
    example: 'Talisman(app, content_security_policy=None)',
    useInstead: 'Talisman(app, content_security_policy={"default-src": "\'self\'", "img-src": ["\'self\'", "data:"]})',
    references: ['https://github.com/GoogleCloudPlatform/flask-talisman#content-security-policy', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP'],
    cwe: [693],
  },
  python(ctx) {
    const { module } = ctx;
    for (const call of talismanCalls(module)) {
      const csp = keywordArgument(call, 'content_security_policy');
      if (!csp) continue;
      const literal = literalValue(csp.value);
      const empty =
        literal?.kind === 'none' ||
        (literal?.kind === 'bool' && !literal.value) ||
        (literal?.kind === 'str' && literal.value.trim() === '') ||
        (csp.value.type === 'dictionary' && csp.value.namedChildCount === 0);
      if (!empty) continue;
      ctx.report({ node: csp.argument, environment: module.environmentOf(call), message: 'Flask-Talisman is told to send no Content Security Policy: nothing limits where scripts may load from if an XSS slips through.' });
    }
  },
};
