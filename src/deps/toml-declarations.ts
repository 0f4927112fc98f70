/**
 * Declarations in TOML dependency files (pyproject.toml, Pipfile): the shared work of turning
 * a parsed value and its located text into a Declaration with a position and, for a pin, a fix.
 */
import { LineIndex } from '../core/lines.js';
import type { Range } from '../core/types.js';
import type { Declaration, DeclarationNote, DeclarationOrigin } from './declaration.js';
import { normalizePackageName } from './names.js';
import { parseRequirement } from './requirement.js';
import { TomlPositions } from './toml-positions.js';
import { parseSpecifierSet } from './versions.js';

/** Turns a version constraint as the file writes it into PEP 440 alternatives, or null. */
export type ConstraintSyntax = (constraint: string) => string[] | null;

export class TomlDeclarations {
  readonly declarations: Declaration[] = [];
  readonly notes: DeclarationNote[] = [];
  readonly lines: LineIndex;
  readonly positions: TomlPositions;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly origin: DeclarationOrigin,
  ) {
    this.lines = new LineIndex(text);
    this.positions = new TomlPositions(text);
  }

  range(start: number, end: number): Range {
    const from = this.lines.position(start);
    const to = this.lines.position(end);
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }

  /** End of the line that holds `offset`, without a trailing comment or spaces. */
  lineEnd(offset: number): number {
    const line = this.lines.lineOf(offset);
    const text = this.lines.line(line).replace(/\s+#[^"']*$/, '').trimEnd();
    return this.lines.lineStart(line) + text.length;
  }

  /**
   * PEP 508 strings (PEP 621 `dependencies`, optional dependencies, dependency groups), found in
   * the text of the array under `key` in the table at `tablePath`, in order.
   */
  addRequirementStrings(values: readonly unknown[], tablePath: readonly string[], key: string): void {
    const table = this.positions.tablesAt(tablePath)[0];
    const found = table ? this.positions.findKey(table, key) : null;
    const from = found?.valueStart ?? table?.start ?? 0;
    const to = table?.end ?? this.text.length;
    let cursor = from;
    for (const value of values) {
      if (typeof value !== 'string') continue;
      const literal = this.positions.findString(value, cursor, to) ?? this.positions.findString(value, 0, this.text.length);
      const where = literal ?? { start: from, end: from };
      if (literal) cursor = literal.end;
      const requirement = parseRequirement(value.trim());
      const line = this.lines.lineOf(where.start);
      if (!requirement) {
        this.notes.push({ line, note: `\`${value}\` is not a PEP 508 requirement; skipped` });
        continue;
      }
      const lead = value.length - value.trimStart().length;
      const start = where.start + lead;
      const declaration = this.base(requirement.name, start, literal ? start + requirement.end : this.lineEnd(start));
      if (requirement.url) {
        declaration.url = requirement.url;
        declaration.specifiers = [];
      } else if (!parseSpecifierSet(requirement.specifier)) {
        this.notes.push({ line, note: `\`${requirement.specifier}\` (${requirement.name}) is not a PEP 440 version specifier; not audited` });
        continue;
      } else {
        declaration.specifiers = [requirement.specifier];
        const pinned = requirement.pinned;
        // Escapes in the literal would shift offsets: only a literal found verbatim gets a fix.
        if (pinned && literal) this.pin(declaration, pinned.version, start, start + pinned.end);
        else if (pinned) declaration.pin = { version: pinned.version, range: declaration.range, before: '', after: '', notFixable: 'its text could not be located exactly' };
      }
      this.declarations.push(declaration);
    }
  }

  /**
   * A table of `name = constraint` entries (Poetry's and Pipfile's): a constraint string, an
   * inline table with `version` (or `git`, `path`, `url`, `file`), or a list of those.
   */
  addDependencyTable(entries: Record<string, unknown>, tablePath: readonly string[], syntax: ConstraintSyntax, skip: readonly string[] = []): void {
    const table = this.positions.tablesAt(tablePath)[0];
    for (const [name, value] of Object.entries(entries)) {
      if (skip.includes(name)) continue;
      const key = table ? this.positions.findKey(table, name) : null;
      const subTable = this.positions.tablesAt([...tablePath, name])[0];
      const keyStart = key?.keyStart ?? subTable?.headerStart ?? table?.headerStart ?? 0;
      const searchFrom = key?.valueStart ?? subTable?.start ?? keyStart;
      const searchTo = subTable?.end ?? table?.end ?? this.text.length;
      const constraints = Array.isArray(value) ? value : [value];
      let cursor = searchFrom;
      for (const constraint of constraints) {
        const located = this.addConstraint(name, constraint, keyStart, cursor, searchTo, syntax);
        if (located) cursor = located;
      }
    }
  }

  /** Returns the offset after the located constraint text, to find the next one after it. */
  private addConstraint(name: string, value: unknown, keyStart: number, from: number, to: number, syntax: ConstraintSyntax): number | null {
    const line = this.lines.lineOf(keyStart);
    let constraint: string;
    if (typeof value === 'string') constraint = value;
    else if (value && typeof value === 'object') {
      const table = value as Record<string, unknown>;
      const source = ['git', 'path', 'url', 'file'].find((k) => typeof table[k] === 'string');
      if (source) {
        const declaration = this.base(name, keyStart, this.lineEnd(keyStart));
        declaration.specifiers = [];
        declaration.url = source === 'git' ? `git+${table[source] as string}` : (table[source] as string);
        const key = (['rev', 'tag', 'branch', 'ref'] as const).find((k) => typeof table[k] === 'string');
        if (source === 'git' && key) declaration.vcsReference = { key, value: table[key] as string };
        this.declarations.push(declaration);
        return null;
      }
      constraint = typeof table.version === 'string' ? table.version : '*';
    } else {
      this.notes.push({ line, note: `${name}: unrecognised dependency value; skipped` });
      return null;
    }
    const specifiers = syntax(constraint);
    if (!specifiers) {
      this.notes.push({ line, note: `\`${constraint}\` (${name}) is not a version constraint FlaskGuard understands; not audited` });
      return null;
    }
    const literal = this.positions.findString(constraint, from, to);
    const declaration = this.base(name, keyStart, this.lineEnd(keyStart));
    declaration.specifiers = specifiers;
    const pinned = specifiers.length === 1 ? parseSpecifierSet(specifiers[0] as string)?.pinned : undefined;
    if (pinned) {
      const at = literal ? constraint.lastIndexOf(pinned) : -1;
      if (literal && at >= 0) this.pin(declaration, pinned, literal.start, literal.start + at + pinned.length);
      else declaration.pin = { version: pinned, range: declaration.range, before: '', after: '', notFixable: 'its text could not be located exactly' };
    }
    this.declarations.push(declaration);
    return literal ? literal.end : null;
  }

  private base(name: string, start: number, end: number): Declaration {
    return {
      file: this.file,
      name,
      package: normalizePackageName(name),
      origin: this.origin,
      range: this.range(start, end),
      text: this.text.slice(start, end),
      specifiers: [''],
    };
  }

  /** A pin whose fix rewrites [start, versionEnd), the version being its last characters. */
  private pin(declaration: Declaration, version: string, start: number, versionEnd: number): void {
    const text = this.text.slice(start, versionEnd);
    declaration.pin = {
      version,
      range: this.range(start, versionEnd),
      before: text.slice(0, text.length - version.length),
      after: '',
    };
  }
}
