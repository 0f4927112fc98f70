/**
 * A parsed Python file and the questions rules ask about it: what a name refers to, which calls
 * reach a function, where Flask apps and routes are, and which values come from the request.
 *
 * Walking a whole tree through the native binding costs about as much as parsing it, so the
 * engine never does: candidates are found by searching the text for the names involved, then
 * confirmed on the tree. Everything is computed lazily and cached.
 */
import { fieldOf, isModuleScope, parentOf } from './nav.js';
import { LineIndex } from '../lines.js';
import type { EnvironmentScope } from '../scope.js';
import { FlaskModel } from './flask.js';
import { RequestFlow } from './flow.js';
import { environmentOf } from './environment.js';
import { aliasesInText, collectImports, importedRootsInText, type ImportBinding } from './imports.js';
import { BUILTINS, LIBRARY_ROOTS, STAR_EXPORTS, canonical } from './names.js';
import { parsePython, ParseStopped, type SyntaxNode, type Tree } from './parser.js';
import { boundNames, enclosingFunction, nameOf, unwrap } from './syntax.js';

/** The parser refused a file (the rules stop looking at it; what they found by then stands). */
export class ParseFailure extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** The other Python modules of the project, for names imported from them. */
export interface ModuleLookup {
  find(moduleName: string): PythonModule | undefined;
  /** Every Python module of the analysis (for project-wide facts such as "a session backend is configured"). */
  all?(): readonly PythonModule[];
  /** How long one parse may take (see parsePython), by which clock; none: no limit. */
  parseLimit?: ParseLimit;
}

export interface ParseLimit {
  ms: number;
  clock: () => number;
}

export type Binding =
  | { kind: 'import'; node: SyntaxNode; qualified: string }
  | { kind: 'assign'; node: SyntaxNode; value: SyntaxNode | null }
  | { kind: 'param'; node: SyntaxNode; function: SyntaxNode }
  | { kind: 'def'; node: SyntaxNode }
  | { kind: 'class'; node: SyntaxNode }
  | { kind: 'global'; node: SyntaxNode };

/** Scope nodes: the module root, a function (def or lambda), or a class body. */
type ScopeNode = SyntaxNode;

const SCOPE_TYPES = new Set(['module', 'function_definition', 'lambda', 'class_definition']);
const MAX_RESOLVE_DEPTH = 12;

export class PythonModule {
  readonly lines: LineIndex;
  /** Dotted module name from the path (`app/views.py` → `app.views`). */
  readonly name: string;
  readonly isPackage: boolean;
  // Everything found on the tree is cached here, and release() must reset each cache (several are keyed by node ids).
  private importsCache?: ReturnType<typeof collectImports>;
  private readonly bindingCache = new Map<string, Binding[]>();
  private readonly resolveCache = new Map<number, string | null>();
  private readonly resolving = new Set<number>();
  private readonly layoutCache = new Map<number, { bodyStart: number; params: SyntaxNode | null }>();
  private readonly identifierCache = new Map<string, string | null>();

  constructor(
    readonly path: string,
    readonly text: string,
    private readonly project?: ModuleLookup,
    /** Where the file's code runs, judged by its path (and `production_config`). */
    readonly fileScope: EnvironmentScope = 'unscoped',
  ) {
    this.lines = new LineIndex(text);
    this.isPackage = /(^|\/)__init__\.py$/.test(path);
    this.name = moduleNameOf(path);
  }

  // Read from the text alone, so kept when the tree is released.
  private textImportRoots?: Set<string>;
  private textAliases?: { local: string; qualified: string }[];

  private readonly textTests = new Map<RegExp, boolean>();

  /**
   * Does the text match `pattern` (not a global one)? Remembered: questions about the whole
   * project ask it of every module, again for every name they follow.
   */
  textMatches(pattern: RegExp): boolean {
    let matches = this.textTests.get(pattern);
    if (matches === undefined) {
      matches = pattern.test(this.text);
      this.textTests.set(pattern, matches);
    }
    return matches;
  }

  /** The `from module import name as alias` pairs of the text, found without parsing. */
  get aliasesInText(): readonly { local: string; qualified: string }[] {
    this.textAliases ??= aliasesInText(this.text, this.name, this.isPackage);
    return this.textAliases;
  }

  private flaskModel?: FlaskModel;
  private requestFlow?: RequestFlow;

  /** Flask apps, blueprints, routes and their URL parameters. */
  get flask(): FlaskModel {
    this.flaskModel ??= new FlaskModel(this);
    return this.flaskModel;
  }

