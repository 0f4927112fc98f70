/**
 * Does production configuration refuse to start without a secret from the environment? A
 * fallback such as `os.environ.get("SECRET_KEY", "dev")` is harmless when the production config
 * class (or its `init_app`, or a production config module) reads `os.environ["SECRET_KEY"]`,
 * asserts that the variable is set, or raises when it is missing — or when the configured key
 * still is the fallback: a deployment without the variable fails at start-up instead of running
 * on the fallback. A check of another variable proves nothing about this one.
 */
import { escapeRegExp, type PythonModule } from './module.js';
import { fieldOf, parentOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { scopeOfName } from '../scope.js';
import { nameOf } from './syntax.js';

export interface FallbackRead {
  /** The environment variable read with a fallback. */
  variable: string;
  /** The config key the value is assigned to (`SECRET_KEY`), when it is one. */
  key?: string;
  /** The fallback literal. */
  fallback: string;
}

export function productionRequires(module: PythonModule, read: FallbackRead): boolean {
  const variable = new RegExp(`\\b${escapeRegExp(read.variable)}\\b`);
  for (const other of module.projectModules()) {
    if (!variable.test(other.text) && !(read.key && other.text.includes(read.key))) continue;
    for (const holder of productionHolders(other)) if (refuses(holder, read, variable)) return true;
  }
  return false;
}

/** The code that runs only in production: production config classes, or a whole production config module. */
function productionHolders(module: PythonModule): SyntaxNode[] {
  if (module.fileScope === 'production') return [module.tree.rootNode];
  const holders: SyntaxNode[] = [];
  for (const match of module.search(/^[ \t]*class[ \t]+(\w+)/gm)) {
    const name = match[1] as string;
    if (scopeOfName(name) !== 'production') continue;
    const def = module.nodeAt(match.index + match[0].length - name.length).parent;
    if (def?.type === 'class_definition') holders.push(def);
  }
  return holders;
}

function refuses(holder: SyntaxNode, read: FallbackRead, variable: RegExp): boolean {
  // `os.environ["SECRET_KEY"]`: a KeyError when the variable is missing.
  const required = new RegExp(`\\benviron\\s*\\[\\s*[rbu]?["']${escapeRegExp(read.variable)}["']\\s*\\]`);
  if (required.test(holder.text) && holder.descendantsOfType('subscript').some((subscript) => required.test(subscript.text))) return true;
  // A check of the configured key counts when it compares it with the fallback (`SECRET_KEY == "dev"`).
  const checks = (text: string) => variable.test(text) || (read.key !== undefined && text.includes(read.key) && text.includes(read.fallback));
  for (const statement of holder.descendantsOfType(['assert_statement', 'raise_statement'])) {
    if (statement.type === 'assert_statement' && checks(statement.text)) return true;
    if (statement.type === 'raise_statement' && guardedByCheck(statement, holder, checks)) return true;
  }
  return false;
}

/** `if not os.environ.get("SECRET_KEY"): raise RuntimeError(...)`, in the class body, `init_app` or `__init__`. */
function guardedByCheck(raise: SyntaxNode, holder: SyntaxNode, checks: (text: string) => boolean): boolean {
  for (let n = parentOf(raise); n && n.id !== holder.id; n = parentOf(n)) {
    if (n.type === 'if_statement' && checks(fieldOf(n, 'condition')?.text ?? '')) return true;
    if (n.type === 'function_definition' && nameOf(n) !== 'init_app' && nameOf(n) !== '__init__') return false;
  }
  return false;
}
