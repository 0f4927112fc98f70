/**
 * Flask-CORS: its extension and decorator calls, and which origins an `origins` value allows.
 * Flask-CORS reads a plain string as an exact origin, and a string with regex characters (or a
 * compiled pattern) as a pattern matched from the start only (`re.match`); without any `origins`
 * it allows every origin.
 */
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { writesReachingProduction } from './production-config.js';
import { appConfigIsVisible } from './project-facts.js';
import { callArguments, literalTruthiness, literalValue, stringValue, unwrap } from './syntax.js';

/**
 * `lookalike`: an unescaped `.` before the registrable domain matches any character
 * (`^https://app.example.com$` lets in `https://appxexample.com`, which anyone can register).
 * `open-ended`: a pattern without an end anchor, so that an attacker's origin that starts like an
 * allowed one matches too (`https://app\.example\.com` lets in `https://app.example.com.evil.net`).
 */
export type Origins = 'any' | 'open-ended' | 'lookalike' | 'listed' | 'unknown';

/** `.*`, `.+`, `(.*)`, `[^/]+`, `\S*`: a pattern for any host. */
const ANY_HOST = String.raw`(\(?\.[*+]\)?|\[\^/\][*+]|\\S[*+])`;
/** Optionally anchored, optionally after a scheme (`https?://`, `(http|https)://`). */
const ANY_ORIGIN = new RegExp(String.raw`^\^?((https?|https\?|http\(s\)\?|\(https?\|https?\))(:|\\:)//)?${ANY_HOST}\$?$`);

export function isAnyOrigin(pattern: string): boolean {
  return pattern.trim() === '*' || ANY_ORIGIN.test(pattern.trim());
}

/** Ends in `$` or `\Z`, or in a port (`:8443`, `:\d+`, `:[0-9]+`). */
const END_ANCHORED = /((?<!\\)\$|\\Z|:(\d+|\\d\+|\[0-9\]\+))$/;

/** Flask-CORS's own test (`probably_regex`) for a string it treats as a pattern. */
const REGEX_CHARACTERS = /[*\\\]?$^[()]/;

/**
 * Does the pattern (matched with `re.match`, so anchored only at the start) also match origins
 * that continue past what it spells? True unless every top-level alternative ends in `$` or `\Z`,
 * or in a port number (nothing can follow a port in an origin).
 */
export function isOpenEnded(pattern: string, compiled = false): boolean {
  if (!compiled && !REGEX_CHARACTERS.test(pattern)) return false;
  return topLevelAlternatives(pattern.trim()).some((alternative) => !END_ANCHORED.test(alternative));
}

/** Splits a regular expression at the `|` outside groups and character classes. */
function topLevelAlternatives(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(pattern.slice(start));
  return parts;
}

/** `https://`, `https?://`, `(http|https)://`, with or without escaped slashes. */
const SCHEME = /^\^?(https?|https\?|http\(s\)\?|\(https?\|https?\))(:|\\:)(\/|\\\/){2}/;
/** A first label that stands for any subdomain (`.*`, `[a-z0-9-]+`, `\w+`, `(www|app)`), with the separator after it. */
const WILDCARD_LABEL = /^(\.[*+]|\[[^\]]*\][*+]|\\w[*+]|\([^)]*\))(?=\\\.|\.)/;
const LITERAL_HOST = /^[A-Za-z0-9-]+((\\\.|\.)[A-Za-z0-9-]+)*$/;

/**
 * Does an unescaped `.` sit between the registrable domain's name and the label before it
 * (`app.example` in `app.example.com`)? Matching any character there, the pattern admits a domain
 * anyone can register (`appxexample.com`). A dot elsewhere only admits names under the same
 * registrable domain, or an impossible top-level domain. Hosts the pattern spells in ways this
 * does not read (groups, alternatives, classes in the middle) are not judged.
 */
