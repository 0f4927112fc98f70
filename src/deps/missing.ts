/**
 * What is still to fetch: files that the given dependency files include but that were not given,
 * nor tried already (`unread`: files found but not read).
 */
import type { FileNote } from '../core/analyze.js';
import { decodeSource, type SourceFile } from '../core/files.js';
import { collectDeclarations, type DependencyFileType } from './dependency-files.js';

export function missingDependencyFiles(files: readonly SourceFile[], unread: readonly FileNote[] = [], fileTypes?: ReadonlyMap<string, DependencyFileType>): string[] {
  const tried = new Set(unread.map((n) => n.path));
  const byPath = new Map(files.map((f) => [f.path, f]));
  const read = (path: string) => {
    const file = byPath.get(path);
    const decoded = file ? decodeSource(file.content) : undefined;
    return decoded?.ok ? decoded.text : undefined;
  };
  return collectDeclarations(byPath.keys(), read, (path) => (tried.has(path) ? 'tried' : undefined), fileTypes).missing;
}
