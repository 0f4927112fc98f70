/**
 * Where the values a template outputs come from, as far as the project's Python shows: every
 * place that gives a name to a template — `render_template("page.html", body=…)`, a context dict
 * `{"body": …}` or `context["body"] = …`, a record field `result["content"] = …` or `post.body = …` — in the modules
 * that render templates, except in branches that serve another output format (JSON, CSV,
 * feeds). Template rules use it to decide the confidence of `|safe` and
 * `{% autoescape false %}`: request data is high, values that are already safe HTML (escaped,
 * sanitized, rendered by a renderer, literals) are low, anything else is of unknown origin.
 */
import type { JinjaTag, JinjaToken } from './jinja.js';
import { macroArguments, macroParameterAt, TemplateTags, type MacroParameter } from './jinja-macros.js';
import type { ProjectModules } from './project.js';
import { isAdminOnly } from './python/admin-only.js';
import type { RequestSource } from './python/flow.js';
import type { PythonModule } from './python/module.js';
import { inNonHtmlBranch } from './python/output-format.js';
import { isOwnText } from './python/own-text.js';
import type { SyntaxNode } from './python/parser.js';
import { isModelConstructor, populateWrites, storedValue } from './python/stored-values.js';
import { literalValue } from './python/syntax.js';

export type ValueOrigin =
  /** `adminOnly`: every view that gives the name request data is one only administrators reach. */
  | { kind: 'request'; description: string; adminOnly?: boolean }
  /** Every value the project gives the name is safe HTML or plain constant text. */
  | { kind: 'safe'; description: string }
  | { kind: 'unknown' };

