/**
 * Whether Jinja escapes what a template renders. Flask's environment escapes only templates whose
 * names end in .html, .htm, .xml, .xhtml or .svg (and strings: `render_template_string`,
 * `app.jinja_env.from_string`), unless the application changes that (`app.jinja_env.autoescape`,
 * `jinja_options`, an overridden `select_jinja_autoescape`). A `jinja2.Template` or an
 * `Environment()` escapes nothing unless told to; `select_autoescape()` escapes by extension.
 */
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { callArguments, literalValue, stringValue, unwrap } from './syntax.js';

export type Autoescape = 'on' | 'off' | 'unknown';

/** Flask's `select_jinja_autoescape`. */
export const FLASK_AUTOESCAPED = /\.(?:html|htm|xml|xhtml|svg)$/i;
const SELECT_AUTOESCAPE = 'jinja2.select_autoescape';
const SELECT_DEFAULT_ENABLED = ['html', 'htm', 'xml'];

/** A template name the code gives literally, or through a name bound to a literal. */
export function templateNames(module: PythonModule, node: SyntaxNode | null): string[] | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  const literal = stringValue(value);
  if (literal !== undefined) return [literal];
  if (value.type === 'list' || value.type === 'tuple') {
    const names = value.namedChildren.map((n) => templateNames(module, n));
    return names.length > 0 && names.every((n) => n !== undefined) ? (names as string[][]).flat() : undefined;
  }
  if (value.type === 'identifier') {
    const binding = module.bindingAt(value.text, value);
    return binding?.kind === 'assign' && binding.value && binding.value.id !== value.id ? templateNames(module, binding.value) : undefined;
  }
  return undefined;
}

/**
 * Does Flask's environment escape the template `name`? Its own rule, unless a module of the
 * project switches autoescaping for every template (`app.jinja_env.autoescape = True`, a
 * `select_autoescape` that lists the extension, `jinja_options`) or overrides the choice.
 */
export function flaskEscapes(module: PythonModule, name: string): Autoescape {
  if (FLASK_AUTOESCAPED.test(name)) return 'on';
  for (const other of module.projectModules()) {
    if (/\bdef\s+select_jinja_autoescape\b/.test(other.text)) return 'unknown';
    for (const { value } of flaskAutoescapeSettings(other)) {
      const setting = autoescapeValue(other, value, name);
      if (setting !== 'off') return setting;
    }
  }
  return 'off';
}

export interface AutoescapeSetting {
  /** The statement that sets it. */
  statement: SyntaxNode;
  value: SyntaxNode;
}

/**
 * Where a module sets the autoescaping of Flask's environment: `app.jinja_env.autoescape = V`,
 * and `autoescape` in `jinja_options` (`Flask.jinja_options = {…}`, a subclass's class attribute,
 * `dict(Flask.jinja_options, autoescape=V)`, `app.jinja_options.update(autoescape=V)`,
 * `app.jinja_options["autoescape"] = V`).
 */
export function flaskAutoescapeSettings(module: PythonModule): AutoescapeSetting[] {
  const out: AutoescapeSetting[] = [];
  const seen = new Set<number>();
  for (const match of module.search(/\bjinja_options\b|\bjinja_env\s*\.\s*autoescape\b/g)) {
    const word = match[0].startsWith('jinja_options') ? 'jinja_options' : 'jinja_env';
    const node = module.codeAt(match.index, word.length);
    const statement = node ? statementOf(node) : null;
    if (!statement || seen.has(statement.id)) continue;
    seen.add(statement.id);
    for (const value of autoescapeValuesIn(statement)) out.push({ statement, value });
  }
  return out;
}

function autoescapeValuesIn(statement: SyntaxNode): SyntaxNode[] {
  const values: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    if (n.type === 'keyword_argument' && n.childForFieldName('name')?.text === 'autoescape') push(n.childForFieldName('value'));
    else if (n.type === 'pair' && stringValue(n.childForFieldName('key')) === 'autoescape') push(n.childForFieldName('value'));
    else if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const key = left?.type === 'subscript' ? stringValue(left.childForFieldName('subscript')) : undefined;
      const attribute = left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : undefined;
      if (key === 'autoescape' || (attribute === 'autoescape' && /jinja_env$/.test(left?.childForFieldName('object')?.text ?? ''))) push(n.childForFieldName('right'));
    }
    for (const child of n.namedChildren) visit(child);
  };
  const push = (v: SyntaxNode | null) => {
    if (v) values.push(v);
  };
  visit(statement);
  return values;
}

