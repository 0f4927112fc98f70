import { describe, expect, it } from '@jest/globals';
import { nodeId } from '../../src/core/python/nav.js';
import type { SyntaxNode } from '../../src/core/python/parser.js';
import { parsePython } from '../../src/core/python/parser.js';

function everyNode(node: SyntaxNode): SyntaxNode[] {
  return [node, ...node.children.flatMap(everyNode)];
}

describe('nodeId', () => {
  it('is the id the binding gives every node, named or not, and differs between nodes', () => {
    const tree = parsePython('from flask import request\n\n@app.route("/<name>")\ndef hello(name):\n    return f"<p>{name} {request.args[\'q\']}</p>"\n');
    const nodes = everyNode(tree.rootNode);
    expect(nodes.length).toBeGreaterThan(30);
    for (const node of nodes) expect(nodeId(node)).toBe(node.id);
    expect(new Set(nodes.map(nodeId)).size).toBe(new Set(nodes.map((n) => n.id)).size);
  });
});
