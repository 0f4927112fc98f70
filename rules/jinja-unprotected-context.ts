import { htmlContexts, type HtmlContext } from '../src/core/html-context.js';
import type { JinjaTag, JinjaToken } from '../src/core/jinja.js';
import type { Confidence, Severity } from '../src/core/types.js';
import type { Rule, TemplateContext } from '../src/core/rule.js';
import { originOfTemplateOutput } from '../src/core/template-values.js';
import { THREATS } from '../src/core/threats.js';

/** Plain-text templates are no HTML. */
const PLAIN_TEXT = /\.txt$/i;
/** Attributes whose URL a browser follows or loads as a document or script, by element (`*`: any element). */
const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'], area: ['href'], base: ['href'], form: ['action'], button: ['formaction'], input: ['formaction'],
  iframe: ['src'], frame: ['src'], embed: ['src'], object: ['data'], script: ['src'], '*': ['xlink:href'],
};
/** Attributes whose value the browser decodes and then runs as script or HTML: HTML escaping does not survive that. */
const DECODED_ATTRIBUTE = /^(on[a-z]+|srcdoc)$/;
/** For `<script src>`, a prefix that leaves the host open: nothing, a scheme, `//`. */
const HOST_OPEN = /^\s*([a-z][a-z0-9+.-]*:)?(\/\/)?$/i;
/** Filters whose output cannot start a `javascript:` URL, break out of a script, or hold a space. */
const SAFE_FILTERS: Record<'url' | 'script' | 'unquoted', ReadonlySet<string>> = {
  url: new Set(['urlencode', 'int', 'float', 'length', 'count', 'filesizeformat', 'tojson']),
  script: new Set(['tojson', 'int', 'float', 'length', 'count', 'filesizeformat']),
  unquoted: new Set(['urlencode', 'int', 'float', 'length', 'count', 'filesizeformat', 'xmlattr']),
};
/** A condition that checks a URL's scheme or safety: `startswith("https://")`, `is_safe_url(x)`, `x.scheme in (…)`. */
const SCHEME_CHECK = /\bstartswith\s*\(.*\bhttps?:|\b\w*(safe|valid|allowed)\w*\s*\(|\bscheme\b/i;
/** Jinja's built-in filters, which pass the value's text through; any other filter is the project's. */
const BUILTIN_FILTERS = new Set([
  'abs', 'attr', 'capitalize', 'center', 'd', 'default', 'e', 'escape', 'first', 'forceescape', 'format', 'indent', 'join',
  'last', 'list', 'lower', 'map', 'max', 'min', 'pprint', 'random', 'replace', 'reverse', 'round', 'select', 'sort', 'string',
  'striptags', 'sum', 'title', 'trim', 'truncate', 'unique', 'upper', 'urlize', 'wordwrap', 'items', 'dictsort', 'groupby',
]);
/** `request.path`, `request.url`…: this application's own URLs, which start with its scheme or a slash, and the referrer, a URL the browser sets (never `javascript:`). */
const OWN_URLS = new Set(['referrer', 'path', 'full_path', 'url', 'base_url', 'url_root', 'host_url', 'script_root', 'endpoint', 'method', 'blueprint']);
/** Template globals that are the developer's or Jinja's: configuration, loop state, the CSRF token. */
const DEVELOPER_ROOTS = new Set(['config', 'loop', 'csrf_token', 'true', 'false', 'none', 'True', 'False', 'None', 'varargs', 'kwargs', 'caller']);
/** Safe-origin descriptions that mean the value is fixed by the developer (not merely escaped). */
const FIXED_ORIGIN = /^(constants|text the package holds.*|the output of (\w+\.)*url_for\(\))$/;

type Sink = 'url' | 'script-src' | 'decoded-attribute' | 'script' | 'script-string' | 'unquoted' | 'attribute-list';

interface Verdict {
  severity: Severity;
  confidence: Confidence;
  /** Where the value comes from, for the message. */
  from: string;
}

export const jinjaUnprotectedContext: Rule = {
  meta: {
    id: 'jinja-unprotected-context',
    code: 'FG410',
    category: 'template-rendering',
    severity: 'medium',
    confidence: 'medium',
    confidenceNote:
      'High when the views (or the template itself, `request.args…`) give the variable request data. Medium for values of unknown origin in script code, event handlers and unquoted attributes, for request data inside a quoted JavaScript string (a trailing backslash ends the string early), and for a whole URL that is a field of a record the views read from the database (what a user stored). Low for any other whole URL of unknown origin (most are the application\'s own links and configured addresses), for other values inside a quoted JavaScript string, after a filter of the project\'s own, and for values every view gives as escaped HTML. Silent for literals, url_for() (also `{% set x = url_for(…) %}`), configuration, this application\'s own URLs and the referrer in URL attributes, after `|tojson` in scripts and `|urlencode` in URLs, after a literal prefix (`/static/{{ x }}`, `"/u/" ~ x`), and under a scheme check (`x if x.startswith("https://") else "#"`).',
    title: 'Template variable where autoescaping does not protect it (URL attribute, script, event handler, unquoted attribute)',
    threats: [THREATS.xss],
    why:
      'Autoescaping replaces `<`, `>`, `&`, `"` and `\'`: that keeps a value inside page text and inside a quoted ' +
      'attribute, and nowhere else. `href="{{ url }}"` (or `src` of an iframe, `action`, `formaction`) runs a ' +
      '`javascript:alert(1)` value when clicked or loaded; `<script src="{{ url }}">` loads script from wherever the ' +
      'value points; inside `<script>` a value outside quotes is code (`var n = {{ n }};` with `1;alert(1)`), and an ' +
      '`onclick="…{{ x }}…"` attribute is HTML-decoded before it runs, so `&#39;` is a quote again; and an ' +
      'unquoted `class={{ x }}` ends at the first space, so `x onmouseover=alert(1)` adds an attribute. Use ' +
      '`|tojson` for values in scripts and event handlers, quote every attribute, and build links with ' +
      '`url_for()` or check the scheme of a stored URL (`http`/`https` only) in Python.',
    example: '<a href="{{ user.website }}">{{ user.name }}</a>\n<script>var page = {{ page }};</script>\n<div class={{ theme }}>',
    useInstead:
      '<a href="{{ user.website if user.website.startswith((\'https://\', \'http://\')) else \'#\' }}">{{ user.name }}</a>\n<script>var page = {{ page|tojson }};</script>\n<div class="{{ theme }}">',
    references: [
      'https://flask.palletsprojects.com/en/stable/security/#cross-site-scripting-xss',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
      'https://jinja.palletsprojects.com/en/stable/templates/#jinja-filters.tojson',
    ],
    cwe: [79, 83],
  },
  template(ctx) {
    if (PLAIN_TEXT.test(ctx.path) || !ctx.text.includes('{{')) return;
    const { tags } = ctx;
    const contexts = htmlContexts(ctx.text, tags);
    for (const tag of tags) {
      const context = contexts.get(tag.start);
      const sink = context ? sinkOf(context) : undefined;
      if (!sink || !context) continue;
      for (const part of outputParts(tag.tokens)) {
        const verdict = judge(ctx, tags, tag, part, sink);
        if (!verdict) continue;
        const first = part.operand[0] as JinjaToken;
        const last = part.tokens[part.tokens.length - 1] as JinjaToken;
        ctx.report({ offsets: { start: first.start, end: last.end }, severity: verdict.severity, confidence: verdict.confidence, message: message(sink, context, text(part.operand), verdict.from) });
      }
    }
  },
};

/** What the place an expression lands in needs, or undefined where autoescaping is enough. */
function sinkOf(context: HtmlContext): Sink | undefined {
  switch (context.kind) {
    case 'script':
      return context.string ? 'script-string' : 'script';
    case 'attribute-list':
      return 'attribute-list';
    case 'attribute-value': {
      if (DECODED_ATTRIBUTE.test(context.attribute)) return 'decoded-attribute';
      const urlAttribute = (URL_ATTRIBUTES[context.element] ?? []).includes(context.attribute) || (URL_ATTRIBUTES['*'] ?? []).includes(context.attribute);
      if (urlAttribute && context.element === 'script' && HOST_OPEN.test(context.prefix)) return 'script-src';
      if (urlAttribute && context.prefix.trim() === '') return 'url';
      return context.quoted ? undefined : 'unquoted';
    }
    default:
      return undefined;
  }
}

interface OutputPart {
  /** The whole part, filters included. */
  tokens: JinjaToken[];
  /** The value before its filters. */
  operand: JinjaToken[];
  filters: string[];
  /** The condition the part is output under (`x` of `x if x.startswith("https://") else "#"`). */
  guard: JinjaToken[];
}

/** What an expression outputs: both branches of `a if c else b`, each with its filters. */
function outputParts(tokens: readonly JinjaToken[]): OutputPart[] {
  const ifAt = topLevelIndex(tokens, 'if');
  const elseAt = ifAt < 0 ? -1 : topLevelIndex(tokens, 'else', ifAt);
  const condition = ifAt < 0 ? [] : tokens.slice(ifAt + 1, elseAt < 0 ? tokens.length : elseAt);
  const parts = ifAt < 0 ? [tokens.slice()] : [tokens.slice(0, ifAt)];
  if (elseAt >= 0) parts.push(tokens.slice(elseAt + 1));
  return parts.filter((p) => p.length > 0).map((part, index) => {
    const pipes = topLevelIndices(part, '|');
    const operand = part.slice(0, pipes[0] ?? part.length);
    const filters = pipes.map((p) => part[p + 1]?.text ?? '');
    // The value `x if <condition>` outputs has passed the condition; the `else` branch has not.
    return { tokens: part, operand, filters, guard: index === 0 ? condition : [] };
  });
}

function topLevelIndices(tokens: readonly JinjaToken[], word: string, from = 0): number[] {
  const found: number[] = [];
  let depth = 0;
  tokens.forEach((t, i) => {
    if (t.type === 'operator' && ['(', '[', '{'].includes(t.text)) depth++;
    else if (t.type === 'operator' && [')', ']', '}'].includes(t.text)) depth--;
    else if (depth === 0 && i >= from && t.text === word && t.type !== 'string') found.push(i);
  });
  return found;
}

function topLevelIndex(tokens: readonly JinjaToken[], word: string, from = 0): number {
  return topLevelIndices(tokens, word, from)[0] ?? -1;
}

function text(tokens: readonly JinjaToken[]): string {
  const joined = tokens.map((t) => t.text).join('');
  return joined.length > 40 ? 'this value' : joined;
}

/** A variable as a dotted path (`post.author.url`, `item["link"]` → `item.link`), or undefined. */
function variablePath(tokens: readonly JinjaToken[]): string | undefined {
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as JinjaToken;
    if (i === 0 && t.type === 'name') names.push(t.text);
    else if (t.text === '.' && tokens[i + 1]?.type === 'name') names.push((tokens[++i] as JinjaToken).text);
    else if (t.text === '[' && tokens[i + 1]?.type === 'string' && tokens[i + 2]?.text === ']') {
      names.push((tokens[i + 1] as JinjaToken).text.slice(1, -1));
      i += 2;
    } else return undefined;
  }
  return names.length > 0 && names.every((n) => /^[A-Za-z_]\w*$/.test(n)) ? names.join('.') : undefined;
}

/** `request.args.get("next")`, `request.form["q"]`, `request.args.next`: the client's text, read in the template. */
function readsRequest(tokens: readonly JinjaToken[], sink: Sink): boolean {
  // Outside URLs, the application's own URL is text the client chose too (`/search;alert(1)//`).
  const urlSink = sink === 'url' || sink === 'script-src';
  return tokens[0]?.text === 'request' && tokens[1]?.text === '.' && !(urlSink && OWN_URLS.has(tokens[2]?.text ?? '')) && tokens[2]?.text !== 'endpoint' && tokens[2]?.text !== 'method';
}

function judge(ctx: TemplateContext, tags: readonly JinjaTag[], tag: JinjaTag, part: OutputPart, sink: Sink): Verdict | undefined {
  const { operand, filters } = part;
  // `|safe` is jinja-safe-filter's finding, wherever it is.
  if (filters.includes('safe')) return undefined;
  const safeFilters = SAFE_FILTERS[sink === 'url' || sink === 'script-src' ? 'url' : sink === 'unquoted' || sink === 'attribute-list' ? 'unquoted' : 'script'];
  if (filters.some((f) => safeFilters.has(f))) return undefined;
  // `x if x.startswith(("http://", "https://")) else "#"`, `x if is_safe_url(x)`: the template checks the scheme.
  if ((sink === 'url' || sink === 'script-src') && SCHEME_CHECK.test(part.guard.map((t) => t.text).join(' '))) return undefined;
  let pieces = splitAt(operand, '~').filter((p) => !isLiteral(p));
  if (sink === 'url' || sink === 'script-src') {
    // `"/users/" ~ name` or `base ~ "/x"`: what starts the URL decides its scheme (and, for a script, its host).
    const [first] = splitAt(operand, '~');
    const literal = first && isLiteral(first) ? first.map((t) => (t.type === 'string' ? t.text.slice(1, -1) : t.text)).join('') : undefined;
    if (literal !== undefined && (sink === 'url' ? literal.trim() !== '' : !HOST_OPEN.test(literal))) return undefined;
    pieces = pieces.slice(0, 1);
  }
  const custom = filters.find((f) => !BUILTIN_FILTERS.has(f));
  for (const piece of pieces) {
    const verdict = judgeValue(ctx, tags, tag, piece, sink);
    // A filter of the project's own (`|http_only`, `|js_string`) decides what reaches the page: an audit finding.
    if (verdict && custom) return { severity: 'low', confidence: 'low', from: `${verdict.from ? `${verdict.from}, ` : ''}through the ${custom} filter, which must make it safe here` };
    if (verdict) return verdict;
  }
  return undefined;
}

function isLiteral(tokens: readonly JinjaToken[]): boolean {
  return tokens.every((t) => t.type === 'string' || t.type === 'number');
}

/** The top-level pieces of `a ~ b ~ c`. */
function splitAt(tokens: readonly JinjaToken[], operator: string): JinjaToken[][] {
  const pieces: JinjaToken[][] = [];
  let start = 0;
  for (const at of topLevelIndices(tokens, operator)) {
    pieces.push(tokens.slice(start, at));
    start = at + 1;
  }
  pieces.push(tokens.slice(start));
  return pieces.filter((p) => p.length > 0);
}

/** One value an expression outputs, by where it comes from. */
function judgeValue(ctx: TemplateContext, tags: readonly JinjaTag[], tag: JinjaTag, operand: readonly JinjaToken[], sink: Sink): Verdict | undefined {
  if (readsRequest(operand, sink)) return adjust({ severity: 'high', confidence: 'high', from: `${text(operand)}, read from the request` }, sink);
  if (operand[0]?.text === 'request' || DEVELOPER_ROOTS.has(operand[0]?.text ?? '')) return undefined;
  const path = variablePath(operand);
  // Calls (url_for, macros, helpers, translations) and expressions: what they return is not followed.
  if (!path || setToFixedValue(tags, path.split('.')[0] as string)) return undefined;
  const origin = originOfTemplateOutput(ctx.values, tags, tag.start, path);
  if (origin.kind === 'request') return adjust({ severity: 'high', confidence: 'high', from: origin.description }, sink);
  if (origin.kind === 'safe') {
    if (origin.description.split(', ').every((d) => FIXED_ORIGIN.test(d))) return undefined;
    return adjust({ severity: 'low', confidence: 'low', from: `what the views give it: ${origin.description}` }, sink);
  }
  // A field of a database record (or of an item of a list of them) is what some user wrote, as far as the views tell.
  const root = loopIterable(tags, tag.start, path.split('.')[0] as string);
  if ((path.includes('.') || root !== path) && ctx.records.isDatabaseRecord(root))
    return adjust({ severity: 'medium', confidence: 'medium', from: `${root}, records the views read from the database` }, sink);
  // Any other stored URL can be one a user typed, but most are the application's own links and
  // configured addresses, which the views do not tell apart: an audit finding.
  const urlSink = sink === 'url' || sink === 'script-src';
  return adjust({ severity: 'medium', confidence: urlSink ? 'low' : 'medium', from: '' }, sink);
}

/** `{% set back = url_for("index") %}` or a literal, in the same template: the variable is the developer's. */
function setToFixedValue(tags: readonly JinjaTag[], root: string): boolean {
  return tags.some((tag) => {
    const [keyword, name, equals, value, next] = tag.tokens;
    if (tag.kind !== 'statement' || keyword?.text !== 'set' || name?.text !== root || equals?.text !== '=') return false;
    return (value?.text === 'url_for' && next?.text === '(') || (value?.type === 'string' && tag.tokens.length === 4);
  });
}

/** `{% for link in user.links %}` around `offset`: the loop variable `link` stands for items of `user`'s; any other name for itself. */
function loopIterable(tags: readonly JinjaTag[], offset: number, name: string): string {
  let root = name;
  for (const tag of tags) {
    if (tag.start > offset) break;
    const tokens = tag.tokens;
    if (tag.kind !== 'statement' || tokens[0]?.text !== 'for') continue;
    const inAt = tokens.findIndex((t) => t.text === 'in');
    if (tokens.slice(1, inAt).some((t) => t.text === name) && tokens[inAt + 1]?.type === 'name') root = (tokens[inAt + 1] as JinjaToken).text;
  }
  return root;
}

/**
 * Inside a quoted JavaScript string, escaping keeps quotes out but not a backslash: a value ending
 * in `\` swallows the closing quote, and a second value on the line is then code. Request data
 * there is a medium finding, anything else an audit one.
 */
function adjust(verdict: Verdict, sink: Sink): Verdict {
  if (sink !== 'script-string') return verdict;
  return verdict.confidence === 'high' ? { ...verdict, severity: 'medium', confidence: 'medium' } : { ...verdict, severity: 'low', confidence: 'low' };
}

function message(sink: Sink, context: HtmlContext, value: string, from: string): string {
  const origin = from ? ` It comes from ${from}.` : '';
  switch (sink) {
    case 'url': {
      const place = context.kind === 'attribute-value' ? `the ${context.attribute} of <${context.element}>` : 'a URL attribute';
      return `${value} is the whole URL in ${place}: autoescaping leaves "javascript:alert(1)" intact, and it runs when the link is followed.${origin} Build the URL with url_for(), or let only http(s) URLs through in Python.`;
    }
    case 'script-src':
      return `${value} decides where <script src> loads code from: whoever sets it runs script in the page.${origin} Use url_for('static', …) or a fixed host.`;
    case 'decoded-attribute': {
      const attribute = context.kind === 'attribute-value' ? context.attribute : 'this attribute';
      return `${value} is inside ${attribute}, which the browser HTML-decodes and then runs: escaped quotes become quotes again and end the JavaScript string.${origin} Pass it with |tojson (in a single-quoted attribute), or as a data- attribute the script reads.`;
    }
    case 'script':
      return `${value} is inside <script> outside any string: autoescaping does not stop "1;alert(1)" from being code.${origin} Use {{ ${value}|tojson }}.`;
    case 'script-string':
      return `${value} is inside a JavaScript string: HTML escaping is the wrong escaping there — it keeps quotes out but not a backslash, which swallows the closing quote so that the next value on the line is code, and it corrupts the value.${origin} Use {{ ${value}|tojson }} without the quotes.`;
    case 'unquoted':
      return `${value} is an unquoted attribute value: autoescaping does not escape spaces, so "x onmouseover=alert(1)" adds an event handler.${origin} Quote the attribute.`;
    case 'attribute-list':
      return `${value} is written among the tag's attributes: a value like "autofocus onfocus=alert(1)" adds an event handler.${origin} Use |xmlattr on a dict of attributes.`;
  }
}
