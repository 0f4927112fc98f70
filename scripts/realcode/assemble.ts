/**
 * Reads an installed Debian package back as a repository: `dpkg -L` lists its files; Python
 * sources and templates keep their paths below `dist-packages/` (or the package's `/usr/share`
 * or `/etc` folder), and the egg-info/dist-info metadata becomes the root `PKG-INFO`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileKind, type SourceFile } from '../../src/core/files.js';
import type { RealProject } from './packages.js';

const DIST_PACKAGES = '/usr/lib/python3/dist-packages/';
/** Where a package's own files sit, longest prefix first: what is left is the repository path. */
const PREFIXES = [DIST_PACKAGES, /^\/usr\/share\/(?!doc\/|man\/|locale\/|icons\/|applications\/|bash-completion\/)[^/]+\//, /^\/etc\/[^/]+\//] as const;
const METADATA = /\.(egg|dist)-info\/(PKG-INFO|METADATA)$/;

export function installedPackages(packages: readonly string[]): { installed: string[]; missing: string[] } {
  const installed: string[] = [];
  const missing: string[] = [];
  for (const name of packages) {
    try {
      const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      (status.includes('install ok installed') ? installed : missing).push(name);
    } catch {
      missing.push(name);
    }
  }
  return { installed, missing };
}

export function projectFiles(project: RealProject): SourceFile[] {
  const files = new Map<string, SourceFile>();
  for (const pkg of project.packages) {
    const listed = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n');
    for (const absolute of listed) {
      const path = METADATA.test(absolute) && absolute.startsWith(DIST_PACKAGES) ? 'PKG-INFO' : repositoryPath(absolute);
      if (!path || (path !== 'PKG-INFO' && !fileKind(path)) || files.has(path)) continue;
      let stats;
      try {
        stats = statSync(absolute);
      } catch {
        continue; // a dangling link in the package
      }
      if (stats.isFile()) files.set(path, { path, content: readFileSync(absolute) });
    }
  }
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

function repositoryPath(absolute: string): string | undefined {
  for (const prefix of PREFIXES) {
    if (typeof prefix === 'string') {
      if (absolute.startsWith(prefix)) return absolute.slice(prefix.length);
    } else {
      const match = prefix.exec(absolute);
      if (match) return absolute.slice(match[0].length);
    }
  }
  return undefined;
}
