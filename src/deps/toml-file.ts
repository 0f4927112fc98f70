/** TOML parsing with smol-toml; a syntax error becomes a note with its line. */
import { parse, TomlError } from 'smol-toml';
import type { DeclarationNote } from './declaration.js';

export type TomlParse = { ok: true; value: Record<string, unknown> } | { ok: false; note: DeclarationNote };

export function parseToml(text: string): TomlParse {
  try {
    return { ok: true, value: parse(text) as Record<string, unknown> };
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const reason = (error as Error).message.split('\n')[0] as string;
    return { ok: false, note: { line, note: `not valid TOML (${reason}); not audited` } };
  }
}

/** The value at a path of nested tables, when it is a table. */
export function tableAt(value: unknown, path: readonly string[]): Record<string, unknown> | undefined {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : undefined;
}
