/**
 * `node dist/bench/parse-only.js DIR`: the physical limit the whole CLI run is compared with, as a
 * process of its own (Node's start-up and tree-sitter's loading included): read every Python file
 * under DIR and parse it once with tree-sitter. Prints the files and lines as JSON.
 */
import { parsePython } from '../src/core/python/parser.js';
import { lineCount, pythonFiles } from './python-files.js';

const files = pythonFiles(process.argv[2] ?? '.');
for (const file of files) parsePython(String(file.content));
console.log(JSON.stringify({ files: files.length, lines: lineCount(files) }));
