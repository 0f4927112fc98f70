/**
 * Where in the HTML of a Jinja template each `{{ expression }}` lands: page text, a quoted or
 * unquoted attribute value (with the attribute, its element and the literal text before the
 * expression), the attribute list of a start tag, or the body of a `<script>` (in JavaScript code
 * or inside a JavaScript string). Autoescaping makes `{{ x }}` safe only in page text and quoted
 * attribute values; the other places need another defence. Jinja tags are masked while the HTML
 * is read, so `{% if %}…{% endif %}` inside a tag and `{{ "a > b" }}` do not end anything.
 */
import type { JinjaTag } from './jinja.js';

export type HtmlContext =
  | { kind: 'text' }
  | {
      kind: 'attribute-value';
      element: string;
      attribute: string;
      quoted: boolean;
      /** The literal text of the value before the expression, Jinja statements left out. */
      prefix: string;
      /** Every attribute of the element before this one, lower-cased. */
      attributes: ReadonlyMap<string, string>;
    }
  /** Among a start tag's attributes: `<input {{ attrs }}>`. */
  | { kind: 'attribute-list'; element: string }
  /** In a `<script>` element's JavaScript; `string` when inside a '…' or "…" literal (a `…` template literal counts as code). */
  | { kind: 'script'; string: boolean }
  /** In a `<style>` element, an HTML comment, or a `<script>` that holds no JavaScript (templates, JSON). */
  | { kind: 'other' };

/** Script types browsers run; other types (text/template, application/json, text/x-handlebars) are data. */
const JAVASCRIPT_TYPE = /^(|module|(text|application)\/(java|ecma)script|text\/(jscript|livescript)|text\/javascript1\.[0-5])$/i;

/** The HTML context of each expression tag, by the tag's start offset. */
export function htmlContexts(text: string, tags: readonly JinjaTag[]): Map<number, HtmlContext> {
  return new HtmlScanner(text, tags).scan();
}

