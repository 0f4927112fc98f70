/**
 * `scan --fix` and `scan --diff`: the safe fixes the rules offer, applied like `ruff --fix`.
 * Rounds of analysis and fixing run over the files in memory until no fix applies (a fix left out
 * because it overlapped another is reconsidered on the new text). `--fix` then writes each
 * changed file, unless it changed on disk since it was read, and reports what remains from a
 * fresh analysis of the files on disk; `--diff` prints the changes as a unified diff instead and
 * writes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFixes } from '../core/fixes.js';
import { decodeSource, type SourceFile } from '../core/files.js';
import type { Finding } from '../core/types.js';
import type { AdvisorySource } from '../deps/advisory.js';
import { advisorySource, buildReport, exitCode, writeReport, type RunInput } from './run.js';

/** Enough for fixes that open the way for others; each round is a whole analysis. */
const MAX_ROUNDS = 10;
const BOM = '\uFEFF';

export interface FixedFile {
  path: string;
  /** The bytes the fixes were computed from. */
  original: Uint8Array | string;
  text: string;
  fixed: Finding[];
}

export async function fixFiles(input: RunInput, mode: 'write' | 'diff'): Promise<number> {
  const source = await advisorySource(input.options);
  const changes = await fixInMemory(input, source);
  const fixedCount = changes.reduce((n, c) => n + c.fixed.length, 0);
  if (mode === 'diff') {
    const { createTwoFilesPatch } = await import('diff');
    for (const change of changes) {
      const before = decodedText(change.original) ?? '';
      process.stdout.write(createTwoFilesPatch(`a/${change.path}`, `b/${change.path}`, before, change.text, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''));
    }
    process.stderr.write(`flaskguard: ${fixedCount} fix${fixedCount === 1 ? '' : 'es'} would be applied in ${changes.length} file${changes.length === 1 ? '' : 's'} (nothing written).\n`);
    return changes.length > 0 ? 1 : 0;
  }
  const { written, stale } = writeFixedFiles(input.root, changes);
  for (const change of written) for (const f of change.fixed) process.stderr.write(`fixed: ${f.file}:${f.startLine}:${f.startColumn} ${f.ruleId}\n`);
  for (const path of stale) process.stderr.write(`flaskguard: ${path} changed since it was read; left as it is.\n`);
  const files = input.files.map((f) => ({ path: f.path, content: readFileSync(join(input.root, f.path)) }));
  const report = await buildReport({ ...input, files }, source);
  const count = written.reduce((n, c) => n + c.fixed.length, 0);
  process.stderr.write(`flaskguard: fixed ${count} finding${count === 1 ? '' : 's'} in ${written.length} file${written.length === 1 ? '' : 's'}; ${report.findings.length} remain${report.findings.length === 1 ? 's' : ''}.\n`);
  writeReport(report, input.options, input.root);
  return exitCode(report, input);
}

/** Analysis and fixing in rounds, in memory; returns the files that changed. */
export async function fixInMemory(input: RunInput, source: AdvisorySource): Promise<FixedFile[]> {
  const originals = new Map(input.files.map((f) => [f.path, f.content]));
  const texts = new Map<string, string>();
  const fixed = new Map<string, Finding[]>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const files: SourceFile[] = input.files.map((f) => ({ path: f.path, content: texts.get(f.path) ?? f.content }));
    const report = await buildReport({ ...input, files }, source);
    let changed = false;
    for (const [path, findings] of groupByFile(report.findings.filter((f) => f.fix !== undefined))) {
      const text = texts.get(path) ?? decodedText(originals.get(path) ?? '');
      // Undecodable bytes would be lost on writing: such a file is never fixed.
      if (text === undefined) continue;
      const result = applyFixes(text, findings);
      if (result.applied.length === 0) continue;
      texts.set(path, result.text);
      fixed.set(path, [...(fixed.get(path) ?? []), ...result.applied]);
      changed = true;
    }
    if (!changed) break;
  }
  return [...texts].map(([path, text]) => ({ path, original: originals.get(path) ?? '', text, fixed: fixed.get(path) ?? [] }));
}

/** Writes each file whose bytes on disk are still those the fixes came from (keeping a BOM). */
export function writeFixedFiles<T extends FixedFile>(root: string, changes: readonly T[]): { written: T[]; stale: string[] } {
  const written: T[] = [];
  const stale: string[] = [];
  for (const change of changes) {
    const absolute = join(root, change.path);
    const original = Buffer.from(change.original);
    let current: Buffer;
    try {
      current = readFileSync(absolute);
    } catch {
      stale.push(change.path);
      continue;
    }
    if (!current.equals(original)) {
      stale.push(change.path);
      continue;
    }
    const bom = original.subarray(0, 3).equals(Buffer.from(BOM)) ? BOM : '';
    writeFileSync(absolute, bom + change.text);
    written.push(change);
  }
  return { written, stale };
}

/** The file's text, or undefined when it is not valid UTF-8 (or binary). */
function decodedText(content: Uint8Array | string): string | undefined {
  const decoded = decodeSource(content);
  return decoded.ok && decoded.note === undefined ? decoded.text : undefined;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) out.set(f.file, [...(out.get(f.file) ?? []), f]);
  return out;
}
