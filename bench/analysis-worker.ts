/** One benchmark measurement in a fresh process: parse only, or the whole analysis. Prints JSON. */
import { RULES } from '../rules/index.js';
import { analyze } from '../src/core/analyze.js';
import { parsePython } from '../src/core/python/parser.js';
import { generateProject } from './generate-project.js';
import { lineCount, pythonFiles } from './python-files.js';

const [mode, dir] = process.argv.slice(2);

const files = dir ? pythonFiles(dir) : generateProject(100_000);
const lines = lineCount(files);
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
