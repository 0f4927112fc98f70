/**
 * The example answers of GitHub's API description (`components.examples`), deep-copied: the
 * shapes of resources the simulator holds little of (issues, installations) start from them and
 * get the simulated values where the App reads them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let examples: Record<string, { value: unknown }> | undefined;

export function example<T = Record<string, unknown>>(name: string): T {
  examples ??= (require('@octokit/openapi/generated/api.github.com.json') as { components: { examples: Record<string, { value: unknown }> } }).components.examples;
  const found = examples[name];
  if (!found) throw new Error(`GitHub's API description has no example ${name}`);
  return structuredClone(found.value) as T;
}