  /** Where request data flows in this module. */
  get flow(): RequestFlow {
    this.requestFlow ??= new RequestFlow(this, this.flask);
    return this.requestFlow;
  }

  /** Where the code at `node` runs; `key` is a config key being set (for inherited config classes). */
  environmentOf(node: SyntaxNode, key?: string): EnvironmentScope {
    return environmentOf(this, node, key);
  }

  private parsed?: Tree;
  /** A parse that failed fails again without being tried again (a slow one would cost its time again). */
  private failure?: ParseFailure;

  /** The syntax tree, parsed on first use (and again after release()). */
  get tree(): Tree {
    if (this.failure) throw this.failure;
    if (!this.parsed) {
      const limit = this.project?.parseLimit;
      const started = limit?.clock();
      const stop = limit && (() => limit.clock() - (started as number) >= limit.ms);
      try {
        this.parsed = parsePython(this.text, stop);
      } catch (error) {
        this.failure = new ParseFailure(this.path, error instanceof ParseStopped ? `parsing took longer than ${(limit as ParseLimit).ms / 1000} s` : (error as Error).message);
        throw this.failure;
      }
    }
    return this.parsed;
  }

  /** Has anything needed the tree yet? (Files with nothing for a rule to look at are never parsed.) */
  get isParsed(): boolean {
    return this.parsed !== undefined;
  }

  /**
   * Forgets the syntax tree and everything found on it, so that the tree can be freed (a large
   * pull request's trees do not fit in memory together); the next question parses the text
   * again. Nodes handed out before belong to the old tree: release only between questions.
   */
  release(): void {
    if (!this.parsed) return;
    this.parsed = undefined;
    this.rootNode = undefined;
    this.importsCache = undefined;
    this.flaskModel = undefined;
    this.requestFlow = undefined;
    // Keyed by node ids: a new tree reuses them for other nodes.
    this.bindingCache.clear();
    this.resolveCache.clear();
    this.resolving.clear();
    this.layoutCache.clear();
    this.identifierCache.clear();
  }

  private rootNode?: SyntaxNode;

  /** The module node (kept: each `tree.rootNode` is a call into the native binding). */
  get root(): SyntaxNode {
    this.rootNode ??= this.tree.rootNode;
    return this.rootNode;
  }

  get hasSyntaxErrors(): boolean {
    return this.root.hasError;
  }

  /** The smallest named node covering [start, end). */
  nodeAt(start: number, end = start): SyntaxNode {
    return this.root.namedDescendantForIndex(start, end);
  }

  /** Matches of a global regular expression in the text, or in the text of one node. */
  search(pattern: RegExp, within?: SyntaxNode): RegExpExecArray[] {
    const start = within?.startIndex ?? 0;
    const end = within?.endIndex ?? this.text.length;
    const out: RegExpExecArray[] = [];
    pattern.lastIndex = start;
    for (let m = pattern.exec(this.text); m && m.index < end; m = pattern.exec(this.text)) {
      if (m.index + m[0].length <= end) out.push(m);
      if (m[0].length === 0) pattern.lastIndex++;
    }
    return out;
  }

  /** The identifier or keyword at a text offset, when the offset is code (not a string or comment). */
  codeAt(offset: number, length: number): SyntaxNode | null {
    const node = this.nodeAt(offset, offset + length);
    if (node.startIndex !== offset || node.endIndex !== offset + length) return null;
    return node.type === 'identifier' || node.type === 'keyword_identifier' ? node : null;
  }

  get imports(): ImportBinding[] {
    return this.importTable().bindings;
  }

  private importTable(): ReturnType<typeof collectImports> {
    this.importsCache ??= collectImports(this.text, (o) => this.nodeAt(o), this.name, this.isPackage);
    return this.importsCache;
  }

  /**
   * The Python modules analyzed together with this one (itself included). In a pull request this
   * is only the changed files, so a rule that asks "does the project configure X" must treat
   * absence as "unknown" unless the module that would configure X is among them.
   */
  projectModules(): readonly PythonModule[] {
    return this.project?.all?.() ?? [this];
  }

  /** Does the module import anything from one of these top-level packages? */
  importsFrom(...roots: string[]): boolean {
    // Without an import line naming one of them in the text, no need to parse to know.
    this.textImportRoots ??= importedRootsInText(this.text);
    const named = this.textImportRoots;
    if (!roots.some((r) => named.has(r.split('.')[0] as string))) return false;
    const table = this.importTable();
    const hit = (q: string) => roots.some((r) => q === r || q.startsWith(`${r}.`));
    return table.bindings.some((b) => hit(b.qualified)) || table.starModules.some((s) => hit(s.module));
  }