export function admitsLookalikeDomain(pattern: string, compiled = false): boolean {
  if (!compiled && !REGEX_CHARACTERS.test(pattern)) return false;
  return topLevelAlternatives(pattern.trim()).some((alternative) => {
    const scheme = SCHEME.exec(alternative);
    if (!scheme) return false;
    let host = alternative.slice(scheme[0].length).replace(END_ANCHORED, '').replace(/(\(|\(\?:)?(:|\\:)(\d+|\\d\+|\[0-9\]\+)\)?\??$/, '');
    host = host.replace(WILDCARD_LABEL, 'x');
    if (!LITERAL_HOST.test(host)) return false;
    const separators = [...host.matchAll(/\\\.|\./g)].map((m) => m[0] === '.');
    return separators.length >= 2 && separators[separators.length - 2] === true;
  });
}

function patternOrigins(pattern: string, compiled: boolean): Origins {
  if (isAnyOrigin(pattern)) return 'any';
  if (isOpenEnded(pattern, compiled)) return 'open-ended';
  return admitsLookalikeDomain(pattern, compiled) ? 'lookalike' : 'listed';
}

/** The most permissive of several origin values. */
function widest(each: readonly Origins[]): Origins {
  if (each.includes('any')) return 'any';
  if (each.includes('open-ended')) return 'open-ended';
  if (each.includes('lookalike')) return 'lookalike';
  return each.every((o) => o === 'listed') ? 'listed' : 'unknown';
}

/** What an `origins` value (string, regex, list of them, or a name bound to one) allows. */
export function originsOf(module: PythonModule, value: SyntaxNode | null, depth = 0, compiled = false): Origins {
  if (!value || depth > 5) return 'unknown';
  const node = unwrap(value);
  const literal = literalValue(node);
  if (literal) return literal.kind === 'str' ? patternOrigins(literal.value, compiled) : 'unknown';
  switch (node.type) {
    case 'list':
    case 'tuple':
    case 'set':
      return widest(node.namedChildren.filter((c) => c.type !== 'comment').map((c) => originsOf(module, c, depth + 1)));
    case 'call':
      // re.compile(".*")
      return module.callee(node) === 're.compile' ? originsOf(module, node.childForFieldName('arguments')?.namedChild(0) ?? null, depth + 1, true) : 'unknown';
    case 'identifier': {
      const binding = module.bindingAt(node.text, node);
      return binding?.kind === 'assign' && binding.value ? originsOf(module, binding.value, depth + 1, compiled) : 'unknown';
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
  return { credentials, origins: widest(origins) };
}

/** One set of Flask-CORS options: the call's own, or one entry of its `resources`. */
export interface CorsOptions {
  origins?: SyntaxNode;
  credentials?: { node: SyntaxNode; value: SyntaxNode };
  sendWildcard?: SyntaxNode;
}

/** The call's options, and each `resources={pattern: {...}}` entry with the call's options as defaults. */
export function corsOptionSets(module: PythonModule, call: SyntaxNode): CorsOptions[] {
  const args = callArguments(call);
  const top: CorsOptions = {};
  const origins = args.keywords.get('origins')?.value;
  if (origins) top.origins = origins;
  const credentials = args.keywords.get('supports_credentials');
  if (credentials) top.credentials = { node: credentials.argument, value: credentials.value };
  const sendWildcard = args.keywords.get('send_wildcard')?.value;
  if (sendWildcard) top.sendWildcard = sendWildcard;
  const resources = args.keywords.get('resources')?.value;
  const entries = resources?.type === 'dictionary' ? resources.namedChildren.filter((c) => c.type === 'pair') : [];
  const sets = entries.map((pair) => ({ ...top, ...optionsIn(module, pair.childForFieldName('value')) }));
  return sets.length > 0 ? sets : [top];
}

function optionsIn(module: PythonModule, dict: SyntaxNode | null): CorsOptions {
  const out: CorsOptions = {};
  if (dict?.type !== 'dictionary') return out;
  for (const pair of dict.namedChildren.filter((c) => c.type === 'pair')) {
    const key = stringValue(pair.childForFieldName('key'));
    const value = pair.childForFieldName('value');
    if (!value) continue;
    if (key === 'origins') out.origins = value;
    else if (key === 'supports_credentials') out.credentials = { node: pair, value };
    else if (key === 'send_wildcard') out.sendWildcard = value;
  }
  return out;
}

