/**
 * YAML deployment files: docker-compose `environment:` (map or `NAME=value` list), Kubernetes
 * `env:` (`- name: X` / `value: "1"`), CI `env:` maps; `command:`, `args:`, `entrypoint:`, `run:`.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode, type Pair } from 'yaml';
import type { CommandText, DeploymentFacts } from './types.js';

const ENV_KEYS = new Set(['environment', 'env']);
const COMMAND_KEYS = new Set(['command', 'args', 'entrypoint', 'run', 'cmd']);

export function yamlFacts(text: string): DeploymentFacts {
  const facts: DeploymentFacts = { env: [], commands: [] };
  let documents;
  try {
    documents = parseAllDocuments(text, { schema: 'core', uniqueKeys: false });
  } catch (error) {
    return { ...facts, problem: `not valid YAML (${(error as Error).message.split('\n')[0]})` };
  }
  if (!Array.isArray(documents)) return facts;
  for (const doc of documents) {
    if (doc.errors.length > 0) return { env: [], commands: [], problem: `not valid YAML (${doc.errors[0]?.message.split('\n')[0]})` };
    visit(doc.contents as YamlNode | null, facts);
  }
  return facts;
}

function visit(node: YamlNode | null, facts: DeploymentFacts, depth = 0): void {
  if (!node || depth > 100) return;
  if (isMap(node)) {
    for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (ENV_KEYS.has(key)) collectEnv(pair.value, facts);
      else if (COMMAND_KEYS.has(key)) collectCommand(pair.value, facts);
      visit(pair.value, facts, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const item of node.items as YamlNode[]) visit(item, facts, depth + 1);
  }
}

function collectEnv(node: YamlNode | null, facts: DeploymentFacts): void {
  if (isMap(node)) {
    for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const value = isScalar(pair.value) ? String(pair.value.value ?? '') : '';
      const end = pair.value?.range?.[1] ?? pair.key.range[1];
      facts.env.push({ name: String(pair.key.value), value, start: pair.key.range[0], end });
    }
  } else if (isSeq(node)) {
    for (const item of node.items as YamlNode[]) {
      if (isScalar(item) && item.range && typeof item.value === 'string') {
        // compose list form: - FLASK_DEBUG=1
        const eq = item.value.indexOf('=');
        if (eq > 0) facts.env.push({ name: item.value.slice(0, eq), value: item.value.slice(eq + 1), start: item.range[0], end: item.range[1] });
      } else if (isMap(item) && item.range) {
        // Kubernetes form: - name: FLASK_DEBUG / value: "1"
        const name = item.get('name');
        const value = item.get('value');
        if (typeof name === 'string' && value !== undefined && value !== null && typeof value !== 'object')
          facts.env.push({ name, value: String(value), start: item.range[0], end: item.range[1] });
      }
    }
  }
}

function collectCommand(node: YamlNode | null, facts: DeploymentFacts): void {
  if (isScalar(node) && node.range && typeof node.value === 'string') {
    facts.commands.push({ text: node.value, start: node.range[0], end: node.range[1] } satisfies CommandText);
  } else if (isSeq(node) && node.range) {
    const parts = (node.items as YamlNode[]).filter(isScalar).map((s) => String(s.value));
    facts.commands.push({ text: parts.join(' '), start: node.range[0], end: node.range[1] });
  }
}
