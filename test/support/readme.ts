/** The fenced yaml blocks of README.md, parsed: the snippets users paste. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/version.js';

export function readmeYamlBlocks(): { text: string; value: unknown }[] {
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => ({ text: m[1] as string, value: parse(m[1] as string) as unknown }));
}
