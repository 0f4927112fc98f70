/**
 * The files `flaskguard audit` reads: the dependency files under the given directories (walked as
 * `scan` walks them), the files given by name whatever their names (`deps/prod.txt` is read as a
 * requirements file), and what they include through `-r` / `-c`.
 */
import { realpathSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { pathFilter, type FileNote } from '../core/analyze.js';
import type { SourceFile } from '../core/files.js';
import type { Config } from '../config/schema.js';
import { dependencyFileType, isDependencyFile, MAX_INCLUDE_DEPTH, type DependencyFileType } from '../deps/dependency-files.js';
import { missingDependencyFiles } from '../deps/missing.js';
import { collectFiles, collectIncludes, toRepoPath } from './collect.js';
import { readProjectFile } from './read-file.js';
import { UsageError } from './options.js';

export interface AuditFiles {
  files: SourceFile[];
  skipped: FileNote[];
  unread: FileNote[];
  /** Types of the files given by name whose names do not say. */
  fileTypes: Map<string, DependencyFileType>;
}

/** What a file given by name is read as when its name is none of the known ones. */
function typeByName(path: string): DependencyFileType {
  const name = posix.basename(path);
  if (name.endsWith('.toml')) return 'pyproject';
  return /constraint/i.test(name) ? 'constraints' : 'requirements';
}

export function collectAuditFiles(root: string, targets: readonly string[], config: Config): AuditFiles {
  const maxBytes = config.max_file_size_kb * 1024;
  const inConfig = pathFilter(config);
  const out: AuditFiles = { files: [], skipped: [], unread: [], fileTypes: new Map() };
  const realRoot = realpathSync(root);
  for (const target of targets) {
    if (statSync(target).isDirectory()) {
      const walked = collectFiles(root, [target], maxBytes, (p) => isDependencyFile(p) && inConfig(p));
      out.files.push(...walked.files.filter((f) => !out.files.some((o) => o.path === f.path)));
      out.skipped.push(...walked.skipped);
      continue;
    }
    // A file named on the command line is audited as asked, even when `paths` leaves it out.
    const path = toRepoPath(root, target);
    const read = readProjectFile(realRoot, path, maxBytes);
    if ('content' in read) {
      if (!out.files.some((o) => o.path === path)) out.files.push({ path, content: read.content });
      if (dependencyFileType(path) === null) out.fileTypes.set(path, typeByName(path));
    } else if ('tooLarge' in read) throw new UsageError(`${path} is larger than ${config.max_file_size_kb} KB (max_file_size_kb); not audited.`);
    else if ('refused' in read) throw new UsageError(`${path} cannot be audited: ${read.refused}.`);
  }
  out.unread.push(...out.skipped);
  for (let depth = 0; depth < MAX_INCLUDE_DEPTH; depth++) {
    const more = collectIncludes(root, missingDependencyFiles(out.files, out.unread, out.fileTypes), maxBytes, inConfig);
    out.files.push(...more.files);
    out.unread.push(...more.unread);
    if (more.files.length === 0) break;
  }
  return out;
}
