/**
 * Security switches whose value comes from the environment: what they are when the variable is
 * not set. `SESSION_COOKIE_SECURE = parse_boolean(os.environ.get("X_ENFORCE_HTTPS", "false"))`
 * is off in every deployment that forgets the variable; `os.environ.get("X", "true") == "true"`
 * is on. The expression is followed through the usual spellings: a boolean parser (`strtobool`,
 * a project's `parse_boolean`), `.lower()`, comparisons with `==`/`in`, `x or "default"`,
 * `str(OTHER_SETTING)` and module-level settings of the project (`settings.ENFORCE_HTTPS`).
 */
import { fieldOf } from './nav.js';
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { callArguments, literalValue, stringValue } from './syntax.js';

export interface EnvironmentDefault {
  /** The environment variable the value is read from (`A or B` when either one sets it). */
  variable: string;
  /** Python's truthiness of the value when the variable is not set. */
  value: boolean;
}

/** What a value evaluates to with the variable unset: a Python str, bool, int or None (null). */
type Fallback = string | boolean | number | null;

interface Evaluated {
  variable: string;
  fallback: Fallback;
}

const ENV_READERS = new Set(['os.environ.get', 'os.getenv', 'os.environ.setdefault']);
/** Functions that read a word as a boolean: `strtobool`, `parse_boolean`, `asbool`, `str2bool`, `to_bool`, `env_bool`. */
const BOOLEAN_PARSER = /bool|truthy/i;
const TRUE_WORDS = /^\s*(true|t|yes|y|on|1|enabled?)\s*$/i;
const MAX_DEPTH = 16;

export function environmentDefault(module: PythonModule, node: SyntaxNode | null): EnvironmentDefault | undefined {
  const evaluated = node ? evaluate(module, node, 0) : undefined;
  return evaluated ? { variable: evaluated.variable, value: truthy(evaluated.fallback) } : undefined;
}

function evaluate(module: PythonModule, node: SyntaxNode, depth: number): Evaluated | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = node.namedChild(0);
      return inner ? evaluate(module, inner, depth + 1) : undefined;
    }
    case 'call':
      return call(module, node, depth);
    case 'boolean_operator':
      return booleanOperator(module, node, depth);
    case 'comparison_operator':
      return comparison(module, node, depth);
    case 'not_operator': {
      const inner = fieldOf(node, 'argument');
      const value = inner ? evaluate(module, inner, depth + 1) : undefined;
      return value && { variable: value.variable, fallback: !truthy(value.fallback) };
    }
    case 'identifier':
    case 'attribute': {
      const value = settingValue(module, node);
      return value ? evaluate(value.module, value.node, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function call(module: PythonModule, node: SyntaxNode, depth: number): Evaluated | undefined {
  const callee = fieldOf(node, 'function');
  const args = callArguments(node);
  const qualified = module.callee(node) ?? '';
  if (ENV_READERS.has(qualified)) {
    const variable = stringValue(args.positional[0] ?? null);
    if (variable === undefined) return undefined;
    const fallback = args.positional[1] ?? args.keywords.get('default')?.value ?? null;
    return { variable, fallback: fallback ? constant(module, fallback, depth) : null };
  }
  // `os.environ.get("X", "false").lower()`: the case of the word does not matter below.
  if (callee?.type === 'attribute' && ['lower', 'strip', 'casefold', 'upper'].includes(fieldOf(callee, 'attribute')?.text ?? '')) {
    const receiver = fieldOf(callee, 'object');
    return receiver ? evaluate(module, receiver, depth + 1) : undefined;
  }
  const first = args.positional[0];
  const inner = first ? evaluate(module, first, depth + 1) : undefined;
  if (!inner) return undefined;
  const name = qualified.split('.').pop() ?? '';
  if (name === 'bool') return { variable: inner.variable, fallback: truthy(inner.fallback) };
  if (name === 'str') return { variable: inner.variable, fallback: pythonStr(inner.fallback) };
  if (name === 'int') return { variable: inner.variable, fallback: Number(inner.fallback) || 0 };
  if (BOOLEAN_PARSER.test(name)) return { variable: inner.variable, fallback: typeof inner.fallback === 'string' ? TRUE_WORDS.test(inner.fallback) : truthy(inner.fallback) };
  return undefined;
}

/** `os.environ.get("X") or "false"`, `os.environ.get("X") or str(ENFORCE_HTTPS)`. */
function booleanOperator(module: PythonModule, node: SyntaxNode, depth: number): Evaluated | undefined {
  const left = fieldOf(node, 'left');
  const right = fieldOf(node, 'right');
  const operator = node.child(1)?.type;
  const fromLeft = left ? evaluate(module, left, depth + 1) : undefined;
  if (!fromLeft || !right || operator !== 'or' || truthy(fromLeft.fallback)) return fromLeft;
  const fromRight = evaluate(module, right, depth + 1);
  if (!fromRight) return { variable: fromLeft.variable, fallback: constant(module, right, depth) };
  return { variable: `${fromLeft.variable} or ${fromRight.variable}`, fallback: fromRight.fallback };
}

/** `os.environ.get("X", "0") == "1"`, `… in ("1", "true")`, `!=`, `not in`. */
function comparison(module: PythonModule, node: SyntaxNode, depth: number): Evaluated | undefined {
  const [left, right] = node.namedChildren;
  const operator = node.children.filter((c) => !c.isNamed).map((c) => c.type).join(' ');
  const value = left ? evaluate(module, left, depth + 1) : undefined;
  if (!value || !right) return undefined;
  const fallback = typeof value.fallback === 'string' ? value.fallback.toLowerCase() : value.fallback;
  const options = right.type === 'tuple' || right.type === 'list' || right.type === 'set' ? right.namedChildren : [right];
  const literals = options.map((o) => constant(module, o, depth)).map((o) => (typeof o === 'string' ? o.toLowerCase() : o));
  const found = literals.includes(fallback);
  switch (operator) {
    case '==':
    case 'in':
      return { variable: value.variable, fallback: found };
    case '!=':
    case 'not in':
      return { variable: value.variable, fallback: !found };
    default:
      return undefined;
  }
}

function constant(module: PythonModule, node: SyntaxNode, depth: number): Fallback {
  const literal = literalValue(node);
  if (literal) return literal.kind === 'none' ? null : literal.value;
  if ((node.type === 'identifier' || node.type === 'attribute') && depth < MAX_DEPTH) {
    const value = settingValue(module, node);
    if (value) return constant(value.module, value.node, depth + 1);
  }
  return null;
}

/** The module-level value a name or `settings.NAME` (a project module's constant) is bound to. */
export function settingValue(module: PythonModule, node: SyntaxNode): { module: PythonModule; node: SyntaxNode } | undefined {
  if (node.type === 'identifier') {
    const binding = module.bindingAt(node.text, node);
    return binding?.kind === 'assign' && binding.value ? { module, node: binding.value } : undefined;
  }
  if (node.type !== 'attribute') return undefined;
  const object = fieldOf(node, 'object');
  const name = fieldOf(node, 'attribute')?.text;
  const owner = object ? module.resolve(object) : null;
  const other = owner ? module.moduleNamed(owner) : undefined;
  if (!other || !name) return undefined;
  const found = other.bindings(name, other.root);
  const binding = found[found.length - 1];
  return binding?.kind === 'assign' && binding.value ? { module: other, node: binding.value } : undefined;
}

function truthy(value: Fallback): boolean {
  if (value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  return Boolean(value);
}

function pythonStr(value: Fallback): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