  // ---- scopes and bindings ----------------------------------------------------------------

  /** The scope a name used at `node` is looked up in first. */
  scopeOf(node: SyntaxNode): ScopeNode {
    const at = node.startIndex;
    for (let n = parentOf(node); n; n = parentOf(n)) {
      const type = n.type;
      if (type === 'function_definition' || type === 'lambda') {
        // Default values and decorators are evaluated in the enclosing scope.
        const { bodyStart, params } = this.definitionLayout(n);
        if (at >= bodyStart || (params && at >= params.startIndex && node.endIndex <= params.endIndex && isParameterName(node, params))) return n;
        continue;
      }
      if (type === 'class_definition') {
        if (at >= this.definitionLayout(n).bodyStart) return n;
        continue;
      }
      if (type === 'module') return n;
    }
    return this.root;
  }

  /** Where a def's or class's body starts and its parameters, cached: scopes are asked about constantly. */
  private definitionLayout(definition: SyntaxNode): { bodyStart: number; params: SyntaxNode | null } {
    let layout = this.layoutCache.get(definition.id);
    if (!layout) {
      const body = fieldOf(definition, 'body');
      layout = { bodyStart: body ? body.startIndex : Number.POSITIVE_INFINITY, params: fieldOf(definition, 'parameters') };
      this.layoutCache.set(definition.id, layout);
    }
    return layout;
  }

  /** Where `name` is bound directly in `scope` (not in nested functions or classes). */
  bindings(name: string, scope: ScopeNode): Binding[] {
    const key = `${scope.id}:${name}`;
    const cached = this.bindingCache.get(key);
    if (cached) return cached;
    const found: Binding[] = [];
    for (const imp of this.imports) {
      if (imp.local === name && (imp.scope?.id ?? this.root.id) === scope.id)
        found.push({ kind: 'import', node: imp.statement, qualified: imp.qualified });
    }
    const searchIn = isModuleScope(scope) ? undefined : scope;
    const pattern = new RegExp(`(?<![\\w.])${escapeRegExp(name)}\\b`, 'g');
    for (const match of this.search(pattern, searchIn)) {
      if (!searchIn && this.insideTopLevelBody(match.index)) continue;
      if (isUseNotBinding(this.text, match.index, name.length)) continue;
      const identifier = this.codeAt(match.index, name.length);
      if (!identifier) continue;
      const binding = bindingAt(identifier);
      if (!binding || binding.kind === 'import') continue;
      if (this.owningScope(identifier, binding).id === scope.id) found.push(binding);
    }
    this.bindingCache.set(key, found);
    return found;
  }

  private topLevelBodies?: number[];

