/**
 * `npm run bench -- --real`: the Flask applications Debian packages (the real-code corpus of
 * `npm run realcode`), written out as one tree of projects so that the benchmark reads real code.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { installedPackages, projectFiles } from '../scripts/realcode/assemble.js';
import { REAL_PROJECTS } from '../scripts/realcode/packages.js';

/** The directory holding one folder per installed application; throws naming what to install when none is. */
export function realTree(): { dir: string; projects: string[] } {
  const applications = REAL_PROJECTS.filter((p) => p.kind === 'application');
  const { missing } = installedPackages(applications.flatMap((p) => p.packages));
  const present = applications.filter((p) => p.packages.every((pkg) => !missing.includes(pkg)));
  if (present.length === 0) throw new Error(`none of Debian's Flask applications is installed: run npm run realcode (as root) or apt-get install ${missing.join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'flaskguard-real-'));
  for (const project of present) {
    for (const file of projectFiles(project)) {
      const path = join(dir, project.name, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
  }
  return { dir, projects: present.map((p) => p.name) };
}