/** Masked offsets: every Jinja tag and comment, by its start, with its end. */
function maskedRanges(text: string, tags: readonly JinjaTag[]): Map<number, { end: number; tag?: JinjaTag }> {
  const ranges = new Map<number, { end: number; tag?: JinjaTag }>();
  for (const tag of tags) ranges.set(tag.start, { end: tag.end, tag });
  for (const comment of text.matchAll(/\{#[\s\S]*?#\}/g)) if (!ranges.has(comment.index)) ranges.set(comment.index, { end: comment.index + comment[0].length });
  return ranges;
}

class HtmlScanner {
  private readonly masked: Map<number, { end: number; tag?: JinjaTag }>;
  private readonly contexts = new Map<number, HtmlContext>();
  private i = 0;

  constructor(
    private readonly text: string,
    tags: readonly JinjaTag[],
  ) {
    this.masked = maskedRanges(text, tags);
  }

  scan(): Map<number, HtmlContext> {
    const text = this.text;
    while (this.i < text.length) {
      if (this.skipMasked({ kind: 'text' })) continue;
      if (text.startsWith('<!--', this.i)) {
        this.until('-->', { kind: 'other' });
        continue;
      }
      if (text[this.i] === '<' && /[A-Za-z]/.test(text[this.i + 1] ?? '')) {
        this.startTag();
        continue;
      }
      this.i++;
    }
    return this.contexts;
  }

  /** At a masked range: records an expression's context and steps over it. */
  private skipMasked(context: HtmlContext): boolean {
    const range = this.masked.get(this.i);
    if (!range) return false;
    if (range.tag?.kind === 'expression') this.contexts.set(this.i, context);
    this.i = range.end;
    return true;
  }

  /** Skips to the end of `closing`, recording expressions on the way in `context`. */
  private until(closing: string, context: HtmlContext): void {
    while (this.i < this.text.length && !this.text.startsWith(closing, this.i)) if (!this.skipMasked(context)) this.i++;
    this.i += closing.length;
  }

  private startTag(): void {
    const text = this.text;
    const name = /^[A-Za-z][\w:-]*/.exec(text.slice(this.i + 1, this.i + 40))?.[0].toLowerCase() ?? '';
    this.i += 1 + name.length;
    const attributes = new Map<string, string>();
    while (this.i < text.length) {
      if (this.skipMasked({ kind: 'attribute-list', element: name })) continue;
      const c = text[this.i] as string;
      if (c === '>') {
        this.i++;
        this.afterStartTag(name, attributes);
        return;
      }
      if (/[\s/]/.test(c)) {
        this.i++;
        continue;
      }
      if (c === '<') return;
      this.attribute(name, attributes);
    }
  }

  /** An attribute's name and, after `=`, its value. */
  private attribute(element: string, attributes: Map<string, string>): void {
    const text = this.text;
    const start = this.i;
    while (this.i < text.length && !/[\s=>/]/.test(text[this.i] as string) && !this.masked.has(this.i)) this.i++;
    const attribute = text.slice(start, this.i).toLowerCase();
    if (this.i === start) {
      this.i++;
      return;
    }
    let j = this.i;
    while (/\s/.test(text[j] ?? '')) j++;
    if (text[j] !== '=') return;
    j++;
    while (/\s/.test(text[j] ?? '')) j++;
    this.i = j;
    const quote = text[j] === '"' || text[j] === "'" ? (text[j] as string) : '';
    if (quote) this.i++;
    let prefix = '';
    const valueStart = this.i;
    while (this.i < text.length) {
      const c = text[this.i] as string;
      if (quote ? c === quote : /[\s>]/.test(c)) break;
      const range = this.masked.get(this.i);
      if (range) {
        if (range.tag?.kind === 'expression') {
          this.contexts.set(this.i, { kind: 'attribute-value', element, attribute, quoted: quote !== '', prefix, attributes: new Map(attributes) });
          prefix += '\u0000';
        }
        this.i = range.end;
        continue;
      }
      prefix += c;
      this.i++;
    }
    attributes.set(attribute, text.slice(valueStart, this.i));
    if (quote && text[this.i] === quote) this.i++;
  }

  /** After `<script …>` and `<style …>`: their raw text, up to the closing tag. */
  private afterStartTag(name: string, attributes: ReadonlyMap<string, string>): void {
    if (name === 'style' || name === 'textarea' || name === 'title') {
      this.until(`</${name}`, name === 'style' ? { kind: 'other' } : { kind: 'text' });
      return;
    }
    if (name !== 'script') return;
    const type = (attributes.get('type') ?? '').trim();
    if (!JAVASCRIPT_TYPE.test(type)) {
      this.until('</script', { kind: 'other' });
      return;
    }
    this.script();
  }

  /** A script's body: strings and comments are followed so that an expression knows if it is in a '…' or "…" literal. */
  private script(): void {
    const text = this.text;
    let quote = '';
    while (this.i < text.length) {
      if (!quote && /^<\/script/i.test(text.slice(this.i, this.i + 8))) return;
      if (this.skipMasked({ kind: 'script', string: quote === "'" || quote === '"' })) continue;
      const c = text[this.i] as string;
      if (quote) {
        if (c === '\\') this.i++;
        else if (c === quote || (c === '\n' && quote !== '`')) quote = '';
      } else if (c === '"' || c === "'" || c === '`') {
        quote = c;
      } else if (c === '/' && text[this.i + 1] === '/') {
        while (this.i < text.length && text[this.i] !== '\n' && !/^<\/script/i.test(text.slice(this.i, this.i + 8))) if (!this.skipMasked({ kind: 'other' })) this.i++;
        continue;
      } else if (c === '/' && text[this.i + 1] === '*') {
        this.until('*/', { kind: 'other' });
        continue;
      }
      this.i++;
    }
  }
}
