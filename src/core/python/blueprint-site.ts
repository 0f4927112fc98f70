/**
 * Where a blueprint is created: the `Blueprint(...)` call a name (`bp`, `views.bp`, an imported
 * name) stands for, followed through assignments, imports and re-exports.
 */
import type { Binding, PythonModule } from './module.js';
import { fieldOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { callArguments, stringValue, unwrap } from './syntax.js';

export interface BlueprintSite {
  module: PythonModule;
  /** The call that creates it: `Blueprint("api", __name__)` (or a factory's call). */
  call: SyntaxNode;
  /** Its own name (the first argument), when that is a literal. */
  name: string | undefined;
}

const MAX_DEPTH = 8;

/** The blueprint an expression (`bp`, `views.bp`, an imported name) stands for, when its creation is in the analyzed files. */
export function blueprintSite(module: PythonModule, expr: SyntaxNode, depth = 0): BlueprintSite | null {
  if (depth > MAX_DEPTH) return null;
  const node = unwrap(expr);
  if (node.type === 'identifier') return siteOfBinding(module, module.bindingAt(node.text, node), depth);
  if (node.type === 'attribute') {
    // `views.bp`: a module-level name of another module.
    const owner = module.resolve(fieldOf(node, 'object'));
    const other = owner ? module.moduleNamed(owner) : undefined;
    const attribute = fieldOf(node, 'attribute')?.text;
    return other && attribute ? siteOfBinding(other, lastModuleBinding(other, attribute), depth + 1) : null;
  }
  return null;
}

function lastModuleBinding(module: PythonModule, name: string): Binding | undefined {
  const found = module.bindings(name, module.root);
  return found[found.length - 1];
}

function siteOfBinding(module: PythonModule, binding: Binding | undefined, depth: number): BlueprintSite | null {
  if (!binding || depth > MAX_DEPTH) return null;
  if (binding.kind === 'import') {
    const dot = binding.qualified.lastIndexOf('.');
    const other = dot > 0 ? module.moduleNamed(binding.qualified.slice(0, dot)) : undefined;
    return other && other !== module ? siteOfBinding(other, lastModuleBinding(other, binding.qualified.slice(dot + 1)), depth + 1) : null;
  }
  if (binding.kind !== 'assign' || !binding.value) return null;
  const value = unwrap(binding.value);
  if (value.type === 'call') {
    if (module.resolve(value) !== 'flask.Blueprint()') return null;
    return { module, call: value, name: stringValue(callArguments(value).positional[0] ?? null) };
  }
  return value.type === 'identifier' || value.type === 'attribute' ? blueprintSite(module, value, depth + 1) : null;
}
