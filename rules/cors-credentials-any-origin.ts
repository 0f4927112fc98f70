import { corsCalls, corsConfig, corsOptionSets, originsOf, type CorsConfig } from '../src/core/python/cors.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { callArguments, literalTruthiness } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const corsCredentialsAnyOrigin: Rule = {
  meta: {
    id: 'cors-credentials-any-origin',
    code: 'FG901',
    category: 'cors',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: the call itself allows credentials for any origin; development and test code is withheld.',
    title: 'Flask-CORS allows credentialed requests from any origin',
    threats: [THREATS.crossOriginDataTheft],
    why:
      'With `supports_credentials=True` and wildcard origins (`"*"`, `r".*"`, or no `origins` at all, which is ' +
      'Flask-CORS\'s default), Flask-CORS echoes whatever `Origin` a request carries and adds ' +
      '`Access-Control-Allow-Credentials: true`. Any web page a logged-in user opens can then call the API with ' +
      'the user\'s cookies and read the answers: profile data, tokens, everything the session can see. A regular ' +
      'expression without a `$` at its end is as open: Flask-CORS matches patterns from the start only, so ' +
      '`r"https://app\\.example\\.com"` also admits `https://app.example.com.attacker.net`; and an unescaped `.` ' +
      'matches any character, so `r"^https://app.example.com$"` admits `https://appxexample.com`.',
    example: 'CORS(app, supports_credentials=True)',
    useInstead: 'CORS(app, origins=["https://app.example.com"], supports_credentials=True)',
    references: [
      'https://flask-cors.readthedocs.io/en/latest/api.html',
      'https://portswigger.net/web-security/cors',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials',
    ],
    cwe: [942, 346],
  },
  python(ctx) {
    const { module } = ctx;
    const calls = corsCalls(module);
    if (calls.length === 0) return;
    let config: CorsConfig | undefined;
    for (const call of calls) {
      const args = callArguments(call);
      if (args.spread) continue;
      for (const options of corsOptionSets(module, call)) {
        const credentialsInCall = options.credentials !== undefined;
        if (credentialsInCall && literalTruthiness(options.credentials?.value ?? null) !== true) continue;
        if (options.sendWildcard && literalTruthiness(options.sendWildcard) === true) continue;
        // Both settings from the app config are the config rule's finding (cors-config-credentials-any-origin).
        if (!credentialsInCall && !options.origins) continue;
        config ??= corsConfig(module);
        if (!credentialsInCall && !config.credentials) continue;
        const origins = options.origins ? originsOf(module, options.origins) : config.origins;
        if (origins !== 'any' && origins !== 'open-ended' && origins !== 'lookalike') continue;
        ctx.report({
          node: options.credentials?.node ?? options.origins ?? call,
          environment: module.environmentOf(call),
          message: message(origins, options.origins),
        });
      }
    }
  },
};

function message(origins: 'any' | 'open-ended' | 'lookalike', value: SyntaxNode | undefined): string {
  if (origins === 'any') {
    return value
      ? `Credentialed cross-origin requests are allowed from any origin (${describe(value)}): every site can read responses with the user's cookies.`
      : 'Credentialed cross-origin requests are allowed and no origins are configured, so Flask-CORS accepts every origin: every site can read responses with the user\'s cookies.';
  }
  const allowed = value ? `origins matching ${describe(value)}` : 'the configured CORS_ORIGINS';
  return `Credentialed cross-origin requests are allowed from ${allowed}, ${origins === 'open-ended' ? OPEN_ENDED : LOOKALIKE}`;
}

const OPEN_ENDED =
  'a pattern Flask-CORS matches from the start only: an attacker\'s origin that merely begins the same way (https://app.example.com.attacker.net) reads responses with the user\'s cookies. End each pattern with `$`.';
const LOOKALIKE =
  'a pattern whose unescaped `.` matches any character: a domain anyone can register (https://appxexample.com for app.example.com) reads responses with the user\'s cookies. Escape the dots (`\\.`).';

function describe(node: SyntaxNode): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
