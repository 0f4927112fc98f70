/**
 * The length in seconds of a duration written in Python: `timedelta(days=30, hours=12)`,
 * `datetime.timedelta(7)`, plain seconds (`86400 * 365`), arithmetic over them, and names bound
 * to such values. Undefined when the value depends on anything else (environment, function calls).
 */
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { callArguments, literalValue, unwrap } from './syntax.js';

/** timedelta's parameters in positional order, with their length in seconds. */
const TIMEDELTA_UNITS: readonly [string, number][] = [
  ['days', 86400],
  ['seconds', 1],
  ['microseconds', 1e-6],
  ['milliseconds', 1e-3],
  ['minutes', 60],
  ['hours', 3600],
  ['weeks', 604800],
];
const MAX_DEPTH = 10;

export function durationSeconds(module: PythonModule, node: SyntaxNode | null, depth = 0): number | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  const literal = literalValue(n);
  if (literal) return literal.kind === 'int' || literal.kind === 'float' ? literal.value : undefined;
  switch (n.type) {
    case 'identifier': {
      const binding = module.bindingAt(n.text, n);
      return binding?.kind === 'assign' && binding.value ? durationSeconds(module, binding.value, depth + 1) : undefined;
    }
    case 'unary_operator': {
      const operand = durationSeconds(module, n.childForFieldName('argument'), depth + 1);
      return operand === undefined ? undefined : n.child(0)?.type === '-' ? -operand : operand;
    }
    case 'binary_operator': {
      const left = durationSeconds(module, n.childForFieldName('left'), depth + 1);
      const right = durationSeconds(module, n.childForFieldName('right'), depth + 1);
      if (left === undefined || right === undefined) return undefined;
      switch (n.childForFieldName('operator')?.type ?? n.child(1)?.type) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? undefined : left / right;
        case '//':
          return right === 0 ? undefined : Math.floor(left / right);
        default:
          return undefined;
      }
    }
    case 'call':
      return module.callee(n) === 'datetime.timedelta' ? timedeltaSeconds(module, n, depth) : undefined;
    default:
      return undefined;
  }
}

function timedeltaSeconds(module: PythonModule, call: SyntaxNode, depth: number): number | undefined {
  const args = callArguments(call);
  if (args.spread || args.positional.length > TIMEDELTA_UNITS.length) return undefined;
  let total = 0;
  for (const [index, [name, unit]] of TIMEDELTA_UNITS.entries()) {
    const value = args.positional[index] ?? args.keywords.get(name)?.value;
    if (!value) continue;
    const amount = durationSeconds(module, value, depth + 1);
    if (amount === undefined) return undefined;
    total += amount * unit;
  }
  // An unknown keyword means this is not the timedelta we know.
  for (const name of args.keywords.keys()) if (!TIMEDELTA_UNITS.some(([unit]) => unit === name)) return undefined;
  return total;
}
