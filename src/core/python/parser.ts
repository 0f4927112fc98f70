/** The one tree-sitter Python parser of the process (native bindings, loaded through createRequire in ESM). */
import { createRequire } from 'node:module';
import type Parser from 'tree-sitter';

const require = createRequire(import.meta.url);

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;

let parser: Parser | undefined;

function pythonParser(): Parser {
  if (!parser) {
    const TreeSitter = require('tree-sitter') as typeof Parser;
    const python = require('tree-sitter-python') as Parser.Language;
    parser = new TreeSitter();
    parser.setLanguage(python);
  }
  return parser;
}

/**
 * tree-sitter reads large inputs through a callback; a plain string is limited in size
 * by the binding, so feed it in chunks.
 */
const CHUNK = 64 * 1024;

export function parsePython(text: string): Tree {
  return pythonParser().parse((index: number) => text.slice(index, index + CHUNK));
}
