import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { keywordArgument, stringValue, unwrap } from '../src/core/python/syntax.js';
import { talismanCalls } from '../src/core/python/talisman.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import type { EnvironmentScope } from '../src/core/scope.js';
import { THREATS } from '../src/core/threats.js';

interface Source {
  value: string;
  /** The string literal the source is written in. */
  node: SyntaxNode;
}

/** Sources that let an injected script run: any host, any https/http/data URL, inline code, eval. */
const ANY_HOST = /^(\*|https?:|data:|https?:\/\/\*\/?)$/i;
const NONCE_OR_HASH = /^'(nonce-|sha256-|sha384-|sha512-)/i;

export const talismanWeakCsp: Rule = {
  meta: {
    id: 'talisman-weak-csp',
    code: 'FG409',
    category: 'template-rendering',
    severity: 'medium',
    confidence: 'high',
    confidenceNote:
      'High: the policy literally allows inline or eval scripts or any source.',
    title: "Flask-Talisman CSP that lets injected scripts run ('unsafe-inline', 'unsafe-eval', *)",
    threats: [THREATS.xss],
    why:
      "A Content Security Policy stops an XSS only if the scripts it allows are ones an attacker cannot add. " +
      "`'unsafe-inline'` in `script-src` (or in `default-src` when there is no `script-src`) runs any injected " +
      "`<script>` or `onerror=` attribute; `'unsafe-eval'` runs strings as code; `*`, `https:` or `data:` load " +
      "script from any server the attacker controls; a policy with neither directive does not restrict scripts " +
      "at all. The seed strategy asks to tighten the CSP: move inline code to files, or use nonces " +
      "(`content_security_policy_nonce_in=['script-src']`), which make browsers ignore 'unsafe-inline'.",
    example: 'Talisman(app, content_security_policy={"default-src": "\'self\'", "script-src": ["\'self\'", "\'unsafe-inline\'"]})',
    useInstead:
      'Talisman(app, content_security_policy={"default-src": "\'self\'", "script-src": "\'self\'"}, content_security_policy_nonce_in=["script-src"])',
    references: ['https://github.com/GoogleCloudPlatform/flask-talisman#content-security-policy', 'https://csp.withgoogle.com/docs/strict-csp.html'],
    cwe: [693],
  },
  python(ctx) {
    const { module } = ctx;
    for (const call of talismanCalls(module)) {
      const csp = keywordArgument(call, 'content_security_policy');
      if (!csp) continue;
      const environment = module.environmentOf(call);
      const value = definition(module, csp.value);
      const policy = value ? parsePolicy(value) : null;
      if (!value || !policy) continue;
      const nonceIn = keywordArgument(call, 'content_security_policy_nonce_in')?.value.text ?? '';
      const directive = policy.has('script-src') ? 'script-src' : policy.has('default-src') ? 'default-src' : null;
      if (!directive) {
        ctx.report({ node: value, environment, message: 'This Content Security Policy has neither script-src nor default-src, so it does not restrict scripts at all.' });
        continue;
      }
      checkScripts(ctx, directive, policy.get(directive) ?? [], nonceIn.includes(directive), environment);
    }
  },
};

function checkScripts(ctx: PythonContext, directive: string, sources: Source[], nonceFromTalisman: boolean, environment: EnvironmentScope): void {
  const nonce = nonceFromTalisman || sources.some((s) => NONCE_OR_HASH.test(s.value));
  // With a nonce or hash and 'strict-dynamic', CSP3 browsers ignore host sources and 'unsafe-inline'.
  const strictDynamic = nonce && sources.some((s) => s.value.toLowerCase() === "'strict-dynamic'");
  const problems = new Map<SyntaxNode, string[]>();
  for (const source of sources) {
    const lower = source.value.toLowerCase();
    const problem =
      lower === "'unsafe-eval'" ? "'unsafe-eval' runs strings as code"
      : lower === "'unsafe-inline'" && !nonce ? "'unsafe-inline' runs injected inline scripts"
      : ANY_HOST.test(source.value) && !strictDynamic ? `${source.value} loads scripts from any matching server`
      : null;
    if (problem) problems.set(source.node, [...(problems.get(source.node) ?? []), problem]);
  }
  for (const [node, list] of problems) {
    ctx.report({ node, environment, message: `The CSP's ${directive} lets injected scripts run: ${list.join('; ')}.` });
  }
}

/** The dict or string a name holds (`csp = {...}` in the module or the function), or the value itself. */
function definition(module: PythonModule, value: SyntaxNode): SyntaxNode | null {
  const expr = unwrap(value);
  if (expr.type !== 'identifier') return expr;
  const binding = module.bindingAt(expr.text, expr);
  return binding?.kind === 'assign' && binding.value ? unwrap(binding.value) : null;
}

/** Directive → sources, from a Talisman dict (`{"script-src": ["'self'", ...]}`) or a policy string; null when not literal. */
function parsePolicy(value: SyntaxNode): Map<string, Source[]> | null {
  const policy = new Map<string, Source[]>();
  if (value.type === 'dictionary') {
    for (const pair of value.namedChildren) {
      if (pair.type === 'comment') continue;
      if (pair.type !== 'pair') return null;
      const directive = stringValue(pair.childForFieldName('key'));
      const sources = pair.childForFieldName('value');
      if (directive === undefined || !sources) return null;
      const literals = ['list', 'tuple'].includes(unwrap(sources).type) ? unwrap(sources).namedChildren.filter((c) => c.type !== 'comment') : [sources];
      const parsed: Source[] = [];
      for (const literal of literals) {
        const text = stringValue(literal);
        if (text === undefined) return null;
        for (const word of text.split(/\s+/).filter(Boolean)) parsed.push({ value: word, node: literal });
      }
      policy.set(directive.trim().toLowerCase(), parsed);
    }
    return policy;
  }
  const text = stringValue(value);
  if (text === undefined) return null;
  for (const part of text.split(';')) {
    const [directive, ...sources] = part.trim().split(/\s+/);
    if (directive) policy.set(directive.toLowerCase(), sources.map((s) => ({ value: s, node: value })));
  }
  return policy;
}
