import { describe, expect, it } from '@jest/globals';
import { filterApplications, jinjaTags } from '../../src/core/jinja.js';

const texts = (template: string) => jinjaTags(template).map((t) => `${t.kind}:${t.tokens.map((k) => k.text).join(' ')}`);

describe('jinja tags', () => {
  it('reads expressions and statements with offsets, skipping comments and raw blocks', () => {
    const template = [
      '<p>{{ user.name|e }}</p>',
      '{# {{ hidden|safe }} #}',
      '{%- raw -%}{{ literal|safe }}{% autoescape false %}{%- endraw %}',
      '{% if x %}{{ "}}" ~ y }}{% endif %}',
      '{{ {"a": 1}["a"] }}',
      '{{ x -}}',
    ].join('\n');
    expect(texts(template)).toEqual([
      'expression:user . name | e',
      'statement:if x',
      'expression:"}}" ~ y',
      'statement:endif',
      'expression:{ "a" : 1 } [ "a" ]',
      'expression:x',
    ]);
    const first = jinjaTags(template)[0];
    expect(template.slice(first?.start, first?.end)).toBe('{{ user.name|e }}');
    const name = first?.tokens[2];
    expect(template.slice(name?.start, name?.end)).toBe('name');
  });

  it('stops at an unterminated tag or raw block instead of reading on', () => {
    expect(texts('{{ a }}{% raw %}{{ b }}')).toEqual(['expression:a']);
    expect(texts('{{ a }}{{ b ')).toEqual(['expression:a']);
    expect(texts('{{ a }}{# never closed {{ b }}')).toEqual(['expression:a']);
  });
});

describe('filter applications', () => {
  const applications = (template: string) =>
    jinjaTags(template).flatMap((tag) =>
      filterApplications(tag).map((a) => `${a.filter.text}:${a.operand.kind}:${a.operand.tokens.map((t) => t.text).join('')}:${a.before.join(',')}`),
    );

  it('finds the operand each filter applies to', () => {
    expect(applications('{{ post.body|safe }}')).toEqual(['safe:variable:post.body:']);
    expect(applications('{{ page["html"]|markdown|safe }}')).toEqual(['markdown:variable:page["html"]:', 'safe:variable:page["html"]:markdown']);
    expect(applications('{{ "<br>"|safe }}')).toEqual(['safe:literal:"<br>":']);
    expect(applications('{{ caller()|safe }}')).toEqual(['safe:call:caller():']);
    expect(applications('{{ forms.render(field)|safe }}')).toEqual(['safe:call:forms.render(field):']);
    expect(applications('{{ ("<b>" ~ name ~ "</b>")|safe }}')).toEqual(['safe:group:("<b>"~name~"</b>"):']);
    expect(applications('{{ a ~ b|safe }}')).toEqual(['safe:variable:b:']);
    expect(applications('{{ x|truncate(10)|safe }}')).toEqual(['truncate:variable:x:', 'safe:variable:x:truncate']);
    expect(applications('{{ none|safe }}')).toEqual(['safe:literal:none:']);
    expect(applications('{% filter upper|safe %}')).toEqual(['safe:block:upper:']);
    expect(applications('{% set html = items|join(", ")|safe %}')).toEqual(['join:variable:items:', 'safe:variable:items:join']);
  });
});
