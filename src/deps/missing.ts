/** What the App still has to fetch: files that the given dependency files include but that were not given. */
import { decodeSource, type SourceFile } from '../core/files.js';
import { collectDeclarations } from './dependency-files.js';

export function missingDependencyFiles(files: readonly SourceFile[]): string[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const read = (path: string) => {
    const file = byPath.get(path);
    const decoded = file ? decodeSource(file.content) : undefined;
    return decoded?.ok ? decoded.text : undefined;
  };
  return collectDeclarations(byPath.keys(), read).missing;
}
