/**
 * Lock files: the exact versions poetry.lock, uv.lock and Pipfile.lock install. A lock file is
 * regenerated rather than edited, so its pins carry no fix; the message says which command does it.
 */
import { LineIndex } from '../core/lines.js';
import type { Range } from '../core/types.js';
import type { Declaration } from './declaration.js';
import { normalizePackageName } from './names.js';
import type { ParsedDependencyFile } from './pyproject.js';
import { parseToml } from './toml-file.js';
import { TomlPositions } from './toml-positions.js';

const UPGRADE_COMMAND: Record<'poetry.lock' | 'uv.lock' | 'Pipfile.lock', (name: string) => string> = {
  'poetry.lock': (name) => `poetry update ${name}`,
  'uv.lock': (name) => `uv lock --upgrade-package ${name}`,
  'Pipfile.lock': (name) => `pipenv update ${name}`,
};

class LockDeclarations {
  readonly declarations: Declaration[] = [];
  private readonly lines: LineIndex;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly command: (name: string) => string,
  ) {
    this.lines = new LineIndex(text);
  }

  private range(start: number, end: number): Range {
    const from = this.lines.position(start);
    const to = this.lines.position(end);
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }

  /** `version` is the locked version, or a URL when the package does not come from an index. */
  add(name: string, locked: { version: string } | { url: string }, start: number, end: number): void {
    const range = this.range(start, end);
    const declaration: Declaration = {
      file: this.file,
      name,
      package: normalizePackageName(name),
      origin: 'lock',
      range,
      text: this.text.slice(start, end),
      specifiers: [],
    };
    if ('url' in locked) declaration.url = locked.url;
    else {
      declaration.specifiers = [`==${locked.version}`];
      declaration.pin = {
        version: locked.version,
        range,
        before: '',
        after: '',
        notFixable: `lock files are regenerated: run \`${this.command(name)}\``,
      };
    }
    this.declarations.push(declaration);
  }
}

/** poetry.lock and uv.lock: `[[package]]` tables with `name`, `version` and `source`. */
export function parseTomlLock(path: string, text: string): ParsedDependencyFile {
  const toml = parseToml(text);
  if (!toml.ok) return { declarations: [], notes: [toml.note] };
  const kind = path.endsWith('uv.lock') ? 'uv.lock' : 'poetry.lock';
  const lock = new LockDeclarations(path, text, UPGRADE_COMMAND[kind]);
  const positions = new TomlPositions(text);
  const tables = positions.tablesAt(['package']).filter((t) => t.array);
  const packages = Array.isArray(toml.value.package) ? toml.value.package : [];
  packages.forEach((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') return;
    const { name, version, source } = entry as { name?: unknown; version?: unknown; source?: Record<string, unknown> };
    if (typeof name !== 'string') return;
    const table = tables[index];
    const versionKey = table ? positions.findKey(table, 'version') : null;
    const literal = versionKey && typeof version === 'string' ? positions.findString(version, versionKey.valueStart, table?.end ?? text.length) : null;
    const start = literal?.start ?? table?.headerStart ?? 0;
    const end = literal?.end ?? start;
    const url = nonIndexSource(kind, source);
    if (url === 'project') return;
    if (url) lock.add(name, { url }, start, end);
    else if (typeof version === 'string') lock.add(name, { version }, start, end);
  });
  return { declarations: lock.declarations, notes: [] };
}

/** Where a locked package comes from when it is not a package index: a URL, or 'project' for the project itself. */
function nonIndexSource(kind: 'uv.lock' | 'poetry.lock', source: Record<string, unknown> | undefined): string | undefined {
  if (!source || typeof source !== 'object') return undefined;
  if (kind === 'uv.lock') {
    if ('editable' in source || 'virtual' in source) return 'project';
    const where = source.git ?? source.url ?? source.path ?? source.directory;
    return typeof where === 'string' ? where : undefined;
  }
  // Poetry: `legacy` is another package index; git, directory, file and url are not.
  const type = source.type;
  if (typeof type === 'string' && type !== 'legacy') return typeof source.url === 'string' ? source.url : type;
  return undefined;
}

/** Pipfile.lock: JSON, `default` and `develop` map names to `{version: "==X", hashes, …}`. */
export function parsePipfileLock(path: string, text: string): ParsedDependencyFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { declarations: [], notes: [{ line: 1, note: `not valid JSON (${(error as Error).message}); not audited` }] };
  }
  const lock = new LockDeclarations(path, text, UPGRADE_COMMAND['Pipfile.lock']);
  const keys = jsonKeys(text);
  for (const section of ['default', 'develop']) {
    const entries = (data as Record<string, unknown>)?.[section];
    if (!entries || typeof entries !== 'object') continue;
    const sectionAt = firstAtOrAfter(keys.get(section), 0);
    for (const [name, entry] of Object.entries(entries as Record<string, unknown>)) {
      if (!entry || typeof entry !== 'object') continue;
      const { version, git, path: localPath, file } = entry as Record<string, unknown>;
      const keyAt = firstAtOrAfter(keys.get(name), Math.max(sectionAt, 0));
      const versionKeyAt = typeof version === 'string' ? firstAtOrAfter(keys.get('version'), keyAt) : -1;
      const valueAt = versionKeyAt >= 0 ? valueAfterKey(text, versionKeyAt, version as string) : -1;
      const url = [git, localPath, file].find((v) => typeof v === 'string') as string | undefined;
      const keyStart = Math.max(keyAt, 0);
      if (url) lock.add(name, { url }, keyStart, keyStart + name.length + 2);
      else if (typeof version === 'string' && version.startsWith('==')) {
        // The version text itself when it is found where expected, else the package's key.
        const start = valueAt >= 0 ? valueAt + 2 : keyStart;
        const end = valueAt >= 0 ? start + version.length - 2 : keyStart + name.length + 2;
        lock.add(name, { version: version.slice(2) }, start, end);
      }
    }
  }
  return { declarations: lock.declarations, notes: [] };
}

/** Every JSON string; the ones followed by `:` are keys. Read once, so locating each entry does not search the text again. */
const JSON_STRING = /"((?:[^"\\]|\\.)*)"(\s*:)?/g;

/** The offsets of the keys of a JSON text, by their raw text, ascending. */
function jsonKeys(text: string): Map<string, number[]> {
  const keys = new Map<string, number[]>();
  for (const match of text.matchAll(JSON_STRING)) {
    if (match[2] === undefined) continue;
    const name = match[1] as string;
    const at = keys.get(name);
    if (at) at.push(match.index);
    else keys.set(name, [match.index]);
  }
  return keys;
}

/** The first offset at or after `from`, or -1. */
function firstAtOrAfter(offsets: readonly number[] | undefined, from: number): number {
  if (!offsets || from < 0) return -1;
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return offsets[lo] ?? -1;
}

/** The offset of the contents of `"value"` when it is the value of the key at `keyAt`, else -1. */
function valueAfterKey(text: string, keyAt: number, value: string): number {
  const pattern = new RegExp(`"version"\\s*:\\s*"${escapeRegExp(value)}"`, 'y');
  pattern.lastIndex = keyAt;
  const match = pattern.exec(text);
  return match ? match.index + match[0].length - value.length - 1 : -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
