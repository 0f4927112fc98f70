/** The one tree-sitter Python parser of the process (native bindings, loaded through createRequire in ESM). */
import { createRequire } from 'node:module';
import type Parser from 'tree-sitter';
import { timed } from '../timing.js';

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

/** A parse given up because its `stop` check said so. */
export class ParseStopped extends Error {}

/**
 * Parses Python source. The tree keeps the string, so a node's text is a plain substring of it.
 * `stop` is asked as the parser goes (every few hundred bytes): tree-sitter's error recovery can
 * take minutes on some broken files, and true gives up with ParseStopped.
 */
export function parsePython(text: string, stop?: () => boolean): Tree {
  return timed('parse', () => parse(text, stop));
}

function parse(text: string, stop?: () => boolean): Tree {
  const parser = pythonParser();
  if (!stop) return parser.parse(text);
  let stopped = false;
  const tree = parser.parse(text, null, { progressCallback: () => (stopped = stop()) });
  if (!stopped) return tree;
  // What a halted parse returns has no root; and the parser resumes it on its next call unless reset.
  parser.reset();
  throw new ParseStopped();
}
