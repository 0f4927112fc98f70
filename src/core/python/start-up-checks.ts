/**
 * Does production configuration refuse to start without a setting? A fallback such as
 * `os.environ.get("SECRET_KEY", "dev")` is harmless when the production config class (or its
 * `init_app`, or a production config module) reads `os.environ["SECRET_KEY"]`, asserts the key,
 * or raises when it is missing: a deployment without the variable fails at start-up instead of
 * running on the fallback.
 */
import { escapeRegExp, type PythonModule } from './module.js';
import { fieldOf, parentOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { scopeOfName } from '../scope.js';
import { nameOf } from './syntax.js';

/** `names`: the environment variable and the config key (`SECRET_KEY`) the fallback provides. */
export function productionRequires(module: PythonModule, names: readonly string[]): boolean {
  const mentions = new RegExp(`\\b(${names.map(escapeRegExp).join('|')})\\b`);
  for (const other of module.projectModules()) {
    if (!mentions.test(other.text)) continue;
    for (const holder of productionHolders(other)) if (refuses(holder, names, mentions)) return true;
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

function refuses(holder: SyntaxNode, names: readonly string[], mentions: RegExp): boolean {
  if (!mentions.test(holder.text)) return false;
  // `os.environ["SECRET_KEY"]`: a KeyError when the variable is missing.
  const required = new RegExp(`\\benviron\\s*\\[\\s*[rbu]?["'](${names.map(escapeRegExp).join('|')})["']\\s*\\]`);
  if (required.test(holder.text)) return true;
  for (const statement of holder.descendantsOfType(['assert_statement', 'raise_statement'])) {
    if (statement.type === 'assert_statement' && mentions.test(statement.text)) return true;
    if (statement.type === 'raise_statement' && guardedByCheckOf(statement, holder, mentions)) return true;
  }
  return false;
}

/** `if not os.environ.get("SECRET_KEY"): raise RuntimeError(...)`, `if app.config["SECRET_KEY"] == "dev": raise …`. */
function guardedByCheckOf(raise: SyntaxNode, holder: SyntaxNode, mentions: RegExp): boolean {
  for (let n = parentOf(raise); n && n.id !== holder.id; n = parentOf(n)) {
    if (n.type === 'if_statement' && mentions.test(fieldOf(n, 'condition')?.text ?? '')) return true;
    if (n.type === 'function_definition' && nameOf(n) !== 'init_app' && nameOf(n) !== '__init__') return false;
  }
  return false;
}
