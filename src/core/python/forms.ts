/**
 * WTForms and Flask-WTF forms in a view: which form class a variable holds (`form = PhotoForm()`),
 * which field `form.photo` names, and what that field's `.data` holds. A FlaskForm fills its fields
 * from the request (request.form and request.files) when the request is a submission; a plain
 * `wtforms.Form` from the formdata it is given (`LoginForm(request.form)`).
 */
import { formKind, type FormKind } from './flask-wtf.js';
import { fieldOf, parentOf } from './nav.js';
import { escapeRegExp, type PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { callArguments, enclosingClass, literalValue, nameOf, unwrap } from './syntax.js';

/**
 * What a field's `.data` holds:
 * - `text`: what the client typed (StringField, TextAreaField, HiddenField, custom fields…);
 * - `upload`: a werkzeug FileStorage (FileField) or a list of them (MultipleFileField);
 * - `choice`: a SelectField/RadioField value, one of its choices once the form is validated;
 * - `value`: a number, date or boolean (IntegerField, DateField, BooleanField…), or a model object
 *   chosen from a query (QuerySelectField): no text the client wrote;
 * - `unknown`: the form class is not among the analyzed files, so the field cannot be looked up.
 */
export type FieldData = 'text' | 'upload' | 'choice' | 'value' | 'unknown';

export interface FormField {
  name: string;
  data: FieldData;
  /** The field's declaration call (`FileField(validators=[...])`); null for `unknown`. */
  declaration: SyntaxNode | null;
  /** The form class that declares it and its module; null for `unknown`. */
  form: { module: PythonModule; node: SyntaxNode } | null;
}

/** A form object in a view: `form = PhotoForm()` or `form = LoginForm(request.form)`. */
export interface FormInstance {
  /** The variable that holds it. */
  variable: string;
  /** A FlaskForm reads the request by itself; a plain wtforms.Form only what `formdata` passes. */
  reads: 'request' | 'formdata';
  /** The `formdata` argument of the constructor, when given. */
  formdata: SyntaxNode | null;
  /** The form class; null when it is imported from a module outside the analysis. */
  form: { module: PythonModule; node: SyntaxNode } | null;
}

/** A read of form data: `form.photo.data` (a field), `form.data` (every field, `field` null). */
export interface FormRead {
  instance: FormInstance;
  field: FormField | null;
}

const UPLOAD_FIELDS = new Set(['FileField', 'MultipleFileField']);
const CHOICE_FIELDS = new Set(['SelectField', 'SelectMultipleField', 'RadioField']);
const VALUE_FIELDS = new Set([
  'IntegerField', 'DecimalField', 'FloatField', 'BooleanField', 'SubmitField', 'DateField', 'DateTimeField',
  'DateTimeLocalField', 'TimeField', 'MonthField', 'WeekField', 'IntegerRangeField', 'DecimalRangeField',
  // WTForms-SQLAlchemy / WTForms-Alchemy: the data is a model object the query returned.
  'QuerySelectField', 'QuerySelectMultipleField', 'QueryRadioField', 'QueryCheckboxField', 'ModelSelectField',
  'ModelSelectMultipleField',
]);
/** `coerce=int` turns a choice into a number (or leaves the field empty). */
const NUMBER_COERCIONS = new Set(['builtins.int', 'builtins.float', 'builtins.bool']);
const MAX_DEPTH = 6;

export class FormModel {
  private readonly instances = new Map<string, FormInstance | null>();
  private readonly fields = new Map<string, FormField | null>();

  constructor(private readonly module: PythonModule) {}

  /**
   * The form data `node` reads, when it is `<form>.<field>.data` / `.raw_data`, `<form>["field"].data`
   * or `<form>.data` on a form object bound in the same scope; null for anything else.
   */
  readAt(node: SyntaxNode): FormRead | null {
    if (node.type !== 'attribute') return null;
    const object = fieldOf(node, 'object');
    if (!object) return null;
    const attribute = fieldOf(node, 'attribute')?.text;
    if (object.type === 'identifier') {
      if (attribute !== 'data') return null;
      const instance = this.instanceOf(object);
      return instance ? { instance, field: null } : null;
    }
    if (attribute !== 'data' && attribute !== 'raw_data') return null;
    const holder = object.type === 'attribute' ? fieldOf(object, 'object') : object.type === 'subscript' ? fieldOf(object, 'value') : null;
    const name = object.type === 'attribute' ? fieldOf(object, 'attribute')?.text : literalString(fieldOf(object, 'subscript'));
    if (holder?.type !== 'identifier' || !name) return null;
    const instance = this.instanceOf(holder);
    if (!instance) return null;
    if (!instance.form) return { instance, field: { name, data: 'unknown', declaration: null, form: null } };
    const field = this.field(instance.form, name);
    return field ? { instance, field } : null;
  }

  private field(form: { module: PythonModule; node: SyntaxNode }, name: string): FormField | null {
    const key = `${form.module.path}:${form.node.id}:${name}`;
    let field = this.fields.get(key);
    if (field === undefined) {
      field = declaredField(form.module, form.node, name, 0);
      this.fields.set(key, field);
    }
    return field;
  }

  /** The form object an identifier holds: the last assignment before it calls a form class. */
  private instanceOf(identifier: SyntaxNode): FormInstance | null {
    const binding = this.module.bindingAt(identifier.text, identifier);
    if (binding?.kind !== 'assign' || binding.value?.type !== 'call') return null;
    const call = binding.value;
    const key = `${call.id}:${identifier.text}`;
    const cached = this.instances.get(key);
    if (cached !== undefined) return cached;
    const instance = this.construct(identifier.text, call);
    this.instances.set(key, instance);
    return instance;
  }

  private construct(variable: string, call: SyntaxNode): FormInstance | null {
    const callee = fieldOf(call, 'function');
    const calleeName = callee?.type === 'attribute' ? fieldOf(callee, 'attribute')?.text : callee?.text;
    // Classes are CapWords: `client.get(...)`, `json.loads(...)` are settled without resolving names.
    if (!callee || !calleeName || !/^[A-Z]/.test(calleeName)) return null;
    const qualified = this.module.resolve(callee);
    if (!qualified) return null;
    const args = callArguments(call);
    const formdata = args.keywords.get('formdata')?.value ?? args.positional[0] ?? null;
    const definition = this.module.definitionOf(qualified);
    if (definition?.node.type === 'class_definition') {
      const reads = readsFrom(formKind(definition.module, definition.node, 0), calleeName);
      return reads ? { variable, reads, formdata, form: definition } : null;
    }
    // A form class of the project whose module is not analyzed (a pull request that changes only the view).
    if (!definition && this.module.isProjectImport(qualified) && /Form$/.test(calleeName))
      return { variable, reads: 'request', formdata, form: null };
    return null;
  }
}

/**
 * A FlaskForm reads the request itself, a WTForms form only its formdata. A class whose bases are
 * outside the analysis counts as a FlaskForm when its name says it is a form (`PhotoForm(BaseForm)`):
 * that is what Flask applications derive their forms from.
 */
function readsFrom(kind: FormKind, className: string): FormInstance['reads'] | null {
  if (kind === 'flask-wtf') return 'request';
  if (kind === 'wtforms') return 'formdata';
  return kind === 'unknown' && /Form$/.test(className) ? 'request' : null;
}

/** The field `name` declared in the class body (`photo = FileField(...)`) or in a base form of the project. */
function declaredField(module: PythonModule, cls: SyntaxNode, name: string, depth: number): FormField | null {
  if (depth > MAX_DEPTH) return null;
  // Searched in the whole class: its body node starts after the first line's indentation.
  for (const match of module.search(new RegExp(`^[ \\t]+(${escapeRegExp(name)})[ \\t]*=(?!=)`, 'gm'), cls)) {
    const at = match.index + match[0].indexOf(name);
    const assignment = module.codeAt(at, name.length)?.parent;
    const value = assignment?.type === 'assignment' ? fieldOf(assignment, 'right') : null;
    if (!assignment || !value || enclosingClass(assignment)?.id !== cls.id) continue;
    const declaration = unwrap(value);
    if (declaration.type !== 'call') return null;
    return { name, data: fieldData(module, declaration), declaration, form: { module, node: cls } };
  }
  for (const base of module.classBases(cls)) {
    const definition = module.definitionOf(base);
    if (definition?.node.type !== 'class_definition') continue;
    const inherited = declaredField(definition.module, definition.node, name, depth + 1);
    if (inherited) return inherited;
  }
  return null;
}

function fieldData(module: PythonModule, declaration: SyntaxNode): FieldData {
  const fieldClass = knownFieldClass(module, fieldOf(declaration, 'function'), 0);
  if (UPLOAD_FIELDS.has(fieldClass)) return 'upload';
  if (VALUE_FIELDS.has(fieldClass)) return 'value';
  if (CHOICE_FIELDS.has(fieldClass)) {
    const coerce = argumentOf(declaration, 'coerce', 2);
    return coerce && NUMBER_COERCIONS.has(module.resolve(coerce) ?? '') ? 'value' : 'choice';
  }
  return 'text';
}

/** The WTForms class name a field class is, or derives from (`class TagField(StringField)`). */
function knownFieldClass(module: PythonModule, callee: SyntaxNode | null, depth: number): string {
  const qualified = module.resolve(callee) ?? callee?.text ?? '';
  const definition = depth < MAX_DEPTH ? module.definitionOf(qualified) : undefined;
  if (definition?.node.type === 'class_definition') {
    const superclasses = fieldOf(definition.node, 'superclasses');
    for (const base of superclasses?.namedChildren ?? []) {
      const known = knownFieldClass(definition.module, base, depth + 1);
      if (UPLOAD_FIELDS.has(known) || VALUE_FIELDS.has(known) || CHOICE_FIELDS.has(known)) return known;
    }
    return nameOf(definition.node);
  }
  return qualified.split('.').pop() ?? '';
}

/**
 * Once validated, a choice field holds one of its choices: constrained when those choices are
 * constants written in the declaration (and the view does not replace them, nor switch the check off).
 */
export function hasConstantChoices(field: FormField, viewModule: PythonModule): boolean {
  const declaration = field.declaration;
  if (field.data !== 'choice' || !field.form || !declaration) return false;
  const validateChoice = literalValue(argumentOf(declaration, 'validate_choice', 4));
  if (validateChoice?.kind === 'bool' && !validateChoice.value) return false;
  if (new RegExp(`\\.${escapeRegExp(field.name)}\\s*\\.\\s*choices\\s*=(?!=)`).test(viewModule.text)) return false;
  const choices = argumentOf(declaration, 'choices', 3);
  return choices !== null && isConstant(field.form.module, choices, 0);
}

/**
 * Does an upload field have an extension allow-list, `FileAllowed([...])`, in its declaration or in
 * a validator list it names (`FileField(validators=IMAGE_VALIDATORS)`)?
 */
export function hasFileAllowed(field: FormField): boolean {
  if (!field.declaration || !field.form) return false;
  const { module } = field.form;
  const args = callArguments(field.declaration);
  const named = [...args.positional, ...[...args.keywords.values()].map((k) => k.value)]
    .filter((arg) => arg.type === 'identifier')
    .map((name) => module.bindingAt(name.text, name))
    .map((binding) => (binding?.kind === 'assign' ? binding.value : null));
  return [field.declaration, ...named].some(
    (node) =>
      node !== null &&
      module.search(/\bFileAllowed\s*\(/g, node).some((m) => {
        const name = module.codeAt(m.index, 'FileAllowed'.length);
        return name !== null && module.resolve(name) === 'flask_wtf.file.FileAllowed';
      }),
  );
}

/** The form's inline validator for the field (`def validate_photo(self, field)`), which validate() runs too. */
export function inlineValidator(field: FormField): { module: PythonModule; node: SyntaxNode } | null {
  if (!field.form) return null;
  const { module, node } = field.form;
  for (const match of module.search(new RegExp(`\\bdef\\s+validate_${escapeRegExp(field.name)}\\s*\\(`, 'g'), node)) {
    const name = module.codeAt(match.index + match[0].indexOf('validate_'), `validate_${field.name}`.length);
    const fn = name ? parentOf(name) : null;
    if (fn?.type === 'function_definition' && enclosingClass(fn)?.id === node.id) return { module, node: fn };
  }
  return null;
}

/**
 * Has the form been validated where `at` runs? Inside `if form.validate_on_submit():` (or
 * `form.validate()`, also as part of an `and`), in the `else` of `if not form.validate():`, or after
 * `if not form.validate_on_submit(): return ...` in an enclosing block.
 */
export function isValidatedAt(variable: string, at: SyntaxNode): boolean {
  // A text test first: most enclosing statements do not name the validation at all.
  const mentions = new RegExp(`(?<![\\w.])${escapeRegExp(variable)}\\s*\\.\\s*validate(_on_submit)?\\s*\\(`);
  let child = at;
  for (let n = parentOf(at); n && !['function_definition', 'lambda', 'class_definition', 'module'].includes(n.type); child = n, n = parentOf(n)) {
    if (n.type === 'block') {
      for (const statement of n.namedChildren) {
        if (statement.startIndex >= child.startIndex) break;
        if (statement.type === 'if_statement' && mentions.test(statement.text) && exits(fieldOf(statement, 'consequence')) && implies(fieldOf(statement, 'condition'), false, variable))
          return true;
      }
      continue;
    }
    // elif and else clauses depend on the conditions of their if statement.
    const statement = n.type === 'elif_clause' || n.type === 'else_clause' ? parentOf(n) : n;
    if (statement?.type !== 'if_statement' || !mentions.test(statement.text)) continue;
    if (n.type === 'if_statement' && fieldOf(n, 'consequence')?.id === child.id) {
      if (implies(fieldOf(n, 'condition'), true, variable)) return true;
    } else if (n.type === 'elif_clause' && fieldOf(n, 'consequence')?.id === child.id) {
      if (implies(fieldOf(n, 'condition'), true, variable) || earlierConditions(n).some((c) => implies(c, false, variable))) return true;
    } else if (n.type === 'else_clause') {
      if (earlierConditions(n).some((c) => implies(c, false, variable))) return true;
    }
  }
  return false;
}

/** Does `condition` having this truth value mean the form validated? */
function implies(condition: SyntaxNode | null, truth: boolean, variable: string): boolean {
  if (!condition) return false;
  const node = unwrap(condition);
  switch (node.type) {
    case 'call': {
      const callee = fieldOf(node, 'function');
      const method = callee?.type === 'attribute' ? fieldOf(callee, 'attribute')?.text : undefined;
      return truth && (method === 'validate' || method === 'validate_on_submit') && fieldOf(callee as SyntaxNode, 'object')?.text === variable;
    }
    case 'not_operator':
      return implies(fieldOf(node, 'argument'), !truth, variable);
    case 'boolean_operator': {
      const left = fieldOf(node, 'left');
      const right = fieldOf(node, 'right');
      const isAnd = fieldOf(node, 'operator')?.type === 'and';
      // `a and b` true: both true; `a or b` false: both false — either side is enough.
      if (isAnd === truth) return implies(left, truth, variable) || implies(right, truth, variable);
      return implies(left, truth, variable) && implies(right, truth, variable);
    }
    default:
      return false;
  }
}

/** The conditions of the `if` and of the `elif`s before an elif or else clause. */
function earlierConditions(clause: SyntaxNode): SyntaxNode[] {
  const statement = parentOf(clause);
  if (statement?.type !== 'if_statement') return [];
  const out: SyntaxNode[] = [];
  const first = fieldOf(statement, 'condition');
  if (first) out.push(first);
  for (const alternative of statement.childrenForFieldName('alternative')) {
    if (alternative.id === clause.id) break;
    const condition = alternative.type === 'elif_clause' ? fieldOf(alternative, 'condition') : null;
    if (condition) out.push(condition);
  }
  return out;
}

/** Does the block always leave (return, raise, abort(), continue, break)? Judged by its last statement. */
function exits(block: SyntaxNode | null): boolean {
  const last = block?.namedChildren.filter((c) => c.type !== 'comment').pop();
  if (!last) return false;
  if (['return_statement', 'raise_statement', 'continue_statement', 'break_statement'].includes(last.type)) return true;
  return last.type === 'expression_statement' && /^(flask\.)?abort\s*\(/.test(last.text);
}

/** A literal, or a list/tuple/set/dict of them, or a name bound once to one. */
function isConstant(module: PythonModule, node: SyntaxNode, depth: number): boolean {
  const value = unwrap(node);
  if (literalValue(value) !== undefined) return true;
  if (depth > MAX_DEPTH) return false;
  switch (value.type) {
    case 'list':
    case 'tuple':
    case 'set':
    case 'dictionary':
    case 'pair':
      return value.namedChildren.every((c) => c.type === 'comment' || isConstant(module, c, depth + 1));
    case 'identifier': {
      const binding = module.bindingAt(value.text, value);
      return binding?.kind === 'assign' && binding.value !== null && isConstant(module, binding.value, depth + 1);
    }
    default:
      return false;
  }
}

function argumentOf(call: SyntaxNode, name: string, position: number): SyntaxNode | null {
  const args = callArguments(call);
  return args.keywords.get(name)?.value ?? args.positional[position] ?? null;
}

function literalString(node: SyntaxNode | null): string | undefined {
  const literal = literalValue(node);
  return literal?.kind === 'str' ? literal.value : undefined;
}
