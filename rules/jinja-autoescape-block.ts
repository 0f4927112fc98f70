import type { JinjaTag, JinjaToken } from '../src/core/jinja.js';
import type { Rule } from '../src/core/rule.js';
import { originOfTemplateOutput } from '../src/core/template-values.js';
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
      'High when a variable inside the block is request data in the project\'s views (medium when only admin-only views give it); medium for values of unknown origin; low when every variable is what the views (or, for a macro parameter, the macro\'s callers) give as already-safe HTML, constants or the package\'s own files.',
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
    cwe: [79],
  },
  template(ctx) {
    // Plain-text templates are never autoescaped, so switching it off changes nothing there.
    if (/\.txt$/i.test(ctx.path) || !/\bautoescape\b/.test(ctx.text)) return;
    const { tags } = ctx;
    tags.forEach((tag, index) => {
      const [keyword, value] = tag.tokens;
      if (tag.kind !== 'statement' || keyword?.text !== 'autoescape' || !value || tag.tokens.length !== 2 || !OFF.has(value.text)) return;
      const outputs = variableOutputs(tags, index);
      const output = outputs[0];
      if (!output) return;
      const origins = outputs.map((o) => ({ output: o, origin: originOfTemplateOutput(ctx.values, tags, tag.start, o) }));
      const requests = origins.filter((o) => o.origin.kind === 'request');
      const request = requests.find((o) => o.origin.kind === 'request' && !o.origin.adminOnly) ?? requests[0];
      const adminOnly = request?.origin.kind === 'request' && request.origin.adminOnly === true;
      const allSafe = origins.every((o) => o.origin.kind === 'safe');
      ctx.report({
        offsets: { start: value.start, end: value.end },
        ...(request ? { severity: 'high' as const, confidence: adminOnly ? ('medium' as const) : ('high' as const) } : allSafe ? { severity: 'low' as const, confidence: 'low' as const } : {}),
        message: request
          ? `Autoescaping is off in this block, so {{ ${request.output} }} is sent to the page as raw HTML, and the view gives it ${request.origin.kind === 'request' ? request.origin.description : ''}${adminOnly ? ' — only administrators reach that view, so the HTML is an admin\'s, still script in other users\' pages' : ': whoever sends that request injects script'}.`
          : allSafe
            ? `Autoescaping is off in this block; everything it outputs is given as safe HTML or constant text (${origins.map((o) => (o.origin.kind === 'safe' ? o.origin.description : '')).join('; ')}), so this matters only if another caller passes something else.`
            : `Autoescaping is off in this block, so {{ ${output} }} is sent to the page as raw HTML: any user-controlled part of it runs as script.`,
        fix: value.text[0] === value.text[0]?.toUpperCase() && value.text !== '0' ? 'True' : 'true',
      });
    });
  },
};

/** The variables the `{{ expressions }}` inside the block (up to its endautoescape) output, in order. */
function variableOutputs(tags: readonly JinjaTag[], open: number): string[] {
  const outputs: string[] = [];
  let depth = 0;
  for (const tag of tags.slice(open + 1)) {
    const first = tag.tokens[0]?.text;
    if (tag.kind === 'statement' && first === 'autoescape') depth++;
    if (tag.kind === 'statement' && first === 'endautoescape' && depth-- === 0) break;
    if (tag.kind === 'expression') {
      const variable = outputVariable(tag.tokens);
      if (variable && !outputs.includes(variable)) outputs.push(variable);
    }
  }
  return outputs;
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
