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

/** Parses Python source. The tree keeps the string, so a node's text is a plain substring of it. */
export function parsePython(text: string): Tree {
  return pythonParser().parse(text);
}
