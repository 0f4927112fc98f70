/**
 * Where a piece of Python code runs: development/testing, production, or unscoped. The file's
 * scope decides first for test code; then the innermost class, function or `if` that says so — a
 * config class or function named for an environment, a `unittest.TestCase`, a function that
 * drives `app.test_client()`, an `if app.debug:` — and a config class is production when a
 * production class inherits from it without overriding the key in question.
 */
import { fieldOf, parentOf } from './nav.js';
import { definesApplication, isDevelopmentOrTesting, scopeOfFunctionName, scopeOfName, type EnvironmentScope } from '../scope.js';
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { enclosingClass, literalTruthiness, literalValue, nameOf, stringValue } from './syntax.js';

export function environmentOf(module: PythonModule, node: SyntaxNode, key?: string): EnvironmentScope {
  if (module.fileScope === 'testing') return 'testing';
  for (let n = parentOf(node), child: SyntaxNode = node; n; child = n, n = parentOf(n)) {
    if (n.type === 'class_definition') {
      const scope = classEnvironment(module, n, key);
      if (scope !== 'unscoped') return scope;
    } else if (n.type === 'function_definition') {
      const scope = scopeOfFunctionName(nameOf(n));
      if (scope !== 'unscoped') return scope;
      if (drivesTestClient(n.text)) return 'testing';
    } else if (n.type === 'if_statement' && child.id === fieldOf(n, 'consequence')?.id) {
      const scope = conditionEnvironment(fieldOf(n, 'condition'));
      if (scope !== 'unscoped') return scope;
    } else if ((n.type === 'dictionary' || n.type === 'argument_list') && setsTesting(n)) {
      // `create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})`, `config.update(TESTING=True, …)`.
      return 'testing';
    }
  }
  // A module of test helpers that drives the test client, and defines no app or route of its own.
  if (module.fileScope === 'unscoped' && drivesTestClient(module.text) && !definesApplication(module.text)) return 'testing';
  return module.fileScope;
}

