/**
 * Where a module sets a Flask configuration key, in any of the ways Flask allows:
 *
 *   app.config["KEY"] = v             app.config.update(KEY=v)      app.config.from_mapping({"KEY": v})
 *   app.config.setdefault("KEY", v)   class ProductionConfig: KEY = v (config classes)
 *   KEY = v at module level of a config module (config.py, settings.py, from_object(__name__))
 *   app.secret_key = v (the attribute shortcuts Flask has for some keys)
 *   {"KEY": v} / dict(KEY=v) handed to config.update / from_mapping, or any {"KEY": v} dict literal
 */
import { fieldOf, parentOf } from './nav.js';
import type { EnvironmentScope } from '../scope.js';
import { escapeRegExp, type PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { enclosingClass, enclosingFunction, nameOf, stringValue } from './syntax.js';

/** `dict-literal`: a `{"KEY": v}` pair in a dict that is not handed straight to Flask's config. */
export type ConfigWriteForm = 'config-item' | 'config-call' | 'app-attribute' | 'class-attribute' | 'module-constant' | 'dict-literal';

export interface ConfigWrite {
  key: string;
  value: SyntaxNode;
  /** The whole write (`app.config["DEBUG"] = True`, `DEBUG=True`, `"DEBUG": True`), for reporting. */
  node: SyntaxNode;
  form: ConfigWriteForm;
  environment: EnvironmentScope;
}

/** Flask's attribute shortcuts for config keys (`app.debug` is `app.config["DEBUG"]`). */
const APP_ATTRIBUTES: Record<string, string> = {
  DEBUG: 'debug',
  TESTING: 'testing',
  SECRET_KEY: 'secret_key',
  PERMANENT_SESSION_LIFETIME: 'permanent_session_lifetime',
  SESSION_COOKIE_NAME: 'session_cookie_name',
};
const CONFIG_METHODS = new Set(['update', 'from_mapping', 'setdefault']);
const CONFIG_FILE_WORDS = /(^|[/_.-])(config|configs|settings|conf|default_settings|instance)([/_.-]|$)/i;
const CONFIG_CLASS_WORDS = /config|settings|conf/i;

export function findConfigWrites(module: PythonModule, keys: readonly string[]): ConfigWrite[] {
  const attributes = keys.map((k) => APP_ATTRIBUTES[k]).filter((a): a is string => Boolean(a));
  const words = [...keys, ...attributes].map(escapeRegExp).join('|');
  const writes: ConfigWrite[] = [];
  const seen = new Set<number>();
  for (const match of module.search(new RegExp(`\\b(${words})\\b`, 'g'))) {
    const word = match[1] as string;
    const node = module.nodeAt(match.index, match.index + word.length);
    const write = writeAt(module, node, word, keys);
    if (!write || seen.has(write.node.id)) continue;
    seen.add(write.node.id);
    writes.push({ ...write, environment: module.environmentOf(write.node, write.key) });
  }
  return writes;
}

function writeAt(module: PythonModule, node: SyntaxNode, word: string, keys: readonly string[]): Omit<ConfigWrite, 'environment'> | null {
  const key = keys.includes(word) ? word : Object.keys(APP_ATTRIBUTES).find((k) => APP_ATTRIBUTES[k] === word && keys.includes(k));
  if (!key) return null;
  const parent = parentOf(node);
  if (!parent) return null;
  // KEY=v as a keyword argument of config.update(...), from_mapping(...), dict(...) handed to them.
  if (node.type === 'identifier' && parent.type === 'keyword_argument' && fieldOf(parent, 'name')?.id === node.id) {
    const call = parentOf(parent)?.parent;
    const value = fieldOf(parent, 'value');
    if (call?.type === 'call' && value && (isConfigCall(module, call) || isDictHandedToConfig(module, call)))
      return { key, value, node: parent, form: 'config-call' };
    return null;
  }
  // "KEY" as a string: a subscript, a dict key, or setdefault's first argument.
  if (node.type === 'string_content' && stringValue(parent) === key) return stringKeyWrite(module, parent, key);
  // KEY = v in a config class or config module; app.secret_key = v.
  const assignment = parent.type === 'attribute' ? parentOf(parent) : parent;
  if (assignment?.type !== 'assignment') return null;
  const left = fieldOf(assignment, 'left');
  const value = fieldOf(assignment, 'right');
  if (!value) return null;
  if (parent.type === 'attribute' && left?.id === parent.id && fieldOf(parent, 'attribute')?.id === node.id) {
    return key !== word && module.flask.isApp(fieldOf(parent, 'object')) ? { key, value, node: assignment, form: 'app-attribute' } : null;
  }
  if (left?.id !== node.id || key !== word) return null;
  const cls = enclosingClass(assignment);
  if (cls) return isConfigClass(module, cls) ? { key, value, node: assignment, form: 'class-attribute' } : null;
  if (!enclosingFunction(assignment) && isConfigModule(module)) return { key, value, node: assignment, form: 'module-constant' };
  return null;
}

function stringKeyWrite(module: PythonModule, string: SyntaxNode, key: string): Omit<ConfigWrite, 'environment'> | null {
  const holder = parentOf(string);
  if (holder?.type === 'subscript' && fieldOf(holder, 'subscript')?.id === string.id) {
    const assignment = parentOf(holder);
    const value = assignment?.childForFieldName('right');
    if (assignment?.type === 'assignment' && fieldOf(assignment, 'left')?.id === holder.id && value && module.flask.isConfig(fieldOf(holder, 'value')))
      return { key, value, node: assignment, form: 'config-item' };
    return null;
  }
  if (holder?.type === 'pair' && fieldOf(holder, 'key')?.id === string.id) {
    const dict = parentOf(holder);
    const value = fieldOf(holder, 'value');
    const call = dict?.parent?.parent;
    if (!value) return null;
    const handed = call?.type === 'call' && dict?.parent?.type === 'argument_list' && (isConfigCall(module, call) || isDictHandedToConfig(module, call));
    return { key, value, node: holder, form: handed ? 'config-call' : 'dict-literal' };
  }
  if (holder?.type === 'argument_list' && holder.namedChild(0)?.id === string.id) {
    const call = parentOf(holder);
    const value = holder.namedChild(1);
    const callee = call?.childForFieldName('function');
    if (call && value && callee?.type === 'attribute' && fieldOf(callee, 'attribute')?.text === 'setdefault' && module.flask.isConfig(fieldOf(callee, 'object')))
      return { key, value, node: call, form: 'config-call' };
  }
  return null;
}

/** `app.config.update(...)`, `current_app.config.from_mapping(...)`. */
function isConfigCall(module: PythonModule, call: SyntaxNode): boolean {
  const callee = fieldOf(call, 'function');
  if (callee?.type !== 'attribute') return false;
  return CONFIG_METHODS.has(fieldOf(callee, 'attribute')?.text ?? '') && module.flask.isConfig(fieldOf(callee, 'object'));
}

/** `dict(KEY=v)` or `{...}` passed straight to a config call. */
function isDictHandedToConfig(module: PythonModule, call: SyntaxNode): boolean {
  if (module.callee(call) === 'builtins.dict') {
    const outer = parentOf(call)?.parent;
    return outer?.type === 'call' && isConfigCall(module, outer);
  }
  return false;
}

/** A class that holds configuration: its name says so, or it derives from one that does. */
export function isConfigClass(module: PythonModule, cls: SyntaxNode, depth = 0): boolean {
  if (CONFIG_CLASS_WORDS.test(nameOf(cls)) || CONFIG_FILE_WORDS.test(module.path)) return true;
  if (depth > 5) return false;
  return module.classBases(cls).some((base) => {
    const local = module.definitionOf(base);
    return local ? isConfigClass(local.module, local.node, depth + 1) : CONFIG_CLASS_WORDS.test(base.split('.').pop() ?? '');
  });
}

/** A module whose top-level constants are configuration. */
export function isConfigModule(module: PythonModule): boolean {
  return CONFIG_FILE_WORDS.test(module.path.replace(/\.py$/, '')) || /\bfrom_object\(\s*__name__\s*\)/.test(module.text);
}
