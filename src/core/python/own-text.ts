/**
 * Text the program itself holds: literals, and files the package ships next to its code
 * (`open(os.path.join(os.path.dirname(__file__), "static", name)).read()`), concatenated,
 * formatted or joined. A report generator that inlines its own CSS and JavaScript into a page
 * outputs developer-defined text, not data.
 */
import type { PythonModule } from './module.js';
import { fieldOf, parentOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { enclosingFunction, literalValue } from './syntax.js';

const MAX_DEPTH = 16;
const MUTATORS = new Set(['append', 'extend', 'insert']);

export function isOwnText(module: PythonModule, node: SyntaxNode | null, depth = 0): boolean {
  if (!node || depth > MAX_DEPTH) return false;
  const next = depth + 1;
  if (literalValue(node) !== undefined) return true;
  switch (node.type) {
    case 'parenthesized_expression':
      return isOwnText(module, node.namedChild(0), next);
    case 'binary_operator':
      return isOwnText(module, fieldOf(node, 'left'), next) && isOwnText(module, fieldOf(node, 'right'), next);
    case 'string':
      return node.namedChildren.filter((c) => c.type === 'interpolation').every((c) => isOwnText(module, c.namedChild(0), next));
    case 'list':
    case 'tuple':
    case 'set':
      return node.namedChildren.every((c) => isOwnText(module, c, next));
    case 'identifier':
      return isOwnName(module, node, next);
    case 'call':
      return isOwnCall(module, node, next);
    default:
      return false;
  }
}

/** `"\n".join(parts)`, `"…".format(…)`, `f.read()` of a file the package ships. */
function isOwnCall(module: PythonModule, call: SyntaxNode, depth: number): boolean {
  const fn = fieldOf(call, 'function');
  const args = fieldOf(call, 'arguments')?.namedChildren ?? [];
  if (fn?.type !== 'attribute') return false;
  const method = fieldOf(fn, 'attribute')?.text;
  const receiver = fieldOf(fn, 'object');
  if ((method === 'join' || method === 'format') && isOwnText(module, receiver, depth)) return args.every((a) => isOwnText(module, a.type === 'keyword_argument' ? fieldOf(a, 'value') : a, depth));
  if (method === 'read') return receiver !== null && isOwnFile(module, receiver, depth);
  return false;
}

/** A name bound to own text where it is used — by an assignment or a loop over an own collection — with additions (`parts.append(…)`) that are own text too. */
function isOwnName(module: PythonModule, name: SyntaxNode, depth: number): boolean {
  const binding = module.bindingAt(name.text, name);
  if (binding?.kind !== 'assign') return false;
  if (binding.value) {
    if (!isOwnText(module, binding.value, depth)) return false;
  } else {
    const loop = parentOf(binding.node);
    if (loop?.type !== 'for_statement' || fieldOf(loop, 'left')?.id !== binding.node.id || !isOwnText(module, fieldOf(loop, 'right'), depth)) return false;
  }
  const scope = enclosingFunction(name) ?? module.root;
  const mutation = new RegExp(`(?<![\\w.])${name.text}\\.(${[...MUTATORS].join('|')})\\s*\\(`, 'g');
  for (const match of module.search(mutation, scope)) {
    const call = module.nodeAt(match.index, match.index + name.text.length).parent?.parent;
    const args = call?.type === 'call' ? (fieldOf(call, 'arguments')?.namedChildren ?? []) : [];
    // `extend([...])`: a list literal is own text when its items are.
    if (!args.every((a) => isOwnText(module, a, depth))) return false;
  }
  return true;
}

/** `f` of `with open(path) as f`, or `open(path)` itself, where `path` is next to the module's own file. */
function isOwnFile(module: PythonModule, node: SyntaxNode, depth: number): boolean {
  if (node.type === 'call') return module.callee(node) === 'open' || fieldOf(node, 'function')?.text === 'open' ? isOwnPath(module, fieldOf(node, 'arguments')?.namedChild(0) ?? null, depth) : false;
  if (node.type !== 'identifier') return false;
  const binding = module.bindingAt(node.text, node);
  const target = binding?.kind === 'assign' ? parentOf(binding.node) : null;
  const item = target?.type === 'as_pattern_target' ? parentOf(target) : null;
  return item?.type === 'as_pattern' ? isOwnFile(module, item.namedChild(0) ?? node, depth + 1) : false;
}

/** A path built from the directory of `__file__` and own text: `os.path.join(os.path.dirname(__file__), "static", name)`. */
function isOwnPath(module: PythonModule, node: SyntaxNode | null, depth: number): boolean {
  if (!node || depth > MAX_DEPTH) return false;
  if (node.type === 'identifier') {
    const binding = module.bindingAt(node.text, node);
    return binding?.kind === 'assign' && isOwnPath(module, binding.value, depth + 1);
  }
  if (node.type !== 'call') return false;
  const callee = module.callee(node) ?? '';
  const args = fieldOf(node, 'arguments')?.namedChildren ?? [];
  if (callee === 'os.path.dirname' || callee === 'os.path.abspath' || callee === 'os.path.realpath') return args[0]?.text === '__file__' || isOwnPath(module, args[0] ?? null, depth + 1);
  if (callee === 'os.path.join') return isOwnPath(module, args[0] ?? null, depth + 1) && args.slice(1).every((a) => isOwnText(module, a, depth + 1));
  return false;
}
