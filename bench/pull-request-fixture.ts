/** What both modes of `npm run bench:pr` review: a small Flask shop and pull requests of generated Python modules. */
import type { SimPullRequest, SimRepository, Stack } from '../test/simulator/index.js';
import { generateModules } from './generate-project.js';

export const BASE = {
  'requirements.txt': 'Flask==3.1.3\nWerkzeug==3.1.9\nFlask-Login==0.6.3\nFlask-SQLAlchemy==3.1.1\nFlask-WTF==1.2.1\ngunicorn==23.0.0\n',
  'shop/__init__.py': 'from flask import Flask\n\n\ndef create_app():\n    return Flask(__name__)\n',
};

/** `count` pull requests that each add `files` generated modules, and a file of their own so that no two share a head SHA. */
export async function openPulls(stack: Stack, repo: SimRepository, count: number, files: number, first = 1): Promise<SimPullRequest[]> {
  const modules = Object.fromEntries(generateModules(files).map((f) => [f.path, String(f.content)]));
  const pulls: SimPullRequest[] = [];
  for (let i = first; i < first + count; i++) {
    const changes = { files: { ...modules, [`shop/change_${i}.py`]: `CHANGE = ${i}\n` } };
    pulls.push(await stack.sim.store.openPullRequest(repo, { branch: `change-${i}`, changes }));
  }
  return pulls;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
