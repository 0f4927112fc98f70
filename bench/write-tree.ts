/** Writes files into a new temporary folder, for the benchmarks that run the command line on a tree. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SourceFile } from '../src/core/files.js';

export function writeTree(prefix: string, files: readonly SourceFile[]): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  return dir;
}