  /**
   * Is the offset inside the body of a top-level def or class? Names there never bind at module
   * level, so module-scope lookups skip them without touching the tree (most occurrences of a
   * module's names are uses inside its functions). Found from the text alone: a body runs from
   * the line after a column-0 `def`/`class` to the next line that starts at column 0. A column-0
   * line inside the body (a string, a bracket continuation) only ends the range early.
   */
  private insideTopLevelBody(offset: number): boolean {
    this.topLevelBodies ??= topLevelBodies(this.text);
    const ranges = this.topLevelBodies;
    let lo = 0;
    let hi = ranges.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (offset < (ranges[2 * mid] as number)) hi = mid - 1;
      else if (offset >= (ranges[2 * mid + 1] as number)) lo = mid + 1;
      else return true;
    }
    return false;
  }

  private owningScope(identifier: SyntaxNode, binding: Binding): ScopeNode {
    if (binding.kind === 'def' || binding.kind === 'class') return this.scopeOf(binding.node);
    if (binding.kind === 'param') return binding.function;
    return this.scopeOf(identifier);
  }

  /**
   * The bindings a name used at `node` refers to, following Python's rules: the innermost
   * function that binds it, then enclosing functions, then the module (class bodies only for
   * code directly inside them). Empty when the name is unbound (a builtin, or a star import).
   */
  lookup(name: string, node: SyntaxNode): Binding[] {
    return this.lookupFrom(this.scopeOf(node), name);
  }

  private lookupFrom(innermost: ScopeNode, name: string): Binding[] {
    let scope: ScopeNode | null = innermost;
    let first = true;
    while (scope) {
      if (scope.type !== 'class_definition' || first) {
        const found = this.bindings(name, scope);
        if (found.some((b) => b.kind === 'global')) return this.bindings(name, this.root);
        if (found.length > 0) return found;
      }
      if (isModuleScope(scope)) break;
      first = false;
      scope = this.scopeOf(scope);
    }
    return [];
  }

  /** The binding in effect at `node`: the last one that starts before it, else the first. */
  bindingAt(name: string, node: SyntaxNode): Binding | undefined {
    const found = this.lookup(name, node);
    let best: Binding | undefined;
    const at = node.startIndex;
    for (const b of found) if (b.node.startIndex < at) best = b;
    return best ?? found[0];
  }

  // ---- resolution -------------------------------------------------------------------------

  /**
   * The canonical qualified name an expression stands for: `flask.send_file` for a function,
   * `flask.Flask()` for an instance, `flask.Flask().config` for its attribute; null when unknown.
   */
  resolve(node: SyntaxNode | null, depth = 0): string | null {
    if (!node || depth > MAX_RESOLVE_DEPTH) return null;
    const id = node.id; // each access is a native call
    const cached = this.resolveCache.get(id);
    if (cached !== undefined) return cached;
    if (this.resolving.has(id)) return null;
    this.resolving.add(id);
    let result: string | null;
    try {
      result = this.resolveUncached(unwrap(node), depth);
    } finally {
      this.resolving.delete(id);
    }
    this.resolveCache.set(id, result);
    return result;
  }

  /** The qualified name of the function a call calls (see `resolve`). */
  callee(call: SyntaxNode): string | null {
    return this.resolve(fieldOf(call, 'function'));
  }

  isCallTo(call: SyntaxNode, ...names: string[]): boolean {
    if (call.type !== 'call') return false;
    const callee = this.callee(call);
    return callee !== null && names.includes(callee);
  }

  private resolveUncached(node: SyntaxNode, depth: number): string | null {
    switch (node.type) {
      case 'identifier':
        return this.resolveIdentifier(node, depth);
      case 'attribute': {
        const object = this.resolve(fieldOf(node, 'object'), depth + 1);
        const attribute = fieldOf(node, 'attribute')?.text;
        return object && attribute ? this.member(object, attribute, depth) : null;
      }
      case 'call': {
        const callee = this.resolve(fieldOf(node, 'function'), depth + 1);
        return callee ? this.instanceOf(callee, depth) : null;
      }
      default:
        return null;
    }
  }

  private resolveIdentifier(node: SyntaxNode, depth: number): string | null {
    const name = node.text;
    const scope = this.scopeOf(node);
    const key = `${scope.id}:${name}`;
    const known = this.identifierCache.get(key);
    if (known !== undefined) return known;
    const found = this.lookupFrom(scope, name);
    if (found.length > 1) return this.resolveBinding(name, this.bindingAt(name, node), depth);
    // With one binding (or none) in reach, the answer is the same wherever the name is used.
    const resolved = this.resolveBinding(name, found[0], depth);
    // A null found deep in a chain may only mean the depth limit was reached.
    if (resolved !== null || depth === 0) this.identifierCache.set(key, resolved);
    return resolved;
  }

  private resolveBinding(name: string, binding: Binding | undefined, depth: number): string | null {
    if (!binding) {
      const star = this.importTable().starModules.find((s) => STAR_EXPORTS[s.module]?.includes(name));
      if (star) return canonical(`${star.module}.${name}`);
      return BUILTINS.has(name) ? `builtins.${name}` : null;
    }
    switch (binding.kind) {
      case 'import':
        return this.projectValue(binding.qualified, depth);
      case 'assign':
        return binding.value ? this.resolve(binding.value, depth + 1) : null;
      case 'def':
      case 'class':
        return `${this.name}.${qualifiedPath(binding.node)}`;
      default:
        return null;
    }
  }

  /** `X.attr`, following project modules and local classes. */
  private member(object: string, attribute: string, depth: number): string {
    return this.projectValue(canonical(`${object}.${attribute}`), depth);
  }

  /** The value of calling `callee`: an instance of a class, or what a local factory returns. */
  private instanceOf(callee: string, depth: number): string {
    const definition = this.definitionOf(callee);
    if (definition) {
      const { module, node } = definition;
      if (node.type === 'class_definition') {
        const base = module.libraryBase(node, depth);
        if (base) return canonical(`${base}()`);
      } else if (node.type === 'function_definition') {
        const returned = module.returnedValue(node, depth);
        if (returned) return returned;
      }
    }
    return canonical(`${callee}()`);
  }

  /**
   * A name that lives in another module of the project (`myapp.app`) resolves to what that
   * module binds it to, when the project has that module.
   */
  private projectValue(qualified: string, depth: number): string {
    if (!this.project || depth > MAX_RESOLVE_DEPTH) return qualified;
    const dot = qualified.lastIndexOf('.');
    if (dot <= 0) return qualified;
    const root = qualified.split('.')[0] as string;
    if (LIBRARY_ROOTS.has(root)) return qualified;
    const module = this.project.find(qualified.slice(0, dot));
    if (!module || module === this) return qualified;
    const value = module.resolveExport(qualified.slice(dot + 1), depth + 1);
    return value ?? qualified;
  }

  /** What a module-level name of this module refers to, for other modules. */
  resolveExport(name: string, depth: number): string | null {
    const found = this.bindings(name, this.root);
    const binding = found[found.length - 1];
    if (!binding) return null;
    if (binding.kind === 'assign' && binding.value) return this.resolve(binding.value, depth + 1);
    if (binding.kind === 'import') return this.projectValue(binding.qualified, depth + 1);
    return null;
  }

  /** This module or the module of the analysis a dotted name refers to (`views`, `shop.views`). */
  moduleNamed(moduleName: string): PythonModule | undefined {
    return moduleName === this.name ? this : this.project?.find(moduleName);
  }

  /** The def or class a qualified name names, in this module or another module of the project. */
  definitionOf(qualified: string): { module: PythonModule; node: SyntaxNode } | undefined {
    const dot = qualified.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const module = this.moduleNamed(qualified.slice(0, dot));
    if (!module) return undefined;
    const name = qualified.slice(dot + 1);
    const binding = module.bindings(name, module.root).find((b) => b.kind === 'def' || b.kind === 'class');
    return binding ? { module, node: binding.node } : undefined;
  }

  /** The first library class (e.g. `flask.Flask`) a local class derives from. */
  libraryBase(classNode: SyntaxNode, depth = 0): string | null {
    for (const base of this.classBases(classNode, depth)) {
      if (!base.startsWith(`${this.name}.`)) return base;
      const local = this.definitionOf(base);
      if (local && local.node.type === 'class_definition' && depth < MAX_RESOLVE_DEPTH) {
        const inherited = local.module.libraryBase(local.node, depth + 1);
        if (inherited) return inherited;
      }
    }
    return null;
  }

  /** Qualified names of a class's bases, in order. */
  classBases(classNode: SyntaxNode, depth = 0): string[] {
    const superclasses = fieldOf(classNode, 'superclasses');
    if (!superclasses) return [];
    const out: string[] = [];
    for (const base of superclasses.namedChildren) {
      if (base.type === 'keyword_argument') continue;
      const resolved = this.resolve(base, depth + 1);
      if (resolved) out.push(resolved);
    }
    return out;
  }

  /** What a function returns, when every `return` agrees on one resolvable value. */
  private returnedValue(fn: SyntaxNode, depth: number): string | null {
    let value: string | null = null;
    for (const match of this.search(/\breturn\b/g, fn)) {
      const statement = this.nodeAt(match.index, match.index + 6);
      const ret = statement.type === 'return_statement' ? statement : parentOf(statement);
      if (ret?.type !== 'return_statement' || enclosingFunction(ret)?.id !== fn.id) continue;
      const returned = ret.namedChild(0);
      if (!returned) continue;
      const resolved = this.resolve(returned, depth + 1);
      if (!resolved || (value && value !== resolved)) return null;
      value = resolved;
    }
    return value;
  }

  /** Is this name imported from (or the top-level package of) the project itself, not a library? */
  isProjectImport(qualified: string): boolean {
    return !LIBRARY_ROOTS.has(qualified.split('.')[0] as string);
  }
}

