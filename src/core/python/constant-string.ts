/**
 * The string a value always is, when the code says so: a literal, a name assigned one (locally,
 * at module level, or in another module of the project and imported), a class attribute
 * (`Config.KEY`), and `.encode()` of one. A secret written once as a constant and handed on
 * through names is as hardcoded as a literal at the point of use.
 */
import type { PythonModule } from './module.js';
import { fieldOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { literalValue } from './syntax.js';

export interface ConstantString {
  value: string;
  /** The names it went through (`KEY`, `settings.KEY`), empty for a literal at the point of use. */
  via: string[];
}

const MAX_DEPTH = 6;

export function constantString(module: PythonModule, node: SyntaxNode | null, depth = 0): ConstantString | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const literal = literalValue(node);
  if (literal) return literal.kind === 'str' || literal.kind === 'bytes' ? { value: literal.value, via: [] } : undefined;
  if (node.type === 'identifier') return throughName(module, node, depth + 1);
  if (node.type === 'attribute') return throughAttribute(module, node, depth + 1);
  if (node.type === 'call') {
    // `"key".encode()`, `KEY.encode("utf-8")`
    const fn = fieldOf(node, 'function');
    if (fn?.type === 'attribute' && fieldOf(fn, 'attribute')?.text === 'encode') return constantString(module, fieldOf(fn, 'object'), depth + 1);
  }
  return undefined;
}

function throughName(module: PythonModule, name: SyntaxNode, depth: number): ConstantString | undefined {
  const bindings = module.lookup(name.text, name);
  // One assignment only: a name assigned in several places is not one constant.
  if (bindings.length !== 1) return undefined;
  const binding = bindings[0];
  if (binding?.kind === 'assign') return prefixed(constantString(module, binding.value, depth), name.text);
  if (binding?.kind === 'import') return prefixed(exported(module, binding.qualified, depth), name.text);
  return undefined;
}

/** `settings.KEY` (a module of the project) or `Config.KEY` (a class with that attribute). */
function throughAttribute(module: PythonModule, node: SyntaxNode, depth: number): ConstantString | undefined {
  const object = fieldOf(node, 'object');
  const attribute = fieldOf(node, 'attribute')?.text;
  if (!object || !attribute || (object.type !== 'identifier' && object.type !== 'attribute')) return undefined;
  const qualified = module.resolve(object);
  if (!qualified) return undefined;
  const target = module.moduleNamed(qualified);
  if (target) return prefixed(moduleConstant(target, attribute, depth), node.text);
  const cls = module.definitionOf(qualified);
  if (cls?.node.type !== 'class_definition') return undefined;
  const body = fieldOf(cls.node, 'body');
  const assignments = (body?.namedChildren ?? [])
    .map((s) => (s.type === 'expression_statement' ? s.namedChild(0) : null))
    .filter((a): a is SyntaxNode => a?.type === 'assignment' && fieldOf(a, 'left')?.text === attribute);
  return assignments.length === 1 ? prefixed(constantString(cls.module, fieldOf(assignments[0] as SyntaxNode, 'right'), depth), node.text) : undefined;
}

function exported(module: PythonModule, qualified: string, depth: number): ConstantString | undefined {
  const dot = qualified.lastIndexOf('.');
  const target = dot > 0 ? module.moduleNamed(qualified.slice(0, dot)) : undefined;
  return target ? moduleConstant(target, qualified.slice(dot + 1), depth) : undefined;
}

function moduleConstant(module: PythonModule, name: string, depth: number): ConstantString | undefined {
  const bindings = module.bindings(name, module.root);
  const binding = bindings[0];
  if (bindings.length !== 1 || binding?.kind !== 'assign') return undefined;
  return constantString(module, binding.value, depth);
}

function prefixed(found: ConstantString | undefined, name: string): ConstantString | undefined {
  return found ? { value: found.value, via: [name, ...found.via] } : undefined;
}