const TEST_CLIENT = /\.test_client\s*\(/;

function drivesTestClient(text: string): boolean {
  return TEST_CLIENT.test(text);
}

/** `class LoginTest(unittest.TestCase)`, `(TestCase)`, flask_testing's `TestCase`, a project's `BaseTestCase`. */
function isTestCase(module: PythonModule, cls: SyntaxNode): boolean {
  return module.classBases(cls).some((base) => /(^|\.)\w*TestCase$/.test(base));
}

function classEnvironment(module: PythonModule, cls: SyntaxNode, key: string | undefined): EnvironmentScope {
  const own = scopeOfName(nameOf(cls));
  if (own === 'production') return own;
  if (isTestCase(module, cls)) return 'testing';
  if (inheritedByProduction(module, cls, key)) return 'production';
  // A config class that sets `TESTING = True` is the test configuration, whatever its name.
  if (own === 'unscoped' && setsTesting(fieldOf(cls, 'body'))) return 'testing';
  return own;
}

/** Does a class body, dict literal or argument list set `TESTING` to a true value? */
function setsTesting(holder: SyntaxNode | null): boolean {
  if (!holder || !holder.text.includes('TESTING')) return false;
  for (const child of holder.namedChildren) {
    const item = child.type === 'expression_statement' ? child.namedChild(0) : child;
    if (!item) continue;
    const [name, value] =
      item.type === 'assignment'
        ? [fieldOf(item, 'left')?.text, fieldOf(item, 'right')]
        : item.type === 'keyword_argument'
          ? [fieldOf(item, 'name')?.text, fieldOf(item, 'value')]
          : item.type === 'pair'
            ? [stringValue(fieldOf(item, 'key')), fieldOf(item, 'value')]
            : [undefined, null];
    if (name === 'TESTING' && literalTruthiness(value ?? null) === true) return true;
  }
  return false;
}

/**
 * Is `key`, set in the class around `node`, replaced by every production class that derives from
 * that class (in any module of the analysis)? Then the base's value is the one for the other
 * environments: `class Config: SESSION_COOKIE_SECURE = False` with
 * `class ProductionConfig(Config): SESSION_COOKIE_SECURE = True` is the right pattern.
 */
export function isOverriddenInProduction(module: PythonModule, node: SyntaxNode, key: string): boolean {
  const cls = enclosingClass(node);
  if (!cls) return false;
  const target = `${module.name}.${nameOf(cls)}`;
  let derived = false;
  for (const { module: other, offset } of productionClasses(module.projectModules())) {
    const def = other.nodeAt(offset).parent;
    if (def?.type !== 'class_definition' || !derivesFrom(other, def, target, undefined, 0)) continue;
    derived = true;
    if (derivesFrom(other, def, target, key, 0)) return false;
  }
  return derived;
}

const productionClassCache = new WeakMap<readonly PythonModule[], { module: PythonModule; offset: number }[]>();

/**
 * Where the project's texts define classes for production (by their names, or in production
 * files): the offsets of their names, in module and text order. Found once: every class
 * attribute that sets a config key asks.
 */
function productionClasses(modules: readonly PythonModule[]): { module: PythonModule; offset: number }[] {
  let found = productionClassCache.get(modules);
  if (!found) {
    found = [];
    for (const module of modules) {
      for (const match of module.search(/^[ \t]*class[ \t]+(\w+)/gm)) {
        const name = match[1] as string;
        const scope = scopeOfName(name);
        if (scope === 'production' || (scope === 'unscoped' && module.fileScope === 'production')) found.push({ module, offset: match.index + match[0].length - name.length });
      }
    }
    productionClassCache.set(modules, found);
  }
  return found;
}

/** Does a class whose name says production derive from `cls` and keep its value of `key`? */
function inheritedByProduction(module: PythonModule, cls: SyntaxNode, key: string | undefined): boolean {
  const target = `${module.name}.${nameOf(cls)}`;
  for (const match of module.search(/^[ \t]*class[ \t]+(\w+)/gm)) {
    const name = match[1] as string;
    if (scopeOfName(name) !== 'production') continue;
    const def = module.nodeAt(match.index + match[0].length - name.length).parent;
    if (def?.type !== 'class_definition') continue;
    if (derivesFrom(module, def, target, key, 0)) return true;
  }
  return false;
}

function derivesFrom(module: PythonModule, cls: SyntaxNode, target: string, key: string | undefined, depth: number): boolean {
  if (depth > 8) return false;
  if (key && setsKey(cls, key)) return false;
  for (const base of module.classBases(cls)) {
    if (base === target) return true;
    const local = module.definitionOf(base);
    if (local?.module === module && local.node.type === 'class_definition' && derivesFrom(module, local.node, target, key, depth + 1))
      return true;
  }
  return false;
}

function setsKey(cls: SyntaxNode, key: string): boolean {
  const body = fieldOf(cls, 'body');
  return new RegExp(`^[ \\t]*${key}\\s*(?::[^=\\n]*)?=(?!=)`, 'm').test(body?.text ?? '');
}

/** `if app.debug:`, `if os.environ.get("FLASK_ENV") == "development":`, `if config_name == "testing":` … */
function conditionEnvironment(condition: SyntaxNode | null): EnvironmentScope {
  if (!condition) return 'unscoped';
  if (condition.type === 'not_operator') return 'unscoped';
  const text = condition.text;
  if (/^[\w.]*\.(debug|testing)$/.test(text)) return text.endsWith('debug') ? 'development' : 'testing';
  if (condition.type !== 'comparison_operator') return 'unscoped';
  if (!/==|\bin\b/.test(condition.children.filter((c) => !c.isNamed).map((c) => c.type).join(' '))) return 'unscoped';
  for (const operand of condition.namedChildren) {
    const value = literalValue(operand);
    if (value?.kind === 'str') {
      const scope = scopeOfName(value.value);
      if (isDevelopmentOrTesting(scope)) return scope;
    }
  }
  return 'unscoped';
}
