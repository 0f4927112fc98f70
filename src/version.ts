/** FlaskGuard's own version, read from package.json (found from this file, in src/ or dist/src/). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageJson(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found');
    dir = parent;
  }
  return join(dir, 'package.json');
}

const manifest = JSON.parse(readFileSync(findPackageJson(), 'utf8')) as { version: string; homepage?: string };

export const PACKAGE_ROOT = dirname(findPackageJson());
export const VERSION = manifest.version;
/** Where FlaskGuard is published, when package.json says (used for links in SARIF). */
export const HOMEPAGE: string | undefined = manifest.homepage;
