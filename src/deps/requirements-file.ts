/**
 * A pip requirements or constraints file: its requirements (with positions), the files it
 * includes with `-r` / `-c`, and notes about lines that cannot be audited. Index options
 * (`-i`, `--extra-index-url`, `-f`, `--pre`, …) do not change what is declared and are skipped.
 */
import { LineIndex } from '../core/lines.js';
import type { Range } from '../core/types.js';
import type { Declaration, DeclarationNote } from './declaration.js';
import { logicalLines } from './logical-lines.js';
import { normalizePackageName } from './names.js';
import { parseRequirement } from './requirement.js';
import { parseSpecifierSet } from './versions.js';

export interface Include {
  kind: 'requirements' | 'constraints';
  /** The path as written, relative to the including file. */
  target: string;
  line: number;
}

export interface RequirementsFile {
  declarations: Declaration[];
  includes: Include[];
  notes: DeclarationNote[];
}

const INCLUDE = /^(?:-(r|c)\s*|--(requirement|constraint)(?:\s*=\s*|\s+))(\S+)$/;
const EDITABLE = /^(?:-e\s*|--editable(?:\s*=\s*|\s+))(\S+)/;
const HASH_OPTION = /(^|\s)--hash(\s|=)/;
/** Per-requirement options start at the first whitespace-separated token that starts with `-`. */
const OPTIONS = /\s-/;

export function parseRequirementsFile(path: string, text: string, kind: Include['kind']): RequirementsFile {
  const lines = new LineIndex(text);
  const result: RequirementsFile = { declarations: [], includes: [], notes: [] };
  const all = logicalLines(text);
  const requireHashes = all.some((l) => l.text === '--require-hashes');
  for (const logical of all) {
    const include = INCLUDE.exec(logical.text);
    if (include) {
      const flag = include[1] ?? include[2];
      result.includes.push({ kind: flag === 'c' || flag === 'constraint' ? 'constraints' : 'requirements', target: include[3] as string, line: logical.line });
      continue;
    }
    const editable = EDITABLE.exec(logical.text);
    if (!editable && logical.text.startsWith('-')) continue;
    const start = editable ? logical.text.indexOf(editable[1] as string) : 0;
    const options = OPTIONS.exec(logical.text.slice(start));
    const end = options ? start + options.index : logical.text.length;
    const requirementText = logical.text.slice(start, end);
    const requirement = parseRequirement(requirementText);
    if (!requirement) {
      if (!editable) result.notes.push({ line: logical.line, note: `\`${requirementText}\` is not a requirement pip understands; skipped` });
      continue;
    }
    const at = (offset: number) => logical.offsets[start + offset] as number;
    // Just past the last character of a span, on that character's physical line.
    const endAt = (offset: number) => (logical.offsets[start + offset - 1] as number) + 1;
    const declaration: Declaration = {
      file: path,
      name: requirement.name,
      package: normalizePackageName(requirement.name),
      origin: kind,
      ...spanOf(lines, at(0), endAt(requirement.end)),
      specifiers: requirement.url ? [] : [requirement.specifier],
    };
    if (requirement.url) declaration.url = requirement.url;
    else if (!parseSpecifierSet(requirement.specifier)) {
      result.notes.push({ line: logical.line, note: `\`${requirement.specifier}\` (${requirement.name}) is not a PEP 440 version specifier; not audited` });
      continue;
    }
    const pinned = requirement.pinned;
    if (pinned) {
      const whole = spanOf(lines, at(0), endAt(pinned.end));
      const span = whole.range.startLine === whole.range.endLine ? whole : spanOf(lines, at(pinned.start), endAt(pinned.end));
      const versionAt = span.text.lastIndexOf(pinned.version);
      declaration.pin = {
        version: pinned.version,
        range: span.range,
        before: span.text.slice(0, versionAt),
        after: span.text.slice(versionAt + pinned.version.length),
      };
      if (HASH_OPTION.test(logical.text.slice(end)) || requireHashes)
        declaration.pin.notFixable = 'its hashes must be regenerated with the new version';
    }
    result.declarations.push(declaration);
  }
  return result;
}

function spanOf(lines: LineIndex, start: number, end: number): { range: Range; text: string } {
  const from = lines.position(start);
  const to = lines.position(end);
  return {
    range: { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column },
    text: lines.text.slice(start, end),
  };
}
