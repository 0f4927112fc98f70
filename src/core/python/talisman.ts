/** Flask-Talisman's configuration calls: `Talisman(app, ...)` and `talisman.init_app(app, ...)`. */
import { findCalls } from './calls.js';
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';

export function talismanCalls(module: PythonModule): SyntaxNode[] {
  if (!module.importsFrom('flask_talisman')) return [];
  const calls = findCalls(module, ['flask_talisman.Talisman']);
  for (const match of module.search(/\.init_app\s*\(/g)) {
    const callee = module.codeAt(match.index + 1, 'init_app'.length)?.parent;
    const call = callee?.parent;
    if (callee?.type === 'attribute' && call?.type === 'call' && module.resolve(callee.childForFieldName('object')) === 'flask_talisman.Talisman()')
      calls.push(call);
  }
  return calls;
}
