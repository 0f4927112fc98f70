/** Installs the Debian packages of the real-code projects that are missing (as root, with apt-get). */
import { execFileSync } from 'node:child_process';
import { installedPackages } from './assemble.js';
import { ALL_PACKAGES } from './packages.js';

/** Returns the packages still missing afterwards (all of them when not root). */
export function installMissing(): string[] {
  const { missing } = installedPackages(ALL_PACKAGES);
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) {
    console.log(`not root: cannot install ${missing.join(', ')}; those projects are left out`);
    return missing;
  }
  console.log(`installing ${missing.join(', ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  return installedPackages(ALL_PACKAGES).missing;
}