/** How many helper parameters deep a value is followed to the calls that pass it. */
const MAX_PARAMETER_DEPTH = 3;
/** Modules that hand values to templates. */
export const RENDERS = /\brender_template(?:_string)?\s*\(|\bstream_template\s*\(|\.render\s*\(|\bget_template\s*\(/;
/** Functions whose output is HTML they built and escaped themselves: escapers, sanitizers, renderers of code and markup. */
const SAFE_HTML_CALL = /(?:^|[._])(?:escape\w*|sanitiz\w*|clean\w*|bleach\w*|linkify|highlight\w*|render\w*|markdown\w*|markup|Markup|url_for)$/;
const SAFE_CALLS = new Set(['markupsafe.escape', 'markupsafe.Markup', 'html.escape', 'bleach.clean', 'bleach.linkify', 'nh3.clean', 'flask.render_template', 'flask.url_for', 'pygments.highlight']);
/**
 * A name given a value: `name=…` or `name = …` (a keyword argument or an assignment), a dict key
 * `"name": …`, a subscript `["name"] = …`. A lookahead, so that every offset is tried (the matches
 * are those of searching for each name on its own).
 */
const BINDING_SITE = /(?=\b([A-Za-z_]\w*)\s*=(?!=)|["']([A-Za-z_]\w*)["']\s*(?::|\]\s*=(?!=)))/g;
/** Calls whose keyword arguments never reach a template. */
const NOT_TEMPLATE_CALLS = /^(?:filter_by|filter|get|get_or_404|first_or_404|one_or_404|query|where|execute|insert|values|create|get_or_create|find|find_one|delete|jsonify|format|format_map|info|debug|warning|error|exception|critical|log|add_argument|emit|send|append)$/;
/** Keyword arguments that are not template variables. */
const NOT_VARIABLES = new Set(['status', 'mimetype', 'content_type', 'headers']);

export class TemplateValues {
  private readonly cache = new Map<string, ValueOrigin>();
  /** The project's templates, for the call sites of their macros. */
  readonly templates = new TemplateTags();

  /** `within`: the folder whose modules may render the templates asked about (see TemplateScopes); all of them by default. */
  constructor(
    private readonly project: ProjectModules,
    private readonly within = '',
  ) {}

  private modules(): readonly PythonModule[] {
    return this.within ? this.project.all().filter((m) => m.path.startsWith(this.within)) : this.project.all();
  }

  /**
   * The origin of what the project gives a template variable or field: `name` is the variable
   * (`rendered_code`) or the last attribute of the output (`content` of `result.content`), and
   * `record` the variable that holds the field in the template (`result`). When the views
   * assign the field on a record of that same name (`result["content"] = …`), those
   * assignments decide, not the same key in unrelated dicts.
   */
  originOf(name: string, record?: string): ValueOrigin {
    const key = `${record ?? ''}.${name}`;
    let origin = this.cache.get(key);
    if (!origin) {
      origin = this.find(name, record);
      this.cache.set(key, origin);
    }
    return origin;
  }

  /**
   * The origin of a macro parameter (or of its `fields`: `result.title` is the field `title` of
   * the parameter `result`): what every call of the macro passes to it — literals, or template
   * variables whose origin is known.
   */
  originOfMacroArgument(parameter: MacroParameter, fields: readonly string[] = []): ValueOrigin {
    const passed = macroArguments(this.templates.callsOf(parameter.macro), parameter);
    if (passed.length === 0) return { kind: 'unknown' };
    const safe = new Set<string>();
    for (const tokens of passed) {
      const origin = this.originOfTokens(tokens, fields);
      if (origin.kind !== 'safe') return origin;
      safe.add(origin.description);
    }
    return { kind: 'safe', description: `every call of ${parameter.macro}() passes ${[...safe].join(', ')}` };
  }

  private originOfTokens(tokens: readonly JinjaToken[], fields: readonly string[]): ValueOrigin {
    if (tokens.length === 0 || tokens.every((t) => t.type === 'string' || t.type === 'number' || t.text === '~')) return { kind: 'safe', description: 'constants' };
    const path = tokens.map((t) => t.text).join('');
    return /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.test(path) ? originOfOutput(this, [path, ...fields].join('.')) : { kind: 'unknown' };
  }

  /**
   * Request data the project writes to a record field `name`: `post.body = request.form["body"]`,
   * `Post(body=form.body.data)` (a model class built with the field as a keyword). What a view stores
   * there comes back from the database wherever the field is read.
   */
  requestWriteOf(name: string): ValueOrigin {
    return this.requestWriteAmong(name, () => this.allBindings(name));
  }

  /** requestWriteOf, with the bindings of `name` already found (or found when not cached). */
  private requestWriteAmong(name: string, bindingsOf: () => readonly ViewBinding[]): ValueOrigin {
    const key = `write:${name}`;
    let origin = this.cache.get(key);
    if (!origin) {
      origin = { kind: 'unknown' };
      const safe = new Set<string>();
      let writes = 0;
      let safeWrites = 0;
      for (const binding of bindingsOf()) {
        const { module, value, attribute, constructed } = binding;
        if (!attribute && !constructed) continue;
        writes++;
        const request = requestDataOf(binding);
        if (!request) {
          const why = safeHtml(module, value);
          if (why) {
            safe.add(why);
            safeWrites++;
          }
          continue;
        }
        const adminOnly = isAdminOnly(module, value);
        origin = { kind: 'request', description: `${request.description} (${module.path})`, ...(adminOnly ? { adminOnly } : {}) };
        if (!adminOnly) break;
      }
      // `form.populate_obj(post)`: every text field of the form is written to the record.
      this.populating ??= this.modules().filter((m) => m.text.includes('populate_obj'));
      for (const module of origin.kind === 'unknown' ? this.populating : []) {
        const call = populateWrites(module, name)[0];
        if (!call) continue;
        const adminOnly = isAdminOnly(module, call);
        origin = { kind: 'request', description: `the form field ${name} that ${call.text.replace(/\s+/g, ' ')} writes (${module.path})`, ...(adminOnly ? { adminOnly } : {}) };
        if (!adminOnly) break;
      }
      // Every write is escaped or sanitized HTML (`post.body_html = bleach.clean(...)`).
      if (origin.kind === 'unknown' && writes > 0 && safeWrites === writes) origin = { kind: 'safe', description: [...safe].join(', ') };
      this.cache.set(key, origin);
    }
    return origin;
  }

  private find(name: string, record: string | undefined): ValueOrigin {
    // Found once for both questions below: the search visits every module that mentions the name.
    const all = this.allBindings(name);
    const bindings = inViewsFirst(all);
    const onRecord = bindings.filter((b) => record !== undefined && b.record === record);
    // `{{ post.body|safe }}` where a view creates the record from a form: `Post(body=form.body.data)`.
    if (record !== undefined && onRecord.length === 0) {
      const written = this.requestWriteAmong(name, () => all);
      if (written.kind === 'request') return written;
    }
    const safe = new Set<string>();
    let judged = 0;
    // Request data given only by views that administrators alone reach.
    let adminOnly: string | undefined;
    for (const binding of onRecord.length > 0 ? onRecord : bindings) {
      const { module, value, attribute } = binding;
      const request = requestDataOf(binding);
      // `x.value = "GET"` says nothing about every other object with a `value`: attribute writes count only as request data.
      if (!request && attribute) continue;
      judged++;
      if (request) {
        if (!isAdminOnly(module, value)) return { kind: 'request', description: `${request.description} (${module.path})` };
        adminOnly ??= `${request.description} (${module.path})`;
        continue;
      }
      // `body=post.body`: a database field, which is request data when a view writes it from the request.
      const stored = storedValue(module, value);
      const written = stored ? this.requestWriteOf(stored.field) : undefined;
      if (stored && written?.kind === 'request') {
        const description = `${stored.description} (${module.path}), a field written from ${written.description}`;
        if (!written.adminOnly) return { kind: 'request', description };
        adminOnly ??= description;
        continue;
      }
      const why = safeHtml(module, value);
      if (!why) return { kind: 'unknown' };
      safe.add(why);
    }
    if (adminOnly) return { kind: 'request', description: adminOnly, adminOnly: true };
    return judged > 0 ? { kind: 'safe', description: [...safe].join(', ') } : { kind: 'unknown' };
  }

  /** The bindings of each name asked about, while the trees they are nodes of live (see ProjectModules.generation). */
  private readonly bindingsByName = new Map<string, ViewBinding[]>();
  private bindingsGeneration = 0;

  /** Several fields and records share a name (`result.url`, `link.url`): found once per name. */
  private allBindings(name: string): readonly ViewBinding[] {
    if (this.bindingsGeneration !== this.project.generation) {
      this.bindingsByName.clear();
      this.bindingsGeneration = this.project.generation;
    }
    let found = this.bindingsByName.get(name);
    if (!found) {
      found = this.bindingsIn(name);
      this.bindingsByName.set(name, found);
    }
    return found;
  }

  private bindingsIn(name: string): ViewBinding[] {
    if (!/^[A-Za-z_]\w*$/.test(name) || NOT_VARIABLES.has(name)) return [];
    const found: ViewBinding[] = [];
    for (const { module, offset } of this.bindingSitesOf(name)) {
      const binding = boundValue(module, offset, name);
      // What a JSON, CSV or feed branch binds never reaches an HTML page.
      if (binding && !inNonHtmlBranch(binding.value)) found.push({ module, ...binding, inView: module.textMatches(RENDERS) });
    }
    return found;
  }

  /** The modules that call `populate_obj`, asked about for every field a template reads. */
  private populating?: readonly PythonModule[];

  /** Where the text binds names (see BINDING_SITE), by name, in module and text order; found on the first question. */
  private bindingSites?: Map<string, { module: PythonModule; offset: number }[]>;

  /** Templates ask about many names: one pass over the project's texts instead of one search per name. */
  private bindingSitesOf(name: string): readonly { module: PythonModule; offset: number }[] {
    if (!this.bindingSites) {
      const sites = new Map<string, { module: PythonModule; offset: number }[]>();
      for (const module of this.modules()) {
        for (const match of module.text.matchAll(BINDING_SITE)) {
          const bound = (match[1] ?? match[2]) as string;
          let list = sites.get(bound);
          if (!list) sites.set(bound, (list = []));
          list.push({ module, offset: match.index });
        }
      }
      this.bindingSites = sites;
    }
    return this.bindingSites.get(name) ?? [];
  }

}

/** The request data that reaches a bound value, found once for every question about its name. */
const requestData = new WeakMap<Binding, RequestSource | null>();

function requestDataOf(binding: Binding): RequestSource | null {
  let found = requestData.get(binding);
  if (found === undefined) {
    found = binding.module.flow.requestData(binding.value, 'html');
    requestData.set(binding, found);
  }
  return found;
}

/**
 * Where the project binds a name: in the modules that render templates when they bind it (the
 * views set a value last, before rendering), else in any module (a helper that builds the
 * records a view passes on).
 */
function inViewsFirst(all: readonly ViewBinding[]): Binding[] {
  const given = all.filter((b) => !b.constructed);
  const inViews = given.filter((b) => b.inView);
  return inViews.length > 0 ? inViews : given;
}

type ViewBinding = Binding & { inView: boolean };

interface Binding {
  module: PythonModule;
  value: SyntaxNode;
  /** The record the value is assigned on (`result` of `result["content"] = …`), when it is one. */
  record?: string;
  /** Written as an attribute (`post.body = …`). */
  attribute?: boolean;
  /** A keyword of a model's constructor (`Post(body=…)`): the field's value, never a template's. */
  constructed?: boolean;
}

/**
 * The origin of an output like `result.content` or `rendered_code`: request data bound to the
 * variable or to its last field decides; otherwise the field (or the bare variable) does.
 */
export function originOfOutput(values: TemplateValues, path: string): ValueOrigin {
  const names = path.split('.');
  const field = names[names.length - 1] as string;
  const root = names[0] as string;
  const ofField = values.originOf(field, root === field ? undefined : root);
  if (ofField.kind === 'request' || root === field) return ofField;
  const ofRoot = values.originOf(root);
  return ofRoot.kind === 'request' ? ofRoot : ofField;
}

/**
 * The origin of what a template outputs at `offset`: a parameter of the macro around it comes
 * from the macro's callers, any other variable from the views.
 */
export function originOfTemplateOutput(values: TemplateValues, tags: readonly JinjaTag[], offset: number, path: string): ValueOrigin {
  const [root, ...fields] = path.split('.');
  const parameter = macroParameterAt(tags, offset, root as string);
  return parameter ? values.originOfMacroArgument(parameter, fields) : originOfOutput(values, path);
}

/** The expression bound to `name` at a match: a keyword argument, a dict pair, a subscript or an attribute assignment. */
function boundValue(module: PythonModule, offset: number, name: string): Omit<Binding, 'module'> | undefined {
  const start = module.text.indexOf(name, offset);
  for (let n: SyntaxNode | null = module.nodeAt(start, start + name.length); n && n.type !== 'module'; n = n.parent) {
    if (n.type === 'keyword_argument') {
      const value = n.childForFieldName('name')?.text === name ? n.childForFieldName('value') : null;
      if (!value) return undefined;
      const call = n.parent?.parent;
      if (call?.type === 'call' && isModelConstructor(module, call)) return { value, constructed: true };
      return namesSomethingElse(n) ? undefined : { value };
    }
    if (n.type === 'pair') {
      const value = n.childForFieldName('value');
      return value ? { value } : undefined;
    }
    // `post.body = request.form["body"]`: a record field written by a view.
    if (n.type === 'attribute') {
      const assignment = n.parent;
      const written = assignment?.type === 'assignment' && assignment.childForFieldName('left')?.id === n.id && n.childForFieldName('attribute')?.text === name;
      const value = written ? assignment.childForFieldName('right') : null;
      const object = n.childForFieldName('object');
      return value ? { value, attribute: true, ...(object?.type === 'identifier' ? { record: object.text } : {}) } : undefined;
    }
    if (n.type === 'subscript') {
      const assignment = n.parent;
      const value = assignment?.type === 'assignment' && assignment.childForFieldName('left')?.id === n.id ? assignment.childForFieldName('right') : null;
      const object = n.childForFieldName('value');
      return value ? { value, ...(object?.type === 'identifier' ? { record: object.text } : {}) } : undefined;
    }
    if (n.type === 'call' || n.type === 'assignment' || n.type.endsWith('statement')) return undefined;
  }
  return undefined;
}

/**
 * Keyword arguments of queries, loggers, formatters and constructors (`filter_by(name=…)`,
 * `Column(name=…)`, `"{name}".format(name=…)`) are not what a template is given.
 */
function namesSomethingElse(keyword: SyntaxNode): boolean {
  const fn = keyword.parent?.parent?.type === 'call' ? (keyword.parent.parent.childForFieldName('function')?.text ?? '') : '';
  const last = fn.split('.').pop() ?? '';
  return NOT_TEMPLATE_CALLS.test(last) || /^[A-Z]/.test(last);
}

/** Why a value is safe HTML (or plain constant text), or undefined when that cannot be told. */
export function safeHtml(module: PythonModule, value: SyntaxNode, depth = 0): string | undefined {
  if (literalValue(value) !== undefined) return 'constants';
  if (isOwnText(module, value)) return 'text the package holds (literals and its own files)';
  if (value.type === 'conditional_expression') {
    const parts = value.namedChildren.filter((_, i) => i !== 1).map((branch) => safeHtml(module, branch));
    return parts.every(Boolean) ? parts.join(', ') : undefined;
  }
  if (value.type === 'identifier' && depth < MAX_PARAMETER_DEPTH) return safeParameter(module, value, depth + 1);
  if (value.type !== 'call') return undefined;
  const callee = module.callee(value);
  const text = value.childForFieldName('function')?.text ?? '';
  // The name as called or as imported: `e(line)` after `from .utils import escape_html as e`.
  const last = callee?.replace(/\(\)$/, '').split('.').pop() ?? '';
  if ((callee && SAFE_CALLS.has(callee)) || SAFE_HTML_CALL.test(text) || SAFE_HTML_CALL.test(last)) return `the output of ${text}()`;
  return undefined;
}

/**
 * A parameter of a function of the module is what the module's calls of it pass: safe when
 * every call passes a safe value (`add_line(…, e(line))` at each call of a nested helper).
 */
function safeParameter(module: PythonModule, name: SyntaxNode, depth: number): string | undefined {
  const binding = module.bindingAt(name.text, name);
  if (binding?.kind !== 'param' || binding.function.type !== 'function_definition') return undefined;
  const parameters = binding.function.childForFieldName('parameters')?.namedChildren ?? [];
  const index = parameters.findIndex((p) => p.id === binding.node.id || p.namedChildren.some((c) => c.id === binding.node.id));
  const fnName = binding.function.childForFieldName('name')?.text;
  if (index < 0 || !fnName || parameters.some((p, i) => i < index && p.type !== 'identifier')) return undefined;
  const reasons = new Set<string>();
  let calls = 0;
  for (const match of module.search(new RegExp(`(?<![\\w.])${fnName}\\s*\\(`, 'g'))) {
    const call = module.nodeAt(match.index, match.index + fnName.length).parent;
    if (call?.type !== 'call') continue;
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const passed = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name.text)?.childForFieldName('value') ?? (args[index]?.type === 'keyword_argument' ? undefined : args[index]);
    const why = passed ? safeHtml(module, passed, depth) : undefined;
    if (!why) return undefined;
    reasons.add(why);
    calls++;
  }
  return calls > 0 ? `what every call of ${fnName}() passes (${[...reasons].join(', ')})` : undefined;
}
