/**
 * Where things are in a TOML file. smol-toml gives the values but no positions, so the values
 * found by the parser are located again in the text: table headers, keys in a table, and string
 * literals. Only what FlaskGuard needs to point a finding at a line.
 */

export interface TomlTable {
  /** Dotted path of the header (`['tool', 'poetry', 'dependencies']`); [] for the root table. */
  path: string[];
  /** Array-of-tables header (`[[package]]`). */
  array: boolean;
  /** Offset of the header line (0 for the root table). */
  headerStart: number;
  /** Offsets of the table's body: from after its header to the next header. */
  start: number;
  end: number;
}

const HEADER = /^[ \t]*(\[\[?)[ \t]*((?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+)(?:[ \t]*\.[ \t]*(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+))*)[ \t]*\]\]?[ \t]*(?:#.*)?$/gm;
const KEY_PART = /"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)/g;

export function tomlTables(text: string): TomlTable[] {
  const tables: TomlTable[] = [];
  let current: TomlTable = { path: [], array: false, headerStart: 0, start: 0, end: text.length };
  for (const match of text.matchAll(HEADER)) {
    current.end = match.index as number;
    tables.push(current);
    const path = [...(match[2] as string).matchAll(KEY_PART)].map((k) => (k[1] ?? k[2] ?? k[3]) as string);
    current = { path, array: match[1] === '[[', headerStart: match.index as number, start: (match.index as number) + match[0].length, end: text.length };
  }
  tables.push(current);
  return tables;
}

export function tablesAt(tables: TomlTable[], path: readonly string[]): TomlTable[] {
  return tables.filter((t) => t.path.length === path.length && t.path.every((p, i) => p === path[i]));
}

/** The offsets of `key = ` at the start of a line of the table, and of its value. */
export function findKey(text: string, table: TomlTable, key: string): { keyStart: number; valueStart: number } | null {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^[ \\t]*("${escaped}"|'${escaped}'|${escaped})[ \\t]*=[ \\t]*`, 'gm');
  pattern.lastIndex = table.start;
  const match = pattern.exec(text);
  if (!match || match.index >= table.end) return null;
  const keyStart = match.index + match[0].indexOf(match[1] as string);
  return { keyStart, valueStart: match.index + match[0].length };
}

/** The offsets of the contents of a string literal equal to `value`, searched in [from, to). */
export function findString(text: string, value: string, from: number, to: number): { start: number; end: number } | null {
  for (const quote of ['"', "'"]) {
    const at = text.indexOf(`${quote}${value}${quote}`, from);
    if (at >= 0 && at < to) return { start: at + 1, end: at + 1 + value.length };
  }
  return null;
}
