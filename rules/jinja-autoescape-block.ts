import { jinjaTags, type JinjaTag, type JinjaToken } from '../src/core/jinja.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

const OFF = new Set(['false', 'False', 'none', 'None', '0']);
const LITERAL_NAMES = /^(true|false|none|and|or|not|in|is|if|else)$/i;

export const jinjaAutoescapeBlock: Rule = {
  meta: {
    id: 'jinja-autoescape-block',
    code: 'FG406',
    category: 'template-rendering',
    severity: 'medium',
    confidence: 'medium',
    confidenceNote:
      'Medium: the variables inside may be trusted HTML; high when a variable is request data, low when it is developer-defined or already-safe HTML.',
    title: 'An autoescape-false block around template variables',
    threats: [THREATS.xss],
    why:
      '`{% autoescape false %}` switches escaping off for everything up to `{% endautoescape %}`: each ' +
      '`{{ variable }}` inside is sent to the browser as raw HTML, and any user-controlled part of it runs as ' +
      'script. Blocks that output only literals, translations or macro calls are not reported. Keep escaping on ' +
      'and mark the one value that really is sanitized HTML with Markup in Python.',
    example: '{% autoescape false %}\n  <div>{{ page.body }}</div>\n{% endautoescape %}',
    useInstead: '<div>{{ page.body }}</div>  {# page.body_html = Markup(sanitize(page.body)) if it must be HTML #}',
    references: ['https://jinja.palletsprojects.com/en/stable/templates/#autoescape-overrides'],
  },
  template(ctx) {
    // Plain-text templates are never autoescaped, so switching it off changes nothing there.
    if (/\.txt$/i.test(ctx.path) || !/\bautoescape\b/.test(ctx.text)) return;
    const tags = jinjaTags(ctx.text);
    tags.forEach((tag, index) => {
      const [keyword, value] = tag.tokens;
      if (tag.kind !== 'statement' || keyword?.text !== 'autoescape' || !value || tag.tokens.length !== 2 || !OFF.has(value.text)) return;
      const output = firstVariableOutput(tags, index);
      if (!output) return;
      ctx.report({
        offsets: { start: value.start, end: value.end },
        message: `Autoescaping is off in this block, so {{ ${output} }} is sent to the page as raw HTML: any user-controlled part of it runs as script.`,
        fix: value.text[0] === value.text[0]?.toUpperCase() && value.text !== '0' ? 'True' : 'true',
      });
    });
  },
};

/** The first variable an `{{ expression }}` inside the block (up to its endautoescape) outputs. */
function firstVariableOutput(tags: readonly JinjaTag[], open: number): string | null {
  let depth = 0;
  for (const tag of tags.slice(open + 1)) {
    const first = tag.tokens[0]?.text;
    if (tag.kind === 'statement' && first === 'autoescape') depth++;
    if (tag.kind === 'statement' && first === 'endautoescape' && depth-- === 0) return null;
    if (tag.kind === 'expression') {
      const variable = outputVariable(tag.tokens);
      if (variable) return variable;
    }
  }
  return null;
}

/**
 * A name whose value the expression outputs: not a function being called, an attribute, a filter,
 * a keyword argument or a keyword — and not an argument of a call (`{{ url_for("page", id=n) }}`
 * outputs what url_for returns).
 */
function outputVariable(tokens: readonly JinjaToken[]): string | null {
  const brackets: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as JinjaToken;
    const before = tokens[i - 1];
    if (['(', '[', '{'].includes(token.text)) {
      brackets.push(token.text === '(' && before !== undefined && (before.type === 'name' || before.text === ')'));
      continue;
    }
    if ([')', ']', '}'].includes(token.text)) {
      brackets.pop();
      continue;
    }
    if (token.type !== 'name' || LITERAL_NAMES.test(token.text) || brackets.includes(true)) continue;
    const after = tokens[i + 1]?.text;
    if (before?.text !== '.' && before?.text !== '|' && after !== '(' && after !== '=') return dottedPath(tokens, i);
  }
  return null;
}

/** `line.line`, `page["body"]`: the name with the attribute and item accesses that follow it. */
function dottedPath(tokens: readonly JinjaToken[], start: number): string {
  let text = (tokens[start] as JinjaToken).text;
  for (let i = start + 1; i + 1 < tokens.length; i += 2) {
    const [punctuation, next] = [tokens[i] as JinjaToken, tokens[i + 1] as JinjaToken];
    if (punctuation.text === '.' && next.type === 'name' && tokens[i + 2]?.text !== '(') text += `.${next.text}`;
    else break;
  }
  return text;
}
