/**
 * Where the values a template outputs come from, as far as the project's Python shows: every
 * place that gives a name to a template — `render_template("page.html", body=…)`, a context dict
 * `{"body": …}` or `context["body"] = …`, a record field `result["content"] = …` or `post.body = …` — in the modules
 * that render templates. Template rules use it to decide the confidence of `|safe` and
 * `{% autoescape false %}`: request data is high, values that are already safe HTML (escaped,
 * sanitized, rendered by a renderer, literals) are low, anything else is of unknown origin.
 */
import type { ProjectModules } from './project.js';
import { isAdminOnly } from './python/admin-only.js';
import type { PythonModule } from './python/module.js';
import type { SyntaxNode } from './python/parser.js';
import { literalValue } from './python/syntax.js';

export type ValueOrigin =
  /** `adminOnly`: every view that gives the name request data is one only administrators reach. */
  | { kind: 'request'; description: string; adminOnly?: boolean }
  /** Every value the project gives the name is safe HTML or plain constant text. */
  | { kind: 'safe'; description: string }
  | { kind: 'unknown' };

/** Modules that hand values to templates. */
const RENDERS = /\brender_template(?:_string)?\s*\(|\bstream_template\s*\(|\.render\s*\(|\bget_template\s*\(/;
/** Functions whose output is HTML they built and escaped themselves: escapers, sanitizers, renderers of code and markup. */
const SAFE_HTML_CALL = /(?:^|[._])(?:escape\w*|sanitiz\w*|clean\w*|bleach\w*|linkify|highlight\w*|render\w*|markdown\w*|markup|Markup|url_for)$/;
const SAFE_CALLS = new Set(['markupsafe.escape', 'markupsafe.Markup', 'html.escape', 'bleach.clean', 'bleach.linkify', 'nh3.clean', 'flask.render_template', 'flask.url_for', 'pygments.highlight']);
/** Keyword arguments that are not template variables. */
const NOT_VARIABLES = new Set(['status', 'mimetype', 'content_type', 'headers']);

export class TemplateValues {
  private readonly cache = new Map<string, ValueOrigin>();

  constructor(private readonly project: ProjectModules) {}

  /**
   * The origin of what the project gives a template variable or field: `name` is the variable
   * (`rendered_code`) or the last attribute of the output (`content` of `result.content`).
   */
  originOf(name: string): ValueOrigin {
    let origin = this.cache.get(name);
    if (!origin) {
      origin = this.find(name);
      this.cache.set(name, origin);
    }
    return origin;
  }

  private find(name: string): ValueOrigin {
    if (!/^[A-Za-z_]\w*$/.test(name) || NOT_VARIABLES.has(name)) return { kind: 'unknown' };
    const pattern = new RegExp(`\\b${name}\\s*=(?!=)|["']${name}["']\\s*(?::|\\]\\s*=(?!=))`, 'g');
    const safe = new Set<string>();
    let bound = false;
    // Request data given only by views that administrators alone reach.
    let adminOnly: string | undefined;
    for (const module of this.project.all()) {
      if (!module.text.includes(name) || !RENDERS.test(module.text)) continue;
      for (const match of module.search(pattern)) {
        const value = boundValue(module, match.index, name);
        if (value === undefined) continue;
        const request = module.flow.requestData(value, 'html');
        // `x.value = "GET"` says nothing about every other object with a `value`: attribute writes count only as request data.
        if (!request && isAttributeWrite(value)) continue;
        bound = true;
        if (request) {
          if (!isAdminOnly(module, value)) return { kind: 'request', description: `${request.description} (${module.path})` };
          adminOnly ??= `${request.description} (${module.path})`;
          continue;
        }
        const why = safeHtml(module, value);
        if (!why) return { kind: 'unknown' };
        safe.add(why);
      }
    }
    if (adminOnly) return { kind: 'request', description: adminOnly, adminOnly: true };
    return bound ? { kind: 'safe', description: [...safe].join(', ') } : { kind: 'unknown' };
  }
}

/**
 * The origin of an output like `result.content` or `rendered_code`: request data bound to the
 * variable or to its last field decides; otherwise the field (or the bare variable) does.
 */
export function originOfOutput(values: TemplateValues, path: string): ValueOrigin {
  const names = path.split('.');
  const field = names[names.length - 1] as string;
  const root = names[0] as string;
  const ofField = values.originOf(field);
  if (ofField.kind === 'request' || root === field) return ofField;
  const ofRoot = values.originOf(root);
  return ofRoot.kind === 'request' ? ofRoot : ofField;
}

/** The expression bound to `name` at a match: a keyword argument, a dict pair, or a subscript assignment. */
function boundValue(module: PythonModule, offset: number, name: string): SyntaxNode | undefined {
  const start = module.text.indexOf(name, offset);
  for (let n: SyntaxNode | null = module.nodeAt(start, start + name.length); n && n.type !== 'module'; n = n.parent) {
    if (n.type === 'keyword_argument') return n.childForFieldName('name')?.text === name ? (n.childForFieldName('value') ?? undefined) : undefined;
    if (n.type === 'pair') return n.childForFieldName('value') ?? undefined;
    // `post.body = request.form["body"]`: a record field written by a view.
    if (n.type === 'attribute') {
      const assignment = n.parent;
      const written = assignment?.type === 'assignment' && assignment.childForFieldName('left')?.id === n.id && n.childForFieldName('attribute')?.text === name;
      return written ? (assignment.childForFieldName('right') ?? undefined) : undefined;
    }
    if (n.type === 'subscript') {
      const assignment = n.parent;
      return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.id === n.id ? (assignment.childForFieldName('right') ?? undefined) : undefined;
    }
    if (n.type === 'call' || n.type === 'assignment' || n.type.endsWith('statement')) return undefined;
  }
  return undefined;
}

function isAttributeWrite(value: SyntaxNode): boolean {
  return value.parent?.type === 'assignment' && value.parent.childForFieldName('left')?.type === 'attribute';
}

/** Why a value is safe HTML (or plain constant text), or undefined when that cannot be told. */
export function safeHtml(module: PythonModule, value: SyntaxNode): string | undefined {
  if (literalValue(value) !== undefined) return 'constants';
  if (value.type === 'conditional_expression') {
    const parts = value.namedChildren.filter((_, i) => i !== 1).map((branch) => safeHtml(module, branch));
    return parts.every(Boolean) ? parts.join(', ') : undefined;
  }
  if (value.type !== 'call') return undefined;
  const callee = module.callee(value);
  const text = value.childForFieldName('function')?.text ?? '';
  if ((callee && SAFE_CALLS.has(callee)) || SAFE_HTML_CALL.test(text)) return `the output of ${text}()`;
  return undefined;
}
