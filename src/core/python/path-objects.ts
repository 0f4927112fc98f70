/** pathlib paths in code: `Path(...)`, `base / name`, or a name assigned one of those. */
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { unwrap } from './syntax.js';

export function isPathObject(module: PythonModule, node: SyntaxNode | null): boolean {
  if (!node) return false;
  let expr = unwrap(node);
  if (expr.type === 'identifier') {
    const binding = module.bindingAt(expr.text, expr);
    if (binding?.kind !== 'assign' || !binding.value) return false;
    expr = unwrap(binding.value);
  }
  return /\b(Pure)?(Posix)?Path\s*\(|\s\/\s/.test(expr.text);
}
