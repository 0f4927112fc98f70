/** Small, pure helpers over tree-sitter Python nodes. */
import { fieldOf, parentOf } from './nav.js';
import type { SyntaxNode } from './parser.js';

export type LiteralValue =
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' };

/** Walks up from a node to the first ancestor (or itself) of one of the given types. */
export function closest(node: SyntaxNode, types: readonly string[]): SyntaxNode | null {
  for (let n: SyntaxNode | null = node; n; n = parentOf(n)) if (types.includes(n.type)) return n;
  return null;
}

export function ancestors(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let n = parentOf(node); n; n = parentOf(n)) out.push(n);
  return out;
}

/** Strips redundant parentheses: `((x))` → `x`. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0) as SyntaxNode;
  return n;
}

export interface CallArguments {
  positional: SyntaxNode[];
  keywords: Map<string, { argument: SyntaxNode; value: SyntaxNode }>;
  /** `*args` or `**kwargs` present: the call may pass more than we can see. */
  spread: boolean;
}

export function callArguments(call: SyntaxNode): CallArguments {
  const result: CallArguments = { positional: [], keywords: new Map(), spread: false };
  const args = fieldOf(call, 'arguments');
  if (!args) return result;
  if (args.type === 'generator_expression') {
    result.positional.push(args);
    return result;
  }
  for (const child of args.namedChildren) {
    if (child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = fieldOf(child, 'name');
      const value = fieldOf(child, 'value');
      if (name && value) result.keywords.set(name.text, { argument: child, value });
    } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
      result.spread = true;
    } else {
      result.positional.push(child);
    }
  }
  return result;
}

/** The value of a keyword argument, or of the positional argument at `position` when given. */
export function argument(call: SyntaxNode, name: string, position?: number): SyntaxNode | null {
  const args = callArguments(call);
  const keyword = args.keywords.get(name);
  if (keyword) return keyword.value;
  return position === undefined ? null : (args.positional[position] ?? null);
}

export function keywordArgument(call: SyntaxNode, name: string): { argument: SyntaxNode; value: SyntaxNode } | null {
  return callArguments(call).keywords.get(name) ?? null;
}

/** The value of a literal expression (strings without interpolation, numbers, True/False/None). */
export function literalValue(node: SyntaxNode | null): LiteralValue | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  switch (n.type) {
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return { kind: 'none' };
    case 'integer': {
      const value = Number(n.text.replace(/_/g, '').replace(/[lL]$/, ''));
      return Number.isFinite(value) ? { kind: 'int', value } : undefined;
    }
    case 'float':
      return { kind: 'float', value: Number(n.text.replace(/_/g, '')) };
    case 'unary_operator': {
      const operand = literalValue(fieldOf(n, 'argument'));
      if (n.child(0)?.type === '-' && operand && (operand.kind === 'int' || operand.kind === 'float'))
        return { kind: operand.kind, value: -operand.value };
      return undefined;
    }
    case 'string':
      return stringLiteral(n);
    case 'concatenated_string': {
      let value = '';
      let kind: 'str' | 'bytes' = 'str';
      for (const part of n.namedChildren) {
        const literal = stringLiteral(part);
        if (!literal) return undefined;
        kind = literal.kind;
        value += literal.value;
      }
      return { kind, value };
    }
    default:
      return undefined;
  }
}

function stringLiteral(node: SyntaxNode): { kind: 'str' | 'bytes'; value: string } | undefined {
  if (node.type !== 'string') return undefined;
  let value = '';
  let prefix = '';
  for (const part of node.namedChildren) {
    if (part.type === 'interpolation') return undefined;
    if (part.type === 'string_start') prefix = part.text.replace(/['"]+$/, '').toLowerCase();
    else if (part.type === 'string_content') value += prefix.includes('r') ? part.text : unescape(part.text);
    else if (part.type === 'escape_sequence') value += prefix.includes('r') ? part.text : unescape(part.text);
  }
  // Older grammars put content directly between the quotes.
  if (node.namedChildCount === 0) value = node.text.replace(/^[a-zA-Z]*(['"]{3}|['"])/, '').replace(/(['"]{3}|['"])$/, '');
  return { kind: prefix.includes('b') ? 'bytes' : 'str', value };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function unescape(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (match, code: string) => {
    if (code.length > 1 && (code[0] === 'x' || code[0] === 'u')) return String.fromCharCode(parseInt(code.slice(1), 16));
    return SIMPLE_ESCAPES[code] ?? match;
  });
}

export function stringValue(node: SyntaxNode | null): string | undefined {
  const literal = literalValue(node);
  return literal && (literal.kind === 'str' || literal.kind === 'bytes') ? literal.value : undefined;
}

/** Python truthiness of a literal; undefined when the value is not a literal. */
export function literalTruthiness(node: SyntaxNode | null): boolean | undefined {
  const literal = literalValue(node);
  if (!literal) return undefined;
  switch (literal.kind) {
    case 'none':
      return false;
    case 'bool':
      return literal.value;
    case 'int':
    case 'float':
      return literal.value !== 0;
    default:
      return literal.value.length > 0;
  }
}

/** A string with `{…}` interpolations (an f-string). */
export function isFString(node: SyntaxNode): boolean {
  return node.type === 'string' && node.namedChildren.some((c) => c.type === 'interpolation');
}

/** The identifiers a target (`a`, `a, b`, `[a, *b]`, `a: int`) binds. Attributes and subscripts bind nothing. */
export function boundNames(target: SyntaxNode): SyntaxNode[] {
  switch (target.type) {
    case 'identifier':
      return [target];
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list':
      return target.namedChildren.flatMap(boundNames);
    case 'list_splat_pattern':
    case 'list_splat':
    case 'parenthesized_expression':
      return target.namedChildren.flatMap(boundNames);
    default:
      return [];
  }
}

/** The decorators of a function or class definition. */
export function decoratorsOf(definition: SyntaxNode): SyntaxNode[] {
  const parent = parentOf(definition);
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.namedChild(0) as SyntaxNode);
}

/** The function (def or lambda) that contains a node, or null at module or class level. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  for (let n = parentOf(node); n; n = parentOf(n)) {
    if (n.type === 'function_definition' || n.type === 'lambda') return n;
  }
  return null;
}

/** The class whose body directly contains a node (not through a nested def). */
export function enclosingClass(node: SyntaxNode): SyntaxNode | null {
  for (let n = parentOf(node); n; n = parentOf(n)) {
    if (n.type === 'class_definition') return n;
    if (n.type === 'function_definition' || n.type === 'lambda') return null;
  }
  return null;
}

/** Any class that contains a node, through methods too. */
export function outerClass(node: SyntaxNode): SyntaxNode | null {
  return closest(node, ['class_definition']);
}

export function nameOf(definition: SyntaxNode): string {
  return fieldOf(definition, 'name')?.text ?? '';
}

/** The text of `outer` with `inner` (a node inside it) replaced: the fix for a whole statement. */
export function replaceWithin(outer: SyntaxNode, inner: SyntaxNode, replacement: string): string {
  const text = outer.text;
  return text.slice(0, inner.startIndex - outer.startIndex) + replacement + text.slice(inner.endIndex - outer.startIndex);
}
