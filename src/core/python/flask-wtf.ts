/**
 * Flask-WTF: its `CSRFProtect` extension, and forms that switch their own CSRF token off —
 * `class Meta: csrf = False` in a FlaskForm, `MyForm(meta={"csrf": False})`, or the search-form
 * recipe that sets `kwargs["meta"] = {"csrf": False}` in the form's `__init__`.
 */
import { isDevelopmentOrTesting } from '../scope.js';
import { findCalls } from './calls.js';
import { escapeRegExp, type PythonModule } from './module.js';
import { fieldOf, parentOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { writesReachingProduction } from './production-config.js';
import { callArguments, decoratorsOf, enclosingClass, enclosingFunction, literalTruthiness, nameOf, outerClass, stringValue, unwrap } from './syntax.js';

/** Methods Flask-WTF never checks (`WTF_CSRF_METHODS` are the others). */
const UNCHECKED_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_OFF = /\bcsrf\s*=\s*False\b|["']csrf["']\s*:\s*False\b/g;
const MAX_DEPTH = 8;
/** `@app.cli.command()`, `@users.command("create")`, `@cli.group()`: click commands of any group. */
const COMMAND_DECORATORS = new Set(['command', 'group']);

/** `csrf` is Flask-WTF's CSRFProtect (or, imported from a module outside the analysis, is named so). */
export function isCsrfProtect(module: PythonModule, receiver: SyntaxNode | null): boolean {
  if (!receiver) return false;
  const resolved = module.resolve(receiver);
  if (resolved === 'flask_wtf.CSRFProtect()') return true;
  if (resolved && !module.isProjectImport(resolved)) return false;
  return /csrf/i.test((resolved ?? receiver.text).split('.').pop() ?? '');
}

const checksEveryRequest = new WeakMap<readonly PythonModule[], boolean>();

/**
 * Does the analyzed code set up `CSRFProtect` for the app — `CSRFProtect(app)` or
 * `csrf.init_app(app)` outside development/testing code — with `WTF_CSRF_CHECK_DEFAULT` left on?
 * Then every POST, PUT, PATCH and DELETE needs a token before any view runs.
 */
export function csrfProtectChecksEveryRequest(module: PythonModule): boolean {
  const modules = module.projectModules();
  let answer = checksEveryRequest.get(modules);
  if (answer === undefined) {
    answer = modules.some(initialisesCsrfProtect) && !modules.some(turnsCheckDefaultOff);
    checksEveryRequest.set(modules, answer);
  }
  return answer;
}

function initialisesCsrfProtect(module: PythonModule): boolean {
  if (!/\b(CSRFProtect|CsrfProtect|init_app)\b/.test(module.text)) return false;
  const inUse = (node: SyntaxNode) => !isDevelopmentOrTesting(module.environmentOf(node));
  if (findCalls(module, ['flask_wtf.CSRFProtect']).some((call) => inUse(call) && (callArguments(call).positional.length > 0 || callArguments(call).keywords.has('app'))))
    return true;
  return module.search(/\.\s*init_app\s*\(/g).some((match) => {
    const name = module.codeAt(match.index + match[0].indexOf('init_app'), 'init_app'.length);
    const attribute = name ? parentOf(name) : null;
    const call = attribute?.type === 'attribute' ? parentOf(attribute) : null;
    return call?.type === 'call' && module.resolve(fieldOf(attribute as SyntaxNode, 'object')) === 'flask_wtf.CSRFProtect()' && inUse(call);
  });
}

function turnsCheckDefaultOff(module: PythonModule): boolean {
  return module.text.includes('WTF_CSRF_CHECK_DEFAULT') && writesReachingProduction(module, ['WTF_CSRF_CHECK_DEFAULT']).some((w) => literalTruthiness(w.value) === false);
}

/**
 * What a class derives from: Flask-WTF's FlaskForm, plain WTForms (no CSRF unless asked), a base
 * outside the analyzed files that may be either, or something else (not a form we judge).
 */
export type FormKind = 'flask-wtf' | 'wtforms' | 'unknown' | 'other';

export interface CsrfOffForm {
  /** The `csrf = False` assignment, the `"csrf": False` pair or the `csrf=False` argument. */
  node: SyntaxNode;
  kind: FormKind;
  /** The form's name, for messages. */
  formName: string;
  /** Switched off for the form class (its Meta or `__init__`): its uses decide; else for this one instantiation. */
  form?: { module: PythonModule; node: SyntaxNode };
  instantiation?: SyntaxNode;
}

/** Every place in the module that switches a Flask-WTF form's CSRF token off (or a form whose base we cannot see). */
export function formsWithCsrfOff(module: PythonModule): CsrfOffForm[] {
  const found: CsrfOffForm[] = [];
  for (const match of module.search(CSRF_OFF)) {
    const off = match[0].startsWith('csrf') ? keywordOrAttribute(module, match.index) : dictionaryKey(module, match.index);
    if (off && (off.kind === 'flask-wtf' || off.kind === 'unknown')) found.push(off);
  }
  return found;
}

/** `csrf = False` in a form's `class Meta`, or `csrf=False` inside `dict(...)` given as meta. */
function keywordOrAttribute(module: PythonModule, offset: number): CsrfOffForm | null {
  const name = module.codeAt(offset, 'csrf'.length);
  const parent = name ? parentOf(name) : null;
  if (!name || !parent) return null;
  if (parent.type === 'assignment' && fieldOf(parent, 'left')?.id === name.id) {
    const meta = enclosingClass(parent);
    const form = meta && nameOf(meta) === 'Meta' ? enclosingClass(meta) : null;
    return form ? classSwitch(module, parent, form) : null;
  }
  if (parent.type !== 'keyword_argument' || fieldOf(parent, 'name')?.id !== name.id) return null;
  const dictCall = parentOf(parentOf(parent) as SyntaxNode);
  return dictCall?.type === 'call' && module.callee(dictCall) === 'builtins.dict' ? metaSwitch(module, parent, dictCall) : null;
}

/** `"csrf": False` in a dict given as meta. */
function dictionaryKey(module: PythonModule, offset: number): CsrfOffForm | null {
  const key = module.nodeAt(offset, offset + '"csrf"'.length);
  const pair = key.type === 'string' ? parentOf(key) : null;
  if (pair?.type !== 'pair' || fieldOf(pair, 'key')?.id !== key.id || fieldOf(pair, 'value')?.type !== 'false') return null;
  const dictionary = parentOf(pair);
  return dictionary?.type === 'dictionary' ? metaSwitch(module, pair, dictionary) : null;
}

/**
 * A meta dict (`{...}` or `dict(...)`) switches the token off where it is handed to WTForms:
 * `Form(meta=...)` for one instantiation; `super().__init__(meta=...)`, `kwargs["meta"] = ...`
 * or `kwargs.setdefault("meta", ...)` inside a form class for the whole class.
 */
function metaSwitch(module: PythonModule, node: SyntaxNode, meta: SyntaxNode): CsrfOffForm | null {
  const holder = parentOf(meta);
  if (!holder) return null;
  if (holder.type === 'keyword_argument' && fieldOf(holder, 'name')?.text === 'meta') {
    const call = parentOf(parentOf(holder) as SyntaxNode);
    if (call?.type !== 'call') return null;
    const callee = fieldOf(call, 'function');
    if (callee?.type === 'attribute' && fieldOf(callee, 'attribute')?.text === '__init__') {
      const form = outerClass(call);
      return form ? classSwitch(module, node, form) : null;
    }
    return instantiationSwitch(module, node, call);
  }
  const setsMetaItem =
    (holder.type === 'assignment' && /\[\s*["']meta["']\s*\]$/.test(fieldOf(holder, 'left')?.text ?? '')) ||
    (holder.type === 'argument_list' && isSetdefault(holder, 'meta'));
  const form = setsMetaItem ? outerClass(holder) : null;
  return form ? classSwitch(module, node, form) : null;
}

/** `kwargs.setdefault("<key>", …)` */
function isSetdefault(argumentList: SyntaxNode, key: string): boolean {
  const call = parentOf(argumentList);
  const callee = call?.type === 'call' ? fieldOf(call, 'function') : null;
  return callee?.type === 'attribute' && fieldOf(callee, 'attribute')?.text === 'setdefault' && stringValue(argumentList.namedChild(0)) === key;
}

function classSwitch(module: PythonModule, node: SyntaxNode, form: SyntaxNode): CsrfOffForm {
  return { node, kind: formKind(module, form, 0), formName: nameOf(form), form: { module, node: form } };
}

function instantiationSwitch(module: PythonModule, node: SyntaxNode, call: SyntaxNode): CsrfOffForm {
  const callee = module.callee(call);
  const definition = callee ? module.definitionOf(callee) : undefined;
  const kind: FormKind =
    callee === 'flask_wtf.FlaskForm' ? 'flask-wtf' : definition?.node.type === 'class_definition' ? formKind(definition.module, definition.node, 0) : 'unknown';
  const formName = fieldOf(call, 'function')?.text ?? 'form';
  return { node, kind, formName, instantiation: call };
}

/** Follows a class's bases through the analyzed modules to FlaskForm or WTForms' Form. */
export function formKind(module: PythonModule, cls: SyntaxNode, depth: number): FormKind {
  let kind: FormKind = 'other';
  for (const base of module.classBases(cls)) {
    if (base === 'flask_wtf.FlaskForm') return 'flask-wtf';
    if (base.startsWith('wtforms.')) return 'wtforms';
    const definition = module.definitionOf(base);
    const inherited =
      definition?.node.type === 'class_definition'
        ? depth < MAX_DEPTH
          ? formKind(definition.module, definition.node, depth + 1)
          : 'unknown'
        : module.isProjectImport(base) && !base.startsWith('builtins.')
          ? 'unknown'
          : 'other';
    if (inherited === 'flask-wtf' || inherited === 'wtforms') return inherited;
    if (inherited === 'unknown') kind = 'unknown';
  }
  return kind;
}

/** Does the form class feed itself from the query string (`kwargs["formdata"] = request.args`, the search-form recipe)? */
export function readsQueryString(module: PythonModule, form: SyntaxNode): boolean {
  return module.search(/\brequest\s*\.\s*args\b/g, form).some((match) => {
    const args = module.nodeAt(match.index, match.index + match[0].length);
    if (module.resolve(args) !== 'flask.request.args') return false;
    const holder = parentOf(args);
    if (!holder) return false;
    if (holder.type === 'keyword_argument') return fieldOf(holder, 'name')?.text === 'formdata';
    if (holder.type === 'assignment') return /\[\s*["']formdata["']\s*\]$/.test(fieldOf(holder, 'left')?.text ?? '');
    return holder.type === 'argument_list' && (isSetdefault(holder, 'formdata') || isInitWith(holder, args));
  });
}

/** `super().__init__(request.args, …)`: the form data is the first positional argument. */
function isInitWith(argumentList: SyntaxNode, first: SyntaxNode): boolean {
  const callee = fieldOf(parentOf(argumentList) as SyntaxNode, 'function');
  return callee?.type === 'attribute' && fieldOf(callee, 'attribute')?.text === '__init__' && argumentList.namedChild(0)?.id === first.id;
}

/**
 * Is this instantiation of a form one no other site can submit: fed from the query string or
 * inside a view that only answers GET (or HEAD/OPTIONS), which Flask-WTF never checks anyway, or
 * inside a command-line command (`@app.cli.command()`, `@click.command()`), where no browser is.
 */
export function isUncheckedUse(module: PythonModule, call: SyntaxNode): boolean {
  const args = callArguments(call);
  const formdata = args.keywords.get('formdata')?.value ?? args.positional[0] ?? null;
  if (formdata && module.resolve(unwrap(formdata)) === 'flask.request.args') return true;
  const route = module.flask.routeAround(call);
  if (route) return [...route.methods].every((m) => UNCHECKED_METHODS.has(m));
  return isInCommand(module, call);
}

function isInCommand(module: PythonModule, node: SyntaxNode): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    for (const decorator of decoratorsOf(fn)) {
      const target = decorator.type === 'call' ? fieldOf(decorator, 'function') : decorator;
      if (target?.type === 'attribute' && COMMAND_DECORATORS.has(fieldOf(target, 'attribute')?.text ?? '')) return true;
      if (/^(click|flask\.cli)\./.test(module.resolve(target) ?? '')) return true;
    }
  }
  return false;
}

/** Where a form class is instantiated in the analyzed modules, outside development and test code. */
export function instantiationsOf(form: { module: PythonModule; node: SyntaxNode }): { module: PythonModule; call: SyntaxNode }[] {
  const name = nameOf(form.node);
  const qualified = `${form.module.name}.${name}`;
  const pattern = new RegExp(`\\b${escapeRegExp(name)}\\s*\\(`, 'g');
  const uses: { module: PythonModule; call: SyntaxNode }[] = [];
  for (const module of form.module.projectModules()) {
    if (!module.text.includes(name)) continue;
    for (const match of module.search(pattern)) {
      const identifier = module.codeAt(match.index, name.length);
      const parent = identifier ? parentOf(identifier) : null;
      const callee = parent?.type === 'attribute' && fieldOf(parent, 'attribute')?.id === identifier?.id ? parent : identifier;
      const call = callee ? parentOf(callee) : null;
      if (call?.type !== 'call' || fieldOf(call, 'function')?.id !== callee?.id || module.callee(call) !== qualified) continue;
      if (!isDevelopmentOrTesting(module.environmentOf(call))) uses.push({ module, call });
    }
  }
  return uses;
}
