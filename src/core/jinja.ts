/**
 * The tags of a Jinja template: `{{ expressions }}` and `{% statements %}`, tokenized, with their
 * offsets in the file. `{# comments #}` and `{% raw %}…{% endraw %}` blocks are skipped, so that
 * rules are not fooled by commented-out or literal template code. Strings inside tags are single
 * tokens, and brackets are balanced, so `{{ "}}" }}` and `{{ {'a': 1} }}` end where Jinja ends them.
 * Line statements and line comments are off in Jinja (and Flask) by default and are not read.
 */

export type JinjaTokenType = 'name' | 'string' | 'number' | 'operator';

export interface JinjaToken {
  type: JinjaTokenType;
  text: string;
  /** Offsets in the template text; `end` is exclusive. */
  start: number;
  end: number;
}

export interface JinjaTag {
  kind: 'expression' | 'statement';
  /** The whole tag, delimiters included. */
  start: number;
  end: number;
  tokens: JinjaToken[];
}

const OPENING = /\{([{%#])([-+]?)/g;
const CLOSING: Record<'expression' | 'statement', string> = { expression: '}}', statement: '%}' };
const ENDRAW = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /\d[\d_]*(\.\d[\d_]*)?([eE][-+]?\d+)?/y;
const OPERATORS = ['**', '//', '==', '!=', '<=', '>=', '(', ')', '[', ']', '{', '}', '|', '.', ',', ':', '~', '+', '-', '*', '/', '%', '<', '>', '=', '!', ';'];
const OPEN_BRACKETS = new Set(['(', '[', '{']);
const CLOSE_BRACKETS = new Set([')', ']', '}']);

export function jinjaTags(text: string): JinjaTag[] {
  const tags: JinjaTag[] = [];
  OPENING.lastIndex = 0;
  for (let m = OPENING.exec(text); m; m = OPENING.exec(text)) {
    const start = m.index;
    const codeStart = start + m[0].length;
    if (m[1] === '#') {
      const close = text.indexOf('#}', codeStart);
      if (close < 0) break;
      OPENING.lastIndex = close + 2;
      continue;
    }
    const kind = m[1] === '{' ? 'expression' : 'statement';
    const scanned = scanTag(text, codeStart, CLOSING[kind]);
    if (!scanned) break;
    const tag: JinjaTag = { kind, start, end: scanned.end, tokens: scanned.tokens };
    OPENING.lastIndex = scanned.end;
    if (kind === 'statement' && tag.tokens[0]?.text === 'raw' && tag.tokens[0].type === 'name') {
      ENDRAW.lastIndex = scanned.end;
      const endraw = ENDRAW.exec(text);
      if (!endraw) break;
      OPENING.lastIndex = endraw.index + endraw[0].length;
      continue;
    }
    tags.push(tag);
  }
  return tags;
}

/** Tokens up to the closing delimiter (at bracket depth 0); null when the tag never closes. */
function scanTag(text: string, from: number, closing: string): { tokens: JinjaToken[]; end: number } | null {
  const tokens: JinjaToken[] = [];
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (depth === 0) {
      if (text.startsWith(closing, i)) return { tokens, end: i + closing.length };
      if ((c === '-' || c === '+') && text.startsWith(closing, i + 1)) return { tokens, end: i + 1 + closing.length };
    }
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i, c);
      if (end < 0) return null;
      tokens.push({ type: 'string', text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    const token = matchAt(NAME, text, i, 'name') ?? matchAt(NUMBER, text, i, 'number') ?? operatorAt(text, i);
    if (OPEN_BRACKETS.has(token.text)) depth++;
    else if (CLOSE_BRACKETS.has(token.text)) depth = Math.max(0, depth - 1);
    tokens.push(token);
    i = token.end;
  }
  return null;
}

function stringEnd(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return -1;
}

function matchAt(pattern: RegExp, text: string, at: number, type: JinjaTokenType): JinjaToken | null {
  pattern.lastIndex = at;
  const m = pattern.exec(text);
  return m ? { type, text: m[0], start: at, end: at + m[0].length } : null;
}

function operatorAt(text: string, at: number): JinjaToken {
  const op = OPERATORS.find((o) => text.startsWith(o, at)) ?? (text[at] as string);
  return { type: 'operator', text: op, start: at, end: at + op.length };
}

/** The index of the bracket that opens the one closing at `close` (tokens[close] is `)`/`]`/`}`), or -1. */
export function openingBracket(tokens: readonly JinjaToken[], close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const t = (tokens[i] as JinjaToken).text;
    if (t === ')' || t === ']' || t === '}') depth++;
    else if (t === '(' || t === '[' || t === '{') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** What a filter is applied to: a literal, a call's result, a variable (name, attribute, item), a parenthesized group, or a `{% filter %}` block. */
export type OperandKind = 'literal' | 'call' | 'variable' | 'group' | 'block';

export interface FilterApplication {
  /** The filter's name token (`safe` in `x|safe`). */
  filter: JinjaToken;
  operand: { kind: OperandKind; start: JinjaToken; tokens: JinjaToken[] };
  /** Filters applied to the operand before this one, in order (`["markdown"]` in `x|markdown|safe`). */
  before: string[];
}

const LITERAL_NAMES = new Set(['true', 'false', 'none', 'True', 'False', 'None']);

/** Every `|filter` of a tag, with the operand it applies to (filters bind tighter than operators). */
export function filterApplications(tag: JinjaTag): FilterApplication[] {
  const tokens = tag.tokens;
  const out: FilterApplication[] = [];
  const isBlockFilter = tag.kind === 'statement' && tokens[0]?.text === 'filter';
  for (let p = 0; p < tokens.length; p++) {
    const filter = tokens[p + 1];
    if (tokens[p]?.text !== '|' || filter?.type !== 'name') continue;
    const chain = filterChainBefore(tokens, p);
    const operand = isBlockFilter ? { kind: 'block' as const, index: 1 } : operandEndingAt(tokens, chain.end);
    if (!operand) continue;
    const start = tokens[operand.index] as JinjaToken;
    out.push({ filter, operand: { kind: operand.kind, start, tokens: tokens.slice(operand.index, chain.end + 1) }, before: chain.filters });
  }
  return out;
}

/** The filters chained before the pipe at `pipe`, and the index of the operand's last token. */
function filterChainBefore(tokens: readonly JinjaToken[], pipe: number): { filters: string[]; end: number } {
  const filters: string[] = [];
  let i = pipe - 1;
  for (;;) {
    let name = i;
    if (tokens[name]?.text === ')') name = openingBracket(tokens, name) - 1;
    if (tokens[name]?.type === 'name' && tokens[name - 1]?.text === '|') {
      filters.unshift((tokens[name] as JinjaToken).text);
      i = name - 2;
      continue;
    }
    return { filters, end: i };
  }
}

/** The primary expression (with its `.attr`, `[item]` and `(call)` suffixes) that ends at token `end`. */
function operandEndingAt(tokens: readonly JinjaToken[], end: number): { kind: OperandKind; index: number } | null {
  const last = tokens[end];
  if (!last) return null;
  let outermost: OperandKind | null = null;
  let i = end;
  while (i >= 0) {
    const t = tokens[i] as JinjaToken;
    if (t.text === ')' || t.text === ']') {
      const open = openingBracket(tokens, i);
      if (open < 0) return null;
      const before = tokens[open - 1];
      const applied = before !== undefined && (before.type === 'name' || before.type === 'string' || [')', ']'].includes(before.text)) && !isKeyword(before);
      if (!applied) return { kind: outermost ?? (t.text === ')' ? 'group' : 'literal'), index: open };
      outermost ??= t.text === ')' ? 'call' : null;
      i = open - 1;
      continue;
    }
    if (t.type === 'name') {
      if (tokens[i - 1]?.text === '.') {
        i -= 2;
        continue;
      }
      return { kind: outermost ?? (LITERAL_NAMES.has(t.text) ? 'literal' : 'variable'), index: i };
    }
    if (t.type === 'string' || t.type === 'number') return { kind: outermost ?? 'literal', index: i };
    if (t.text === '}') {
      const open = openingBracket(tokens, i);
      return open < 0 ? null : { kind: outermost ?? 'literal', index: open };
    }
    return null;
  }
  return null;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'set', 'for', 'with', 'call', 'filter', 'return', 'import', 'from', 'as']);

function isKeyword(token: JinjaToken): boolean {
  return token.type === 'name' && KEYWORDS.has(token.text);
}
