/** One benchmark measurement in a fresh process: parse only, or the whole analysis. Prints JSON. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from '../rules/index.js';
import { analyze } from '../src/core/analyze.js';
import type { SourceFile } from '../src/core/files.js';
import { parsePython } from '../src/core/python/parser.js';
import { generateProject } from './generate-project.js';

const [mode, dir] = process.argv.slice(2);

function walk(root: string, at = root): SourceFile[] {
  return readdirSync(at).flatMap((name) => {
    const path = join(at, name);
    if (statSync(path).isDirectory()) return name.startsWith('.') || name === 'node_modules' ? [] : walk(root, path);
    return path.endsWith('.py') ? [{ path: relative(root, path), content: readFileSync(path, 'utf8') }] : [];
  });
}

const files = dir ? walk(dir) : generateProject(100_000);
const lines = files.reduce((n, f) => n + String(f.content).split('\n').length, 0);
let findings = 0;
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
if (mode === 'parse') {
  for (const file of files) parsePython(String(file.content));
} else {
  findings = analyze(files, { rules: RULES }).findings.length;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ mode, files: files.length, lines, ms, cpuMs, maxRssMb, findings }));
