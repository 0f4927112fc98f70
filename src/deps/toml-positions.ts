/**
 * Where things are in a TOML file. smol-toml gives the values but no positions, so the values
 * found by the parser are located again in the text: table headers, keys in a table, and string
 * literals. Only what FlaskGuard needs to point a finding at a line.
 *
 * Linear in the size of the file: tables are indexed by path, each table's keys and the file's
 * string literals are indexed once (when first asked), so locating 100,000 entries does not
 * search the text 100,000 times.
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

export interface KeyPosition {
  keyStart: number;
  valueStart: number;
}

const HEADER = /^[ \t]*(\[\[?)[ \t]*((?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+)(?:[ \t]*\.[ \t]*(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+))*)[ \t]*\]\]?[ \t]*(?:#.*)?$/gm;
const KEY_PART = /"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)/g;
/** `key = ` at the start of a line: the key (bare or quoted) and where its value starts. */
const KEY_LINE = /^[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([A-Za-z0-9_-]+))[ \t]*=[ \t]*/gm;
/** Comments and string literals in the order they appear; a `#` inside a string is part of the string. */
const TOKEN = /#[^\n]*|"""([\s\S]*?)"""|'''([\s\S]*?)'''|"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'/g;

export class TomlPositions {
  readonly tables: TomlTable[] = [];
  private readonly byPath = new Map<string, TomlTable[]>();
  private readonly keys = new Map<TomlTable, Map<string, KeyPosition>>();
  /** The raw text between the quotes of every string literal → where that text starts, ascending. */
  private strings: Map<string, number[]> | undefined;

  constructor(readonly text: string) {
    let current: TomlTable = { path: [], array: false, headerStart: 0, start: 0, end: text.length };
    for (const match of text.matchAll(HEADER)) {
      current.end = match.index;
      this.addTable(current);
      const path = [...(match[2] as string).matchAll(KEY_PART)].map((k) => (k[1] ?? k[2] ?? k[3]) as string);
      current = { path, array: match[1] === '[[', headerStart: match.index, start: match.index + match[0].length, end: text.length };
    }
    this.addTable(current);
  }

  private addTable(table: TomlTable): void {
    this.tables.push(table);
    const key = table.path.join('\0');
    const same = this.byPath.get(key);
    if (same) same.push(table);
    else this.byPath.set(key, [table]);
  }

  /** The tables with this header path, in file order. */
  tablesAt(path: readonly string[]): TomlTable[] {
    return this.byPath.get(path.join('\0')) ?? [];
  }

  /** The offsets of the first `key = ` at the start of a line of the table, and of its value. */
  findKey(table: TomlTable, key: string): KeyPosition | null {
    let index = this.keys.get(table);
    if (!index) {
      index = new Map();
      const pattern = new RegExp(KEY_LINE.source, 'gm');
      pattern.lastIndex = table.start;
      for (let match = pattern.exec(this.text); match && match.index < table.end; match = pattern.exec(this.text)) {
        const name = (match[1] ?? match[2] ?? match[3]) as string;
        if (index.has(name)) continue;
        index.set(name, { keyStart: match.index + match[0].length - match[0].trimStart().length, valueStart: match.index + match[0].length });
      }
      this.keys.set(table, index);
    }
    return index.get(key) ?? null;
  }

  /** The offsets of the contents of the first string literal written exactly as `value` in [from, to). */
  findString(value: string, from: number, to: number): { start: number; end: number } | null {
    const starts = this.stringIndex().get(value);
    if (!starts) return null;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    const start = starts[lo];
    return start !== undefined && start < to ? { start, end: start + value.length } : null;
  }

  private stringIndex(): Map<string, number[]> {
    if (!this.strings) {
      this.strings = new Map();
      for (const match of this.text.matchAll(TOKEN)) {
        const group = [1, 2, 3, 4].find((g) => match[g] !== undefined);
        if (group === undefined) continue;
        const content = match[group] as string;
        const start = match.index + (group <= 2 ? 3 : 1);
        const starts = this.strings.get(content);
        if (starts) starts.push(start);
        else this.strings.set(content, [start]);
      }
    }
    return this.strings;
  }
}
