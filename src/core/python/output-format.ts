/**
 * Branches by output format: `if output_format == 'html': … else: …` (or `fmt != "json"`,
 * `format in ("csv", "rss")`). A view that serves several formats escapes for HTML in one
 * branch and builds plain text for JSON, CSV or feeds in another; what the other branch binds
 * never reaches an HTML page.
 */
import { fieldOf, parentOf } from './nav.js';
import type { SyntaxNode } from './parser.js';
import { stringValue } from './syntax.js';

const FORMATS = new Set(['html', 'htm', 'json', 'csv', 'rss', 'atom', 'xml', 'txt', 'text', 'plain', 'yaml', 'tsv']);

/** The formats a condition selects: `x == "json"` selects json, `x != "html"` everything but html. */
interface FormatTest {
  formats: Set<string>;
  negated: boolean;
}

function formatTest(condition: SyntaxNode | null): FormatTest | undefined {
  if (condition?.type !== 'comparison_operator' || condition.namedChildCount !== 2) return undefined;
  const operator = condition.children.find((c) => !c.isNamed)?.text.replace(/\s+/g, ' ');
  const [left, right] = condition.namedChildren as [SyntaxNode, SyntaxNode];
  const literal = stringValue(right) !== undefined ? right : stringValue(left) !== undefined ? left : right;
  const values = literal.type === 'tuple' || literal.type === 'list' || literal.type === 'set' ? literal.namedChildren.map(stringValue) : [stringValue(literal)];
  if (values.length === 0 || !values.every((v) => v !== undefined && FORMATS.has(v.toLowerCase()))) return undefined;
  const formats = new Set(values.map((v) => (v as string).toLowerCase()));
  if (operator === '==' || operator === 'in') return { formats, negated: false };
  if (operator === '!=' || operator === 'not in') return { formats, negated: true };
  return undefined;
}

/** Whether a branch taken when `test` holds serves only formats other than HTML. */
function excludesHtml(test: FormatTest): boolean {
  const html = test.formats.has('html') || test.formats.has('htm');
  return test.negated ? html : !html;
}

/** Whether a condition chose HTML: the alternatives after it never serve HTML. */
function choseHtml(test: FormatTest | undefined): boolean {
  return test !== undefined && !test.negated && (test.formats.has('html') || test.formats.has('htm'));
}

/** Whether `node` sits in a branch that only runs for an output format other than HTML. */
export function inNonHtmlBranch(node: SyntaxNode): boolean {
  // Through the cached navigation: the bindings of a template name share their ancestors.
  for (let child = node, parent = parentOf(node); parent; child = parent, parent = parentOf(parent)) {
    if (parent.type !== 'if_statement' && parent.type !== 'elif_clause') continue;
    if (fieldOf(parent, 'consequence')?.id === child.id) {
      const test = formatTest(fieldOf(parent, 'condition'));
      if (test && excludesHtml(test)) return true;
    } else if (parent.type === 'if_statement' && (child.type === 'else_clause' || child.type === 'elif_clause')) {
      // An alternative runs only when every condition before it was false.
      const before = [parent, ...parent.children.filter((c) => c.type === 'elif_clause' && c.startIndex < child.startIndex)];
      if (before.some((branch) => choseHtml(formatTest(branch.childForFieldName('condition'))))) return true;
    }
  }
  return false;
}
