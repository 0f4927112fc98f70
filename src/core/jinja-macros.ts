/**
 * Jinja macros and their call sites: a value output inside `{% macro card(title, body) %}` that
 * is one of its parameters comes from whatever the templates that call `card(…)` pass
 * (`{{ card("Hi", post.body) }}`, `{{ utils.card(body=…) }}`, `{% call card(…) %}`).
 */
import { jinjaTags, type JinjaTag, type JinjaToken } from './jinja.js';

export interface MacroParameter {
  macro: string;
  /** Position among the macro's parameters. */
  index: number;
  name: string;
  /** The default's tokens, when the parameter has one. */
  fallback?: JinjaToken[];
}

/** The parameter `name` of the macro whose body holds `offset`, if it is one. */
export function macroParameterAt(tags: readonly JinjaTag[], offset: number, name: string): MacroParameter | undefined {
  let open: JinjaTag | undefined;
  for (const tag of tags) {
    if (tag.start > offset) break;
    const keyword = tag.kind === 'statement' ? tag.tokens[0]?.text : undefined;
    if (keyword === 'macro') open = tag;
    else if (keyword === 'endmacro') open = undefined;
  }
  const macro = open?.tokens[1];
  if (!open || macro?.type !== 'name' || open.tokens[2]?.text !== '(') return undefined;
  const parameters = topLevelItems(open.tokens, 2);
  const index = parameters.findIndex((p) => p[0]?.text === name);
  const parameter = parameters[index];
  if (!parameter) return undefined;
  return { macro: macro.text, index, name, ...(parameter[1]?.text === '=' ? { fallback: parameter.slice(2) } : {}) };
}

/** A call in a template: the tokens of its tag, and where the called name is among them. */
interface CallSite {
  tokens: readonly JinjaToken[];
  at: number;
}

/**
 * What each call of the macro passes to the parameter, at the given calls of its name: the
 * argument's tokens, or the parameter's default (or nothing) where a call leaves it out.
 */
export function macroArguments(calls: readonly CallSite[], parameter: MacroParameter): JinjaToken[][] {
  return calls.map(({ tokens, at }) => {
    const items = topLevelItems(tokens, at + 1);
    const byName = items.find((item) => item[0]?.text === parameter.name && item[1]?.text === '=');
    const positional = items.filter((item) => !(item[0]?.type === 'name' && item[1]?.text === '='));
    return byName ? byName.slice(2) : (positional[parameter.index] ?? parameter.fallback ?? []);
  });
}

/** The comma-separated items inside the bracket that opens at `open`. */
function topLevelItems(tokens: readonly JinjaToken[], open: number): JinjaToken[][] {
  const items: JinjaToken[][] = [[]];
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i] as JinjaToken;
    if (token.text === '(' || token.text === '[' || token.text === '{') {
      depth++;
      if (depth === 1) continue;
    } else if (token.text === ')' || token.text === ']' || token.text === '}') {
      depth--;
      if (depth === 0) break;
    } else if (token.text === ',' && depth === 1) {
      items.push([]);
      continue;
    }
    (items[items.length - 1] as JinjaToken[]).push(token);
  }
  return items.filter((item) => item.length > 0);
}

/** The tags of each template, parsed once. */
export class TemplateTags {
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, JinjaTag[]>();

  add(path: string, text: string): void {
    this.texts.set(path, text);
  }

  private calls?: Map<string, CallSite[]>;

  /** The calls of a name in all the templates (`card(` or `utils.card(`, outside macro definitions), found in one pass. */
  callsOf(name: string): readonly CallSite[] {
    if (!this.calls) {
      this.calls = new Map();
      for (const path of this.texts.keys()) {
        for (const { kind, tokens } of this.of(path)) {
          if (kind === 'statement' && tokens[0]?.text === 'macro') continue;
          for (let at = 0; at < tokens.length - 1; at++) {
            if (tokens[at + 1]?.text !== '(') continue;
            const called = (tokens[at] as JinjaToken).text;
            let list = this.calls.get(called);
            if (!list) this.calls.set(called, (list = []));
            list.push({ tokens, at });
          }
        }
      }
    }
    return this.calls.get(name) ?? [];
  }

  /** The tags of the template at `path`. */
  of(path: string): readonly JinjaTag[] {
    let tags = this.parsed.get(path);
    if (!tags) {
      tags = jinjaTags(this.texts.get(path) ?? '');
      this.parsed.set(path, tags);
    }
    return tags;
  }
}
