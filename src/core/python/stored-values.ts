/**
 * Values read from the database: a field of a record a query returned (`Post.query.get(id).body`,
 * `db.session.get(Post, id).body`, `post.body` after `post = Post.query.filter_by(...).first()`,
 * a loop over `Post.query.all()`), a column of a row a cursor fetched (`cursor.fetchone()["body"]`),
 * or a field of a model instance (`self.body` in a model method). What users wrote earlier comes
 * back from there: HTML marked safe from such a value is stored XSS when a user can write it.
 */
import type { PythonModule } from './module.js';
import { parentOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { outerClass, stringValue, unwrap } from './syntax.js';

export interface StoredValue {
  /** `post.body`, `row["body"]`. */
  description: string;
  /** The field or column: `body`. */
  field: string;
}

/** Calls that return records: Flask-SQLAlchemy and SQLAlchemy queries, DB-API cursors, peewee and MongoEngine. */
const RECORD_CALL = new RegExp(
  [
    String.raw`\b[A-Z]\w*\.query\.\w+`,
    String.raw`\bdb\.session\.(?:query|get|execute|scalars?|get_one)\b`,
    String.raw`\b\w*session\.(?:query|execute|scalars?|get_one)\s*\(`,
    String.raw`\.(?:fetchone|fetchall|fetchmany)(?:\s*\(|$)`,
    String.raw`\b(?:get|first|one)_or_404(?:\s*\(|$)`,
    String.raw`\b[A-Z]\w*\.(?:objects\b|get_or_none\s*\(|get_by_id\s*\(|select\s*\()`,
  ].join('|'),
);
/** Base classes of ORM models; a declarative `Base` counts when the class maps a table. */
const MODEL_BASE = /(?:^|\.)(?:Model|DeclarativeBase|SQLModel|Document|DynamicDocument)$/;
const DECLARATIVE_BASE = /(?:^|\.)Base$/;
const MAPS_TABLE = /__tablename__|\bColumn\(|\bmapped_column\(/;
const MAX_DEPTH = 4;

/** The stored value `node` is (through `str()`, `.unescape()` and a local name), or undefined. */
export function storedValue(module: PythonModule, node: SyntaxNode, depth = 0): StoredValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const value = unwrap(node);
  switch (value.type) {
    case 'attribute': {
      const field = value.childForFieldName('attribute')?.text ?? '';
      const object = value.childForFieldName('object');
      const model = object ? recordOf(module, object, depth + 1) : undefined;
      if (model === undefined || (model && isNonTextColumn(model, field))) return undefined;
      return { description: value.text, field };
    }
    case 'subscript': {
      const object = value.childForFieldName('value');
      const key = value.childForFieldName('subscript');
      const field = stringValue(key) ?? key?.text ?? '';
      return object && recordOf(module, object, depth + 1) !== undefined ? { description: value.text, field } : undefined;
    }
    case 'identifier': {
      const binding = module.bindingAt(value.text, value);
      return binding?.kind === 'assign' && binding.value && binding.value.id !== value.id ? storedValue(module, binding.value, depth + 1) : undefined;
    }
    case 'call': {
      // `str(post.body)`, `Markup(post.body).unescape()`: the same text.
      const fn = value.childForFieldName('function');
      const inner = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'unescape' ? fn.childForFieldName('object') : fn?.text === 'str' ? value.childForFieldName('arguments')?.namedChild(0) : null;
      const wrapped = inner && inner.type === 'call' && inner.childForFieldName('function')?.text.endsWith('Markup') ? inner.childForFieldName('arguments')?.namedChild(0) : inner;
      return wrapped ? storedValue(module, wrapped, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

type ModelClass = { module: PythonModule; node: SyntaxNode };

/**
 * Does the expression hold a record from the database (or a model instance)? Undefined when it
 * does not; the model class when the code names it (`Post.query…`, `db.session.get(Post, id)`,
 * `self` in a model), else null.
 */
function recordOf(module: PythonModule, expr: SyntaxNode, depth: number): ModelClass | null | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(expr);
  if (node.type === 'call') {
    const fn = node.childForFieldName('function')?.text ?? '';
    if (RECORD_CALL.test(fn)) return modelNamed(module, node, /\b([A-Z]\w*)\.(?:query|objects|get_or_none|get_by_id|select)\b/.exec(fn)?.[1] ?? firstArgument(node));
    return modelOfInstance(module, node);
  }
  if (node.type === 'subscript') return recordOf(module, node.childForFieldName('value') as SyntaxNode, depth + 1);
  if (node.type === 'attribute') return modelOfInstance(module, node);
  if (node.type !== 'identifier') return undefined;
  if (node.text === 'self') {
    const cls = outerClass(node);
    return cls !== null && isModelClass(module, cls) ? { module, node: cls } : undefined;
  }
  const binding = module.bindingAt(node.text, node);
  if (binding?.kind !== 'assign') return modelOfInstance(module, node);
  if (binding.value) return binding.value.id !== node.id ? recordOf(module, binding.value, depth + 1) : undefined;
  // `for post in Post.query.all():` — a record of the collection.
  const loop = loopOver(binding.node);
  return loop ? recordOf(module, loop, depth + 1) : undefined;
}

/** `db.session.get(Post, id)`, `get_or_404(Post, id)`: the model is the first argument. */
function firstArgument(call: SyntaxNode): string | undefined {
  const first = call.childForFieldName('arguments')?.namedChild(0);
  return first?.type === 'identifier' && /^[A-Z]/.test(first.text) ? first.text : undefined;
}

function modelNamed(module: PythonModule, call: SyntaxNode, name: string | undefined): ModelClass | null {
  const identifier = name ? call.descendantsOfType('identifier').find((n) => n.text === name) : undefined;
  const resolved = identifier ? module.resolve(identifier) : null;
  const definition = resolved ? module.definitionOf(resolved) : undefined;
  return definition?.node.type === 'class_definition' ? definition : null;
}

/** Column types that hold no text a user could put markup in. */
const NOT_TEXT = /^(?:Integer|BigInteger|SmallInteger|Float|Numeric|Boolean|Date|DateTime|Time|Interval|Enum|int|float|bool|date|datetime|Decimal|UUID|IntField|FloatField|BooleanField|DateTimeField)$/;

/** Is the field a column the model declares with a number, date or boolean type? */
function isNonTextColumn(model: ModelClass, field: string): boolean {
  for (const statement of model.node.childForFieldName('body')?.namedChildren ?? []) {
    const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== field) continue;
    const declared = `${assignment.childForFieldName('type')?.text ?? ''} ${assignment.childForFieldName('right')?.text ?? ''}`;
    const type = /(?:Column|mapped_column|Field)\s*\(\s*(?:[\w.]+\.)?(\w+)|Mapped\[\s*(?:Optional\[)?\s*(\w+)|^\s*(?:[\w.]+\.)?(\w+Field)\s*\(/.exec(declared.trim());
    const name = type?.[1] ?? type?.[2] ?? type?.[3];
    return name !== undefined && NOT_TEXT.test(name);
  }
  return false;
}

/** The iterable of the `for` loop (or comprehension) that binds `name`. */
function loopOver(name: SyntaxNode): SyntaxNode | null {
  for (let n = parentOf(name); n; n = parentOf(n)) {
    if (n.type === 'for_statement' || n.type === 'for_in_clause') return n.childForFieldName('right');
    if (!['pattern_list', 'tuple_pattern', 'list_pattern'].includes(n.type)) return null;
  }
  return null;
}

/** An instance of a model class of the project (`Post(...)`, a name `resolve` types as one). */
function modelOfInstance(module: PythonModule, node: SyntaxNode): ModelClass | undefined {
  // A model's instance resolves to its library base (`db.Model()`): ask for the class called.
  const resolved = node.type === 'call' ? module.callee(node) : module.resolve(node);
  if (!resolved || (node.type !== 'call' && !resolved.endsWith('()'))) return undefined;
  const definition = module.definitionOf(resolved.replace(/\(\)$/, ''));
  return definition?.node.type === 'class_definition' && isModelClass(definition.module, definition.node) ? definition : undefined;
}

function isModelClass(module: PythonModule, cls: SyntaxNode): boolean {
  const bases = cls.childForFieldName('superclasses')?.namedChildren.map((b) => b.text) ?? [];
  const all = [...bases, ...module.classBases(cls)];
  return all.some((b) => MODEL_BASE.test(b)) || (all.some((b) => DECLARATIVE_BASE.test(b)) && MAPS_TABLE.test(cls.text));
}

/** `post.views` of a model that declares `views = db.Column(db.Integer)`: a number, date or boolean, no text. */
export function isNonTextField(module: PythonModule, node: SyntaxNode): boolean {
  const value = unwrap(node);
  const object = value.type === 'attribute' ? value.childForFieldName('object') : null;
  const model = object ? recordOf(module, object, 0) : undefined;
  return model !== undefined && model !== null && isNonTextColumn(model, value.childForFieldName('attribute')?.text ?? '');
}

/** `Post(title=…, body=…)`: a call that builds an instance of one of the project's models. */
export function isModelConstructor(module: PythonModule, call: SyntaxNode): boolean {
  return modelOfInstance(module, call) !== undefined;
}

/** WTForms fields whose data is no text: numbers, dates, booleans, files, records chosen from a query. */
const NON_TEXT_FIELD = /^(?:Integer|Decimal|Float|Boolean|Submit|Date|DateTime|DateTimeLocal|Time|Month|Week|IntegerRange|DecimalRange|File|MultipleFile|QuerySelect|QuerySelectMultiple|Select|SelectMultiple|Radio)Field$/;

/**
 * `form.populate_obj(post)` calls that write the field `name` from what the client submitted:
 * the form's class (built in the same function) declares a text field of that name.
 */
export function populateWrites(module: PythonModule, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const match of module.search(/\.\s*populate_obj\s*\(/g)) {
    const method = module.codeAt(match.index + match[0].indexOf('populate_obj'), 'populate_obj'.length);
    const call = method?.parent?.parent;
    const form = method?.parent?.type === 'attribute' ? method.parent.childForFieldName('object') : null;
    if (call?.type !== 'call' || form?.type !== 'identifier') continue;
    const binding = module.bindingAt(form.text, form);
    const built = binding?.kind === 'assign' && binding.value?.type === 'call' ? module.callee(binding.value) : null;
    const definition = built ? module.definitionOf(built) : undefined;
    if (definition?.node.type !== 'class_definition') continue;
    const declared = new RegExp(`^[ \\t]+${name}[ \\t]*=[ \\t]*(?:[\\w.]+\\.)?(\\w+)\\s*\\(`, 'm').exec(definition.node.text);
    if (declared && /Field$/.test(declared[1] as string) && !NON_TEXT_FIELD.test(declared[1] as string)) out.push(call);
  }
  return out;
}
