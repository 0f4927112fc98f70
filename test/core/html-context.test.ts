import { describe, expect, it } from '@jest/globals';
import { htmlContexts } from '../../src/core/html-context.js';
import { jinjaTags } from '../../src/core/jinja.js';
import { isRenderedTemplate, templateFolders } from '../../src/core/template-files.js';

/** Each expression's text with a short name of its context. */
function contexts(template: string): string[] {
  const tags = jinjaTags(template);
  const found = htmlContexts(template, tags);
  return tags
    .filter((t) => t.kind === 'expression')
    .map((tag) => {
      const c = found.get(tag.start);
      const name =
        c === undefined ? 'none'
        : c.kind === 'attribute-value' ? `${c.element}.${c.attribute}${c.quoted ? '' : ' unquoted'}${c.prefix ? ` after ${JSON.stringify(c.prefix)}` : ''}`
        : c.kind === 'script' ? (c.string ? 'script string' : 'script code')
        : c.kind === 'attribute-list' ? `${c.element} attributes`
        : c.kind;
      return `${template.slice(tag.start, tag.end)} ${name}`;
    });
}

describe('HTML contexts of template expressions', () => {
  it('tells page text, quoted and unquoted attribute values (with their prefix) and attribute lists apart', () => {
    expect(contexts('<p>{{ a }}</p><a href="{{ b }}" title=\'x {{ c }}\'>x</a><div class={{ d }} {{ e }}></div><a href="/u/{{ f }}">')).toEqual([
      '{{ a }} text',
      '{{ b }} a.href',
      '{{ c }} a.title after "x "',
      '{{ d }} div.class unquoted',
      '{{ e }} div attributes',
      '{{ f }} a.href after "/u/"',
    ]);
  });

  it('masks Jinja tags: statements inside a tag and ">" inside an expression end nothing', () => {
    expect(contexts('<option {% if s %}selected{% endif %} value="{{ "a > b" }}">{{ g }}</option>')).toEqual([
      '{{ "a > b" }} option.value',
      '{{ g }} text',
    ]);
  });

  it('follows JavaScript strings and comments in scripts, and leaves non-JavaScript scripts, styles and comments out', () => {
    const template = [
      '<script>var a = {{ a }}; var b = "{{ b }}"; var c = `${x} {{ c }}`; // {{ d }}',
      "/* {{ e }} */ var f = '{{ f }}';</script>",
      '<script type="text/x-template">{{ g }}</script><style>p { color: {{ h }} }</style><!-- {{ i }} -->',
      '<script type="module">go({{ j }})</script>',
    ].join('\n');
    expect(contexts(template)).toEqual([
      '{{ a }} script code',
      '{{ b }} script string',
      '{{ c }} script code',
      '{{ d }} other',
      '{{ e }} other',
      '{{ f }} script string',
      '{{ g }} other',
      '{{ h }} other',
      '{{ i }} other',
      '{{ j }} script code',
    ]);
  });
});

describe('which HTML files are templates', () => {
  it('takes templates/ folders, .jinja and .j2 files, declared template folders, and HTML that uses Jinja statements', () => {
    const folders = templateFolders([
      { path: 'shop/admin/__init__.py', content: 'admin = Blueprint("admin", __name__, template_folder="pages")\n' },
      { path: 'shop/mail.py', content: 'env = Environment(loader=FileSystemLoader("mail_layouts"))\n' },
    ]);
    expect(folders.sort()).toEqual(['mail_layouts', 'pages']);
    expect(isRenderedTemplate('shop/templates/x.html', '<p>plain</p>', folders)).toBe(true);
    expect(isRenderedTemplate('shop/admin/pages/list.html', '<a href="{{ x }}">', folders)).toBe(true);
    expect(isRenderedTemplate('mail_layouts/welcome.html', '<p>{{ name }}</p>', folders)).toBe(true);
    expect(isRenderedTemplate('shop/partials/nav.html', '{% for item in menu %}<li>{{ item }}</li>{% endfor %}', folders)).toBe(true);
    // An Angular or Vue page: {{ }} without Jinja statements is not Jinja's.
    expect(isRenderedTemplate('frontend/src/app.html', '<a href="{{ item.link }}">{{ item.title }}</a>', folders)).toBe(false);
  });
});