/** What binding (if any) an identifier occurrence creates. */
function bindingAt(identifier: SyntaxNode): Binding | null {
  const parent = parentOf(identifier);
  if (!parent) return null;
  switch (parent.type) {
    case 'function_definition':
      return fieldOf(parent, 'name')?.id === identifier.id ? { kind: 'def', node: parent } : null;
    case 'class_definition':
      return fieldOf(parent, 'name')?.id === identifier.id ? { kind: 'class', node: parent } : null;
    case 'parameters':
    case 'lambda_parameters':
      return { kind: 'param', node: identifier, function: parentOf(parent) as SyntaxNode };
    case 'default_parameter':
    case 'typed_default_parameter':
      if (fieldOf(parent, 'name')?.id !== identifier.id) return null;
      return { kind: 'param', node: identifier, function: parentOf(parent)?.parent as SyntaxNode };
    case 'typed_parameter': {
      const grand = parentOf(parent);
      const fn = grand ? parentOf(grand) : null;
      return fn && parent.namedChild(0)?.id === identifier.id ? { kind: 'param', node: identifier, function: fn } : null;
    }
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      {
        const list = parentOf(parent);
        if (list && (list.type === 'parameters' || list.type === 'lambda_parameters'))
          return { kind: 'param', node: identifier, function: parentOf(list) as SyntaxNode };
      }
      break;
    case 'global_statement':
    case 'nonlocal_statement':
      return { kind: 'global', node: identifier };
    case 'named_expression':
      return fieldOf(parent, 'name')?.id === identifier.id
        ? { kind: 'assign', node: identifier, value: fieldOf(parent, 'value') }
        : null;
    case 'as_pattern_target':
      return { kind: 'assign', node: identifier, value: null };
  }
  // Assignment targets, possibly inside tuple patterns: `a = …`, `a, b = …`, `for a in …`.
  let target: SyntaxNode = identifier;
  for (let up = parentOf(target); up && ['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern'].includes(up.type); up = parentOf(target))
    target = up;
  const holder = parentOf(target);
  if (!holder) return null;
  if (holder.type === 'assignment' && fieldOf(holder, 'left')?.id === target.id) {
    const right = fieldOf(holder, 'right');
    const value = target.id === identifier.id ? unwrapAssignedValue(right) : null;
    return { kind: 'assign', node: identifier, value };
  }
  if (holder.type === 'augmented_assignment' && fieldOf(holder, 'left')?.id === target.id)
    return { kind: 'assign', node: identifier, value: null };
  if ((holder.type === 'for_statement' || holder.type === 'for_in_clause') && fieldOf(holder, 'left')?.id === target.id)
    return { kind: 'assign', node: identifier, value: null };
  return null;
}

