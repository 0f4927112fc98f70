/** The import statements of a module: which local name stands for which qualified name, in which scope. */
import type { SyntaxNode } from './parser.js';
import { canonical } from './names.js';
import { enclosingFunction } from './syntax.js';

export interface ImportBinding {
  /** The local name the import binds (`sf` in `from flask import send_file as sf`). */
  local: string;
  /** Canonical qualified name (`flask.send_file`). */
  qualified: string;
  /** The import statement. */
  statement: SyntaxNode;
  /** The function the import sits in, or null for module level. */
  scope: SyntaxNode | null;
}

const IMPORT_LINE = /^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import|import)\b/gm;

/**
 * `moduleName` is the dotted name of the importing module (`pkg.views`); `isPackage` is true for
 * `__init__.py`. Both resolve relative imports (`from .models import User`).
 */
export function collectImports(
  text: string,
  nodeAt: (offset: number) => SyntaxNode,
  moduleName: string,
  isPackage: boolean,
): { bindings: ImportBinding[]; starModules: { module: string; scope: SyntaxNode | null }[] } {
  const bindings: ImportBinding[] = [];
  const starModules: { module: string; scope: SyntaxNode | null }[] = [];
  const seen = new Set<number>();
  for (const match of text.matchAll(IMPORT_LINE)) {
    const keyword = match.index + match[0].search(/\S/);
    let statement: SyntaxNode | null = nodeAt(keyword);
    while (statement && statement.type !== 'import_statement' && statement.type !== 'import_from_statement')
      statement = statement.parent;
    if (!statement || seen.has(statement.startIndex)) continue;
    seen.add(statement.startIndex);
    const scope = enclosingFunction(statement);
    if (statement.type === 'import_statement') {
      for (const name of statement.childrenForFieldName('name')) {
        if (name.type === 'aliased_import') {
          const target = name.childForFieldName('name')?.text ?? '';
          const alias = name.childForFieldName('alias')?.text ?? '';
          bindings.push({ local: alias, qualified: canonical(target), statement, scope });
        } else {
          // `import os.path` binds `os`.
          const root = name.text.split('.')[0] as string;
          bindings.push({ local: root, qualified: root, statement, scope });
        }
      }
      continue;
    }
    const moduleNode = statement.childForFieldName('module_name');
    if (!moduleNode) continue;
    const from = absoluteModule(moduleNode.text, moduleName, isPackage);
    if (statement.namedChildren.some((c) => c.type === 'wildcard_import')) {
      starModules.push({ module: from, scope });
      continue;
    }
    for (const name of statement.childrenForFieldName('name')) {
      if (name.type === 'aliased_import') {
        const target = name.childForFieldName('name')?.text ?? '';
        const alias = name.childForFieldName('alias')?.text ?? '';
        bindings.push({ local: alias, qualified: canonical(`${from}.${target}`), statement, scope });
      } else {
        bindings.push({ local: name.text, qualified: canonical(`${from}.${name.text}`), statement, scope });
      }
    }
  }
  return { bindings, starModules };
}

/** `..models` imported from `pkg.sub.views` → `pkg.models`. */
export function absoluteModule(spec: string, moduleName: string, isPackage: boolean): string {
  const dots = spec.match(/^\.*/)?.[0].length ?? 0;
  if (dots === 0) return spec;
  const parts = moduleName.split('.');
  const packageParts = isPackage ? parts : parts.slice(0, -1);
  const base = packageParts.slice(0, Math.max(0, packageParts.length - (dots - 1)));
  const rest = spec.slice(dots);
  return [...base, ...(rest ? [rest] : [])].join('.');
}

const FROM_IMPORT = /^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#\\]*(?:\\\n[^\n#\\]*)*)/gm;

/**
 * The `from module import name as alias` pairs, read from the text alone (without parsing):
 * enough to know which local names may stand for a function, so that a file whose text names
 * none of them need not be parsed at all. Candidates found this way are confirmed on the tree.
 */
export function aliasesInText(text: string, moduleName: string, isPackage: boolean): { local: string; qualified: string }[] {
  const out: { local: string; qualified: string }[] = [];
  for (const match of text.matchAll(FROM_IMPORT)) {
    const from = absoluteModule(match[1] as string, moduleName, isPackage);
    for (const item of (match[2] as string).replace(/[()\\]/g, ' ').split(',')) {
      const [name, alias] = item.trim().split(/\s+as\s+/);
      if (name && /^\w+$/.test(name)) out.push({ local: alias?.trim() || name, qualified: canonical(`${from}.${name}`) });
    }
  }
  return out;
}

const IMPORTED_MODULES = /^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*))/gm;

/**
 * The top-level packages the module's import lines name (`flask` for `from flask.views import
 * View`, `os` and `flask` for `import os, flask as f`), from the text alone. Relative imports name
 * the project itself and are left out.
 */
export function importedRootsInText(text: string): Set<string> {
  const roots = new Set<string>();
  for (const match of text.matchAll(IMPORTED_MODULES)) {
    const modules = match[1] !== undefined ? [match[1]] : (match[2] as string).split(',').map((item) => item.trim().split(/\s/)[0] as string);
    for (const module of modules) if (!module.startsWith('.')) roots.add(module.split('.')[0] as string);
  }
  return roots;
}
