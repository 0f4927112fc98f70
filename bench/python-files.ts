/** The Python files of a folder, read as the benchmarks' parse-only processes read them. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from '../src/core/files.js';

/** Every `.py` file under `root`, skipping dot-directories and node_modules. */
export function pythonFiles(root: string, at = root): SourceFile[] {
  return readdirSync(at).flatMap((name) => {
    const path = join(at, name);
    if (statSync(path).isDirectory()) return name.startsWith('.') || name === 'node_modules' ? [] : pythonFiles(root, path);
    return path.endsWith('.py') ? [{ path: relative(root, path), content: readFileSync(path, 'utf8') }] : [];
  });
}

export function lineCount(files: readonly SourceFile[]): number {
  return files.reduce((n, f) => n + String(f.content).split('\n').length, 0);
}
