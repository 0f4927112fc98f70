/**
 * Cached tree navigation. Every `node.parent` or `node.childForFieldName(...)` through the native
 * binding builds a new node object (a few microseconds); the engine asks the same questions about
 * the same nodes many times (scopes, enclosing functions, statement parts), so the answers are
 * kept per tree, by node id.
 */
import type { SyntaxNode, Tree } from './parser.js';

interface TreeCache {
  parents: Map<number, SyntaxNode | null>;
  fields: Map<number, Map<string, SyntaxNode | null>>;
}

const caches = new WeakMap<Tree, TreeCache>();

/**
 * `node.id` without the native call: a node object holds its id (the address of the node in the
 * tree) as two 32-bit halves, low first, in its first two slots — what the binding's `id` reads.
 */
export function nodeId(node: SyntaxNode): number {
  const slots = node as unknown as ArrayLike<number>;
  return (slots[1] as number) * 0x1_0000_0000 + (slots[0] as number);
}

function cacheOf(node: SyntaxNode): TreeCache {
  let cache = caches.get(node.tree);
  if (!cache) {
    cache = { parents: new Map(), fields: new Map() };
    caches.set(node.tree, cache);
  }
  return cache;
}

export function parentOf(node: SyntaxNode): SyntaxNode | null {
  const { parents } = cacheOf(node);
  const id = nodeId(node);
  let parent = parents.get(id);
  if (parent === undefined) {
    parent = node.parent;
    parents.set(id, parent);
  }
  return parent;
}

export function fieldOf(node: SyntaxNode, name: string): SyntaxNode | null {
  const { fields } = cacheOf(node);
  const id = nodeId(node);
  let byName = fields.get(id);
  if (!byName) {
    byName = new Map();
    fields.set(id, byName);
  }
  let child = byName.get(name);
  if (child === undefined) {
    child = node.childForFieldName(name);
    byName.set(name, child);
  }
  return child;
}

/**
 * Is this the top level of the file? Usually a `module` node, but a file the parser could not
 * make sense of at all has an `ERROR` node at its root.
 */
export function isModuleScope(node: SyntaxNode): boolean {
  return node.type === 'module' || parentOf(node) === null;
}
