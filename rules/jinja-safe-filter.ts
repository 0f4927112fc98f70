import { filterApplications, type FilterApplication } from '../src/core/jinja.js';
import type { Rule } from '../src/core/rule.js';
import { originOfTemplateOutput } from '../src/core/template-values.js';
import { THREATS } from '../src/core/threats.js';

/** Filters whose output is already escaped (or not text), so that `|safe` after them adds nothing dangerous. */
const ESCAPING_FILTERS = new Set(['e', 'escape', 'forceescape', 'tojson', 'urlencode', 'int', 'float', 'length', 'count', 'wordcount', 'filesizeformat', 'xmlattr']);
const SANITIZER_NAME = /sanitiz|bleach|clean|purif/i;
/** Jinja's built-in filters that pass the value's text through (so `x|truncate|safe` is still `x`). */
const BUILTIN_FILTERS = new Set([
  'abs', 'attr', 'capitalize', 'center', 'd', 'default', 'first', 'format', 'indent', 'join', 'last', 'list', 'lower',
  'map', 'max', 'min', 'pprint', 'random', 'replace', 'reverse', 'round', 'safe', 'select', 'sort', 'string',
  'striptags', 'sum', 'title', 'trim', 'truncate', 'unique', 'upper', 'urlize', 'wordwrap',
]);
/** Custom filters that render markup languages, which pass raw HTML through unless configured not to. */
const MARKUP_RENDERER = /markdown|^md$|rst|restructured|textile|commonmark|mistune/i;
/** Plain-text templates: Flask does not autoescape them, so `|safe` changes nothing. */
const PLAIN_TEXT = /\.txt$/i;
/** Statements whose expression is rendered later (`{% set html = x|safe %}`), unlike `{% if x|safe %}`. */
const ASSIGNING_STATEMENTS = new Set(['set', 'with']);
/**
 * Values a developer wrote, not a user: the app's `config`, translated strings (`_()`, `gettext`),
 * and a form field's description or label (set in the form class).
 */
const DEVELOPER_DEFINED = /^(?:config\b|(?:_|gettext|ngettext|pgettext|lazy_gettext)\(|[\w.]*\.(?:description|label)(?:\.text)?$)/;

export const jinjaSafeFilter: Rule = {
  meta: {
    id: 'jinja-safe-filter',
    code: 'FG405',
    category: 'template-rendering',
    severity: 'medium',
    confidence: 'medium',
    confidenceNote:
      'High when the project\'s views give the variable request data, or it is a record field they write from request data (`post.body = …`, `Post(body=form.body.data)`, `form.populate_obj(post)`, also read back from the database: stored XSS) (medium when only views that administrators alone reach give it); medium for values of unknown origin; low for developer-defined text (config, translations, form labels), for values every view gives as already-safe HTML (escaped, sanitized, rendered by a highlighter or renderer, constants and the package\'s own files; assignments in branches that serve JSON, CSV or feeds do not count), for macro parameters every caller passes a literal or a safe value to, and after a custom filter.',
    title: 'The safe filter on a template variable (autoescaping switched off for it)',
    threats: [THREATS.xss],
    why:
      'Flask autoescapes every `{{ value }}` in .html templates; `|safe` turns that off for one value. On a ' +
      'literal, or on what a macro or `caller()` returns, that is harmless; on a variable it means the value is ' +
      'sent to the browser as HTML, so any user-supplied part of it — a comment, a profile field, a result ' +
      'from another site — runs as script. Escape or sanitize the value in Python (markupsafe.escape, bleach) and ' +
      'mark it with Markup there, where the reviewer can see why it is safe, or drop `|safe`.',
    example: '<div class="comment">{{ comment.body|safe }}</div>',
    useInstead: '<div class="comment">{{ comment.body }}</div>\n{# or, for sanitized HTML: comment.body_html = Markup(bleach.clean(body)) in Python #}',
    references: [
      'https://flask.palletsprojects.com/en/stable/templating/#controlling-autoescaping',
      'https://jinja.palletsprojects.com/en/stable/templates/#html-escaping',
    ],
    cwe: [79],
  },
  template(ctx) {
    if (PLAIN_TEXT.test(ctx.path) || !/\|\s*safe\b/.test(ctx.text)) return;
    const { tags } = ctx;
    for (const tag of tags) {
      const first = tag.tokens[0]?.text ?? '';
      if (tag.kind === 'statement' && !ASSIGNING_STATEMENTS.has(first)) continue;
      for (const application of filterApplications(tag)) {
        if (application.filter.text !== 'safe' || !marksVariable(application)) continue;
        const text = application.operand.tokens.map((t) => t.text).join('');
        const operand = text.length > 40 ? 'this value' : text;
        const offsets = { start: application.operand.start.start, end: application.filter.end };
        // `x|code_highlighter|safe`: the custom filter's output is trusted, and whether it escapes decides.
        const custom = application.before.filter((f) => !BUILTIN_FILTERS.has(f) && !MARKUP_RENDERER.test(f)).pop();
        if (DEVELOPER_DEFINED.test(text)) {
          ctx.report({ offsets, severity: 'low', confidence: 'low', message: `|safe sends ${operand} to the page unescaped; it is developer-defined text (configuration, a translation or a form label), so this matters only if users can change it.` });
          continue;
        }
        if (custom) {
          ctx.report({ offsets, severity: 'low', confidence: 'low', message: `|safe trusts what the ${custom} filter makes of ${operand}: make sure the filter escapes it (or returns sanitized Markup itself).` });
          continue;
        }
        const origin = application.operand.kind === 'variable' ? originOfTemplateOutput(ctx.values, tags, tag.start, text) : { kind: 'unknown' as const };
        if (origin.kind === 'request' && origin.adminOnly) {
          ctx.report({ offsets, severity: 'high', confidence: 'medium', message: `|safe sends ${operand} to the page without escaping, and the view gives it ${origin.description} — but only administrators reach that view, so the HTML is an admin's: still script in other users' pages if an admin account is taken over.` });
        } else if (origin.kind === 'request') {
          ctx.report({ offsets, severity: 'high', confidence: 'high', message: `|safe sends ${operand} to the page without escaping, and the view gives it ${origin.description}: whoever sends that request injects HTML and script.` });
        } else if (origin.kind === 'safe') {
          ctx.report({ offsets, severity: 'low', confidence: 'low', message: `|safe sends ${operand} to the page unescaped; what it is given is already safe HTML or constant text (${origin.description}), so this matters only if another caller passes something else.` });
        } else {
          ctx.report({ offsets, message: `|safe sends ${operand} to the page without escaping: any user-controlled part of it runs as HTML and script. Escape or sanitize it before marking it safe.` });
        }
      }
    }
  },
};

function marksVariable(application: FilterApplication): boolean {
  if (application.before.some((f) => ESCAPING_FILTERS.has(f) || SANITIZER_NAME.test(f))) return false;
  const { kind, tokens } = application.operand;
  if (kind === 'variable') return true;
  // `("<b>" ~ name ~ "</b>")|safe`: a group that mixes in a variable.
  return kind === 'group' && tokens.some((t, i) => t.type === 'name' && tokens[i - 1]?.text !== '.' && tokens[i + 1]?.text !== '(' && !/^(true|false|none|and|or|not|in|is|if|else)$/i.test(t.text));
}