/** In `a = b = value`, the value of `a` is `value`. */
function unwrapAssignedValue(right: SyntaxNode | null): SyntaxNode | null {
  let value = right;
  while (value?.type === 'assignment') value = fieldOf(value, 'right');
  return value;
}

function isParameterName(node: SyntaxNode, params: SyntaxNode): boolean {
  return node.startIndex >= params.startIndex && node.endIndex <= params.endIndex && boundNames(node).length > 0;
}

/** `Outer.Inner` for a nested class, `func` for a function. */
function qualifiedPath(definition: SyntaxNode): string {
  const parts = [nameOf(definition)];
  for (let n = parentOf(definition); n; n = parentOf(n)) {
    if (SCOPE_TYPES.has(n.type) && n.type !== 'module') parts.unshift(nameOf(n) || '<lambda>');
  }
  return parts.join('.');
}

/**
 * `name.attr`, `name[i]`, `name(...)`: an occurrence followed by `.`, `[` or `(` reads the name
 * and cannot bind it — unless it is the name of a `def` or `class`. Checked on the text, so that
 * binding searches skip most occurrences without touching the tree.
 */
function isUseNotBinding(text: string, start: number, length: number): boolean {
  let i = start + length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const next = text[i];
  if (next === '.' || next === '[') return true;
  if (next !== '(') return false;
  return !/\b(def|class)[ \t]+$/.test(text.slice(Math.max(0, start - 12), start));
}

/** [start, end) offsets of top-level def/class bodies, flattened; see insideTopLevelBody. */
function topLevelBodies(text: string): number[] {
  const ranges: number[] = [];
  const header = /^(?:(?:async[ \t]+)?def|class)[ \t]+\w/;
  let bodyStart = -1;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    const first = text[start];
    const atColumnZero = first !== undefined && first !== ' ' && first !== '\t' && first !== '\n' && first !== '\r' && first !== '#';
    if (atColumnZero) {
      if (bodyStart >= 0 && start > bodyStart) ranges.push(bodyStart, start);
      bodyStart = header.test(text.slice(start, Math.min(end, start + 200))) ? end : -1;
    }
    start = end;
  }
  if (bodyStart >= 0 && text.length > bodyStart) ranges.push(bodyStart, text.length);
  return ranges;
}

export function moduleNameOf(path: string): string {
  return path
    .replace(/\.py$/, '')
    .replace(/(^|\/)__init__$/, '')
    .split('/')
    .filter(Boolean)
    .join('.');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