function statementOf(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  while (n && n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
  return n;
}

/**
 * What an `autoescape=` value does for the template `name` (null: a string source, as
 * `from_string` and `Template` compile): a literal, or `select_autoescape(...)` judged by its
 * extension lists.
 */
export function autoescapeValue(module: PythonModule, value: SyntaxNode, name: string | null): Autoescape {
  const literal = literalValue(value);
  if (literal?.kind === 'bool') return literal.value ? 'on' : 'off';
  if (literal?.kind === 'none') return 'off';
  if (value.type !== 'call' || !module.isCallTo(value, SELECT_AUTOESCAPE)) return 'unknown';
  const args = callArguments(value);
  if (args.spread) return 'unknown';
  const list = (key: string, index: number, fallback: string[]): string[] | undefined => {
    const given = args.keywords.get(key)?.value ?? args.positional[index];
    if (!given) return fallback;
    const items = given.type === 'list' || given.type === 'tuple' ? given.namedChildren.map((n) => stringValue(n)) : [stringValue(given)];
    return items.every((i) => i !== undefined) ? (items as string[]).map((i) => i.replace(/^\./, '').toLowerCase()) : undefined;
  };
  const flag = (key: string, index: number, fallback: boolean): boolean | undefined => {
    const given = args.keywords.get(key)?.value ?? args.positional[index];
    if (!given) return fallback;
    const v = literalValue(given);
    return v?.kind === 'bool' ? v.value : undefined;
  };
  if (name === null) {
    const forStrings = flag('default_for_string', 2, true);
    return forStrings === undefined ? 'unknown' : forStrings ? 'on' : 'off';
  }
  const enabled = list('enabled_extensions', 0, SELECT_DEFAULT_ENABLED);
  const disabled = list('disabled_extensions', 1, []);
  const otherwise = flag('default', 3, false);
  if (!enabled || !disabled || otherwise === undefined) return 'unknown';
  const lower = name.toLowerCase();
  if (enabled.some((ext) => lower.endsWith(`.${ext}`))) return 'on';
  if (disabled.some((ext) => lower.endsWith(`.${ext}`))) return 'off';
  return otherwise ? 'on' : 'off';
}

/** `select_autoescape([...])` that does not escape HTML pages (`["xml"]`, `enabled_extensions=("txt",)`). */
export function leavesHtmlOut(module: PythonModule, value: SyntaxNode): boolean {
  return value.type === 'call' && module.isCallTo(value, SELECT_AUTOESCAPE) && autoescapeValue(module, value, 'page.html') === 'off';
}

/**
 * What a Jinja environment built by `call` (`Environment(...)`, or `Template(source, ...)`, whose
 * first argument is the source) does for the template `name`.
 */
export function environmentEscapes(module: PythonModule, call: SyntaxNode, name: string | null): Autoescape {
  const args = callArguments(call);
  const given = args.keywords.get('autoescape')?.value;
  if (given) return autoescapeValue(module, given, name);
  const sourceArguments = module.isCallTo(call, 'jinja2.Template') ? 1 : 0;
  return args.spread || args.positional.length > sourceArguments ? 'unknown' : 'off';
}

/**
 * The call that built the object an expression holds (`env` of `env = Environment(…)`, also
 * imported from another module of the project), with the module it is in.
 */
export function constructedBy(module: PythonModule, expr: SyntaxNode, depth = 0): { module: PythonModule; call: SyntaxNode } | undefined {
  if (depth > 4) return undefined;
  const node = unwrap(expr);
  if (node.type === 'call') return { module, call: node };
  if (node.type !== 'identifier') return undefined;
  const binding = module.bindingAt(node.text, node);
  if (binding?.kind === 'assign') return binding.value && binding.value.id !== node.id ? constructedBy(module, binding.value, depth + 1) : undefined;
  if (binding?.kind !== 'import') return undefined;
  const dot = binding.qualified.lastIndexOf('.');
  const other = dot > 0 ? module.moduleNamed(binding.qualified.slice(0, dot)) : undefined;
  const assigned = other?.bindings(binding.qualified.slice(dot + 1), other.root).filter((b) => b.kind === 'assign').pop();
  return other && assigned?.kind === 'assign' && assigned.value ? constructedBy(other, assigned.value, depth + 1) : undefined;
}
