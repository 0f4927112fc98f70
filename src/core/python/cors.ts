/**
 * Flask-CORS: its extension and decorator calls, and which origins an `origins` value allows.
 * Flask-CORS reads a plain string as an exact origin, and a string with regex characters as a
 * pattern matched from the start (`re.match`); without any `origins` it allows every origin.
 */
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { writesReachingProduction } from './production-config.js';
import { appConfigIsVisible } from './project-facts.js';
import { literalTruthiness, literalValue, unwrap } from './syntax.js';

export type Origins = 'any' | 'listed' | 'unknown';

/** `.*`, `.+`, `(.*)`, `[^/]+`, `\S*`: a pattern for any host. */
const ANY_HOST = String.raw`(\(?\.[*+]\)?|\[\^/\][*+]|\\S[*+])`;
/** Optionally anchored, optionally after a scheme (`https?://`, `(http|https)://`). */
const ANY_ORIGIN = new RegExp(String.raw`^\^?((https?|https\?|http\(s\)\?|\(https?\|https?\))(:|\\:)//)?${ANY_HOST}\$?$`);

export function isAnyOrigin(pattern: string): boolean {
  return pattern.trim() === '*' || ANY_ORIGIN.test(pattern.trim());
}

/** What an `origins` value (string, regex, list of them, or a name bound to one) allows. */
export function originsOf(module: PythonModule, value: SyntaxNode | null, depth = 0): Origins {
  if (!value || depth > 5) return 'unknown';
  const node = unwrap(value);
  const literal = literalValue(node);
  if (literal) return literal.kind === 'str' ? (isAnyOrigin(literal.value) ? 'any' : 'listed') : 'unknown';
  switch (node.type) {
    case 'list':
    case 'tuple':
    case 'set': {
      const each = node.namedChildren.filter((c) => c.type !== 'comment').map((c) => originsOf(module, c, depth + 1));
      if (each.includes('any')) return 'any';
      return each.every((o) => o === 'listed') ? 'listed' : 'unknown';
    }
    case 'call':
      // re.compile(".*")
      return module.callee(node) === 're.compile' ? originsOf(module, node.childForFieldName('arguments')?.namedChild(0) ?? null, depth + 1) : 'unknown';
    case 'identifier': {
      const binding = module.bindingAt(node.text, node);
      return binding?.kind === 'assign' && binding.value ? originsOf(module, binding.value, depth + 1) : 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** `CORS(app, ...)` and `@cross_origin(...)` calls of the module. */
export function corsCalls(module: PythonModule): SyntaxNode[] {
  if (!module.importsFrom('flask_cors')) return [];
  const names = new Set(['CORS', 'cross_origin']);
  for (const binding of module.imports) {
    if (binding.qualified === 'flask_cors.CORS' || binding.qualified === 'flask_cors.cross_origin') names.add(binding.local);
  }
  const calls: SyntaxNode[] = [];
  for (const match of module.search(new RegExp(`\\b(${[...names].join('|')})\\s*\\(`, 'g'))) {
    const name = module.codeAt(match.index, (match[1] as string).length);
    const call = name?.parent?.type === 'attribute' ? name.parent.parent : name?.parent;
    if (call && module.isCallTo(call, 'flask_cors.CORS', 'flask_cors.cross_origin')) calls.push(call);
  }
  return calls;
}

/** What the Flask configuration of the analyzed project says about CORS. */
export interface CorsConfig {
  /** `CORS_SUPPORTS_CREDENTIALS` is switched on in code that reaches production. */
  credentials: boolean;
  /** `CORS_ORIGINS` as set in production-reaching code; with no setting, Flask-CORS's default (any) when we see all config. */
  origins: Origins;
}

export function corsConfig(module: PythonModule): CorsConfig {
  let credentials = false;
  const origins: Origins[] = [];
  for (const other of module.projectModules()) {
    if (!/\bCORS_(SUPPORTS_CREDENTIALS|ORIGINS)\b/.test(other.text)) continue;
    for (const write of writesReachingProduction(other, ['CORS_SUPPORTS_CREDENTIALS', 'CORS_ORIGINS'])) {
      if (write.key === 'CORS_ORIGINS') origins.push(originsOf(other, write.value));
      else if (literalTruthiness(write.value) === true) credentials = true;
    }
  }
  if (origins.length === 0) return { credentials, origins: appConfigIsVisible(module) ? 'any' : 'unknown' };
  if (origins.includes('any')) return { credentials, origins: 'any' };
  return { credentials, origins: origins.every((o) => o === 'listed') ? 'listed' : 'unknown' };
}
