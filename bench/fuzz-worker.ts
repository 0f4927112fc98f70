/**
 * One scan of a fuzz project in a fresh process, as the command line runs it
 * (`flaskguard scan DIR --format F --output …`); for the JSON format also which of the files the
 * scan collects are accounted for — analyzed, audited, or listed as skipped. Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli.js';
import { collectFiles } from '../src/cli/collect.js';
import { loadConfig } from '../src/cli/run.js';
import { pathFilter } from '../src/core/analyze.js';
import { fileKind } from '../src/core/files.js';

export interface WorkerResult {
  code: number;
  format: string;
  /** Files the scan collects that are neither analyzed, audited nor listed as skipped. */
  unaccounted: string[];
  collected: number;
  findings: number;
  skipped: number;
  /** The scan's own time, and this process's peak resident set. */
  ms: number;
  maxRssKb: number;
}

interface JsonReport {
  findings: unknown[];
  skipped: { path: string }[];
  files: { analyzed: string[]; audited: string[] };
}

const [dir, format = 'text'] = process.argv.slice(2) as [string, string?];
const out = mkdtempSync(join(tmpdir(), 'flaskguard-fuzz-out-'));
const started = performance.now();
const code = await main(['scan', dir, '--format', format, '--output', join(out, `report.${format}`)]);
const ms = performance.now() - started;

let unaccounted: string[] = [];
let collected = 0;
let findings = 0;
let skipped = 0;
if (format === 'json' && (code === 0 || code === 1)) {
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
  const config = await loadConfig(dir);
  const files = collectFiles(dir, [dir], config.max_file_size_kb * 1024, pathFilter(config));
  // Packaging metadata is read only to tell a library from an application.
  const paths = [...files.files.map((f) => f.path), ...files.skipped.map((s) => s.path)].filter((p) => fileKind(p) !== 'package');
  const accounted = new Set([...report.files.analyzed, ...report.files.audited, ...report.skipped.map((s) => s.path)]);
  unaccounted = paths.filter((p) => !accounted.has(p));
  collected = paths.length;
  findings = report.findings.length;
  skipped = report.skipped.length;
}
rmSync(out, { recursive: true, force: true });
const result: WorkerResult = { code, format, unaccounted, collected, findings, skipped, ms, maxRssKb: process.resourceUsage().maxRSS };
process.stdout.write(`${JSON.stringify(result)}\n`);
