import type { ConfigWrite } from '../src/core/python/config-writes.js';
import { corsCalls, originsOf } from '../src/core/python/cors.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { describeEnvironment, writesReachingProduction } from '../src/core/python/production-config.js';
import { appConfigIsVisible } from '../src/core/python/project-facts.js';
import { callArguments, enclosingClass, literalTruthiness } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const corsConfigCredentialsAnyOrigin: Rule = {
  meta: {
    id: 'cors-config-credentials-any-origin',
    code: 'FG902',
    category: 'cors',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: the configuration states both credentials and a wildcard, open-ended or lookalike origin.',
    title: 'CORS configuration allows credentialed requests from any origin',
    threats: [THREATS.crossOriginDataTheft],
    why:
      'Flask-CORS reads `CORS_SUPPORTS_CREDENTIALS` and `CORS_ORIGINS` from the app config. With credentials on and ' +
      'origins `"*"` (or not set: the default is every origin), it echoes any `Origin` and allows credentials, so ' +
      'every web page a logged-in user opens can read the API\'s answers with the user\'s cookies. A regular expression ' +
      'without a `$` at its end is as open: Flask-CORS matches patterns from the start only, so ' +
      '`r"https://app\\.example\\.com"` also admits `https://app.example.com.attacker.net`; and an unescaped `.` ' +
      'matches any character, so `r"^https://app.example.com$"` admits `https://appxexample.com`.',
    example: 'class ProductionConfig(Config):\n    CORS_ORIGINS = "*"\n    CORS_SUPPORTS_CREDENTIALS = True',
    useInstead: 'class ProductionConfig(Config):\n    CORS_ORIGINS = ["https://app.example.com"]\n    CORS_SUPPORTS_CREDENTIALS = True',
    references: ['https://flask-cors.readthedocs.io/en/latest/configuration.html', 'https://portswigger.net/web-security/cors'],
    cwe: [942, 346],
  },
  python(ctx) {
    const { module } = ctx;
    if (!/\bCORS_SUPPORTS_CREDENTIALS\b/.test(module.text)) return;
    const credentials = writesReachingProduction(module, ['CORS_SUPPORTS_CREDENTIALS']).filter((w) => literalTruthiness(w.value) === true);
    if (credentials.length === 0) return;
    const origins = writesReachingProduction(module, ['CORS_ORIGINS']);
    for (const write of credentials) {
      const related = origins.filter((o) => appliesTogether(module, o, write));
      const allowed = related.map((o) => originsOf(module, o.value));
      if (allowed.includes('any')) {
        ctx.report({ node: write.node, message: `CORS_SUPPORTS_CREDENTIALS is on with CORS_ORIGINS allowing any origin in ${describeEnvironment(write)}: every site can read responses with the user's cookies.` });
      } else if (allowed.includes('open-ended')) {
        ctx.report({
          node: write.node,
          message: `CORS_SUPPORTS_CREDENTIALS is on in ${describeEnvironment(write)} with a CORS_ORIGINS pattern Flask-CORS matches from the start only: an attacker's origin that merely begins the same way (https://app.example.com.attacker.net) reads responses with the user's cookies. End each pattern with \`$\`.`,
        });
      } else if (allowed.includes('lookalike')) {
        ctx.report({
          node: write.node,
          message: `CORS_SUPPORTS_CREDENTIALS is on in ${describeEnvironment(write)} with a CORS_ORIGINS pattern whose unescaped \`.\` matches any character: a domain anyone can register (https://appxexample.com for app.example.com) reads responses with the user's cookies. Escape the dots (\`\\.\`).`,
        });
      } else if (related.length === 0 && originsDefaultToAny(module)) {
        ctx.report({ node: write.node, message: `CORS_SUPPORTS_CREDENTIALS is on in ${describeEnvironment(write)} and no origins are configured anywhere, so Flask-CORS accepts every origin with credentials.` });
      }
    }
  },
};

/** Do the two writes configure the same app: same class (or a base of it), or both outside classes? */
function appliesTogether(module: PythonModule, origins: ConfigWrite, credentials: ConfigWrite): boolean {
  const originsClass = enclosingClass(origins.node);
  const credentialsClass = enclosingClass(credentials.node);
  if (!originsClass) return true;
  return credentialsClass !== null && isSameOrBase(module, originsClass, credentialsClass, 0);
}

function isSameOrBase(module: PythonModule, base: SyntaxNode, cls: SyntaxNode, depth: number): boolean {
  if (base.id === cls.id) return true;
  if (depth > 8) return false;
  return module.classBases(cls).some((name) => {
    const local = module.definitionOf(name);
    return local?.module === module && local.node.type === 'class_definition' && isSameOrBase(module, base, local.node, depth + 1);
  });
}

/**
 * No CORS_ORIGINS in any analyzed file, all config in view, and the Flask-CORS calls we see name
 * no origins of their own: the default, every origin, applies.
 */
function originsDefaultToAny(module: PythonModule): boolean {
  const modules = module.projectModules();
  if (modules.some((m) => /\bCORS_ORIGINS\b/.test(m.text)) || !appConfigIsVisible(module)) return false;
  const calls = modules.flatMap(corsCalls);
  return calls.length > 0 && calls.every((call) => {
    const args = callArguments(call);
    return !args.spread && !args.keywords.has('origins') && !args.keywords.has('resources') && !args.keywords.has('supports_credentials');
  });
}
