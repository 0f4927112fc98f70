/**
 * `npm run bench -- --real`: the Flask applications Debian packages (the real-code corpus of
 * `npm run realcode`), installed when missing (as root), written out as one tree of projects so
 * that the benchmark reads real code.
 */
import { installedPackages, projectFiles } from '../scripts/realcode/assemble.js';
import { installMissing } from '../scripts/realcode/install.js';
import { REAL_PROJECTS } from '../scripts/realcode/packages.js';
import { writeTree } from './write-tree.js';

/** The directory holding one folder per installed application; throws naming what to install when none is. */
export function realTree(): { dir: string; projects: string[] } {
  installMissing();
  const applications = REAL_PROJECTS.filter((p) => p.kind === 'application');
  const { missing } = installedPackages(applications.flatMap((p) => p.packages));
  const present = applications.filter((p) => p.packages.every((pkg) => !missing.includes(pkg)));
  if (present.length === 0) throw new Error(`none of Debian's Flask applications is installed: run npm run realcode (as root) or apt-get install ${missing.join(' ')}`);
  const files = present.flatMap((project) => projectFiles(project).map((file) => ({ ...file, path: `${project.name}/${file.path}` })));
  return { dir: writeTree('flaskguard-real-', files), projects: present.map((p) => p.name) };
}
