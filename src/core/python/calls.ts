/**
 * Calls to library functions by qualified name, found the fast way: search the text for the
 * function's own name and the local names imports bind to it (`from flask import send_file as sf`),
 * then confirm on the tree that the callee resolves to one of the names.
 */
import { escapeRegExp, type PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';

export function findCalls(module: PythonModule, qualifiedNames: readonly string[]): SyntaxNode[] {
  const words = new Set(qualifiedNames.map((q) => q.replace(/\(\)$/, '').split('.').pop() as string));
  // From the text: a file that names none of the words is not parsed for this question.
  for (const imp of module.aliasesInText) if (qualifiedNames.includes(imp.qualified)) words.add(imp.local);
  const pattern = new RegExp(`\\b(${[...words].map(escapeRegExp).join('|')})\\s*\\(`, 'g');
  const calls: SyntaxNode[] = [];
  for (const match of module.search(pattern)) {
    const name = module.codeAt(match.index, (match[1] as string).length);
    const callee = name?.parent?.type === 'attribute' && name.parent.childForFieldName('attribute')?.id === name.id ? name.parent : name;
    const call = callee?.parent;
    if (call?.type === 'call' && call.childForFieldName('function')?.id === callee?.id && module.isCallTo(call, ...qualifiedNames)) calls.push(call);
  }
  return calls;
}

/**
 * The local name under which `qualified` is imported where `at` is (`secure_filename`, or an
 * alias), so that a fix can call it; null when no such import is in effect there.
 */
export function importedName(module: PythonModule, qualified: string, at: SyntaxNode): string | null {
  for (const imp of module.imports) {
    if (imp.qualified !== qualified) continue;
    const binding = module.bindingAt(imp.local, at);
    if (binding?.kind === 'import' && binding.qualified === qualified) return imp.local;
  }
  return null;
}
