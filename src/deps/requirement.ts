/**
 * One requirement string, as pip and PEP 508 write it: `name[extras] specifiers ; marker`,
 * `name[extras] @ url ; marker`, or a bare URL, VCS reference or path (`git+https://…#egg=name`).
 * Offsets are relative to the string.
 */

export interface ParsedRequirement {
  name: string;
  /** End of the name, its extras and its specifiers (before any marker). */
  end: number;
  /** The PEP 440 specifier set, without enclosing parentheses ('' when there is none). */
  specifier: string;
  /** The version of an `==X` or `===X` clause, with its offsets. */
  pinned?: { version: string; start: number; end: number };
  url?: string;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|[a-z]+\+[a-z]+:|\.{1,2}(?:\/|\\|$)|\/|~)/i;
const EGG = /[#&]egg=([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
const PIN = /(===?)\s*([^\s,;)]+)/g;

/** Null when the text is not a requirement (for example a local path with no `#egg=` name). */
export function parseRequirement(text: string): ParsedRequirement | null {
  if (URL_LIKE.test(text)) return parseBareUrl(text);
  const name = NAME.exec(text);
  if (!name) return null;
  let at = skipSpaces(text, name[0].length);
  if (text[at] === '[') {
    const close = text.indexOf(']', at);
    if (close < 0) return null;
    at = skipSpaces(text, close + 1);
  }
  const base = { name: name[0] };
  if (text[at] === '@') {
    const rest = text.slice(at + 1);
    // The marker of a URL requirement needs whitespace before its `;`.
    const marker = /\s;/.exec(rest);
    const url = (marker ? rest.slice(0, marker.index) : rest).trim();
    if (!url) return null;
    return { ...base, end: at + 1 + rest.indexOf(url) + url.length, specifier: '', url };
  }
  const semicolon = text.indexOf(';', at);
  const specEnd = trimEnd(text, semicolon < 0 ? text.length : semicolon);
  let specStart = at;
  let specStop = specEnd;
  if (text[specStart] === '(' && text[specStop - 1] === ')') {
    specStart++;
    specStop--;
  }
  const specifier = text.slice(specStart, specStop).trim();
  if (specifier && !/^[<>=!~]/.test(specifier)) return null;
  const result: ParsedRequirement = { ...base, end: Math.max(specEnd, name[0].length), specifier };
  for (const match of text.slice(0, specStop).matchAll(PIN)) {
    const version = match[2] as string;
    if ((match.index as number) < specStart || version.endsWith('.*')) continue;
    const start = (match.index as number) + match[0].length - version.length;
    result.pinned = { version, start, end: start + version.length };
  }
  return result;
}

function parseBareUrl(text: string): ParsedRequirement | null {
  const url = text.split(/\s;|\s/)[0] as string;
  const egg = EGG.exec(url);
  if (!egg) return null;
  return { name: egg[1] as string, end: url.length, specifier: '', url };
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at] as string)) at++;
  return at;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  return end;
}
