/** Files shipped with FlaskGuard (data/), found from this module whether it runs from src/ or dist/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest directory above this module that holds package.json: FlaskGuard's own. */
export function projectFile(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('FlaskGuard installation without package.json');
    dir = parent;
  }
  return join(dir, relative);
}
