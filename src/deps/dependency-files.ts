/**
 * Which repository files declare dependencies, and what they declare: requirements and
 * constraints files (with the files they include through `-r` / `-c`), pyproject.toml,
 * Pipfile, the lock files of Poetry, uv and Pipenv, and the `pip install` commands of
 * Dockerfiles and shell scripts.
 */
import { posix } from 'node:path';
import type { FileNote } from '../core/analyze.js';
import type { Declaration } from './declaration.js';
import { parsePipfileLock, parseTomlLock } from './lockfiles.js';
import { parsePipfile, parsePyproject, type ParsedDependencyFile } from './pyproject.js';
import { parseInstallCommands } from './install-commands.js';
import { parseRequirementsFile, type Include } from './requirements-file.js';

export type DependencyFileType = 'requirements' | 'constraints' | 'pyproject' | 'pipfile' | 'lock' | 'commands';

/** Installed or vendored trees: their requirements are other projects'. */
const VENDORED = /(^|\/)(node_modules|site-packages|\.?venv|\.tox|\.nox)\//;

export function dependencyFileType(path: string): DependencyFileType | null {
  if (VENDORED.test(path)) return null;
  const name = posix.basename(path);
  // `.in`: pip-tools' inputs, which pip-compile turns into the `.txt` beside them.
  if (/^requirements.*\.(txt|in)$/i.test(name) || (/\.(txt|in)$/i.test(name) && posix.basename(posix.dirname(path)) === 'requirements')) return 'requirements';
  if (/^constraints.*\.(txt|in)$/i.test(name)) return 'constraints';
  if (name === 'pyproject.toml') return 'pyproject';
  if (name === 'Pipfile') return 'pipfile';
  if (name === 'poetry.lock' || name === 'uv.lock' || name === 'Pipfile.lock') return 'lock';
  if (/^(Dockerfile|Containerfile)([.-].*)?$|\.dockerfile$|\.sh$/i.test(name)) return 'commands';
  return null;
}

/**
 * Does this repository path declare dependencies? The App fetches these even when a pull
 * request does not touch them. Dockerfiles and shell scripts are audited when they are given
 * (changed, or in a whole-tree scan), not fetched for every review.
 */
export function isDependencyFile(path: string): boolean {
  const type = dependencyFileType(path);
  return type !== null && type !== 'commands';
}

export type IncludeResolution = { path: string } | { outside: string };

/** Where `-r target` in `from` points, relative to `from`'s directory; never outside the repository. */
export function resolveInclude(from: string, target: string): IncludeResolution {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return { outside: 'a URL' };
  const normalized = target.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[a-z]:\//i.test(normalized)) return { outside: 'an absolute path' };
  const path = posix.normalize(posix.join(posix.dirname(from), normalized));
  if (path === '..' || path.startsWith('../')) return { outside: 'outside the repository' };
  return { path };
}

export interface CollectedDeclarations {
  declarations: Declaration[];
  notes: FileNote[];
  /** Every dependency file read, in the order read. */
  files: string[];
  /** For each requirements file, the constraints files that apply to it. */
  constraintsOf: Map<string, Set<string>>;
  /** Repository paths that files include but that were not given: what to fetch next. */
  missing: string[];
}

/** How many files deep `-r` / `-c` chains are followed (pip itself has no limit; real ones are a few deep). */
export const MAX_INCLUDE_DEPTH = 32;

/**
 * Reads every dependency file among `paths` and the files they include; `read` gives a
 * repository file's text, or undefined when the repository (as given) has no such file, and
 * `unread` why a file that exists was not read (too large, outside the project, not a file).
 * Includes that are missing, unread, outside the repository, in a cycle or too deep are noted,
 * not followed.
 */
export function collectDeclarations(
  paths: Iterable<string>,
  read: (path: string) => string | undefined,
  unread: (path: string) => string | undefined = () => undefined,
  fileTypes: ReadonlyMap<string, DependencyFileType> = new Map(),
): CollectedDeclarations {
  const result: CollectedDeclarations = { declarations: [], notes: [], files: [], constraintsOf: new Map(), missing: [] };
  const parsed = new Map<string, { includes: { include: Include; path: string }[] }>();
  const note = (path: string, line: number, text: string) => result.notes.push({ path, note: `line ${line}: ${text}` });

  const visit = (path: string, type: DependencyFileType, stack: string[]): void => {
    if (parsed.has(path)) return;
    const text = read(path);
    if (text === undefined) return;
    const file = parseFile(path, text, type);
    // A Dockerfile or script is a dependency file only when it installs something.
    if (type !== 'commands' || file.declarations.length > 0) result.files.push(path);
    // One at a time: push(...) of 300,000 declarations (a 16 MB file) overflows the stack.
    for (const declaration of file.declarations) result.declarations.push(declaration);
    for (const n of file.notes) note(path, n.line, n.note);
    const entry = { includes: [] as { include: Include; path: string }[] };
    parsed.set(path, entry);
    for (const include of file.includes) {
      const resolved = resolveInclude(path, include.target);
      if ('outside' in resolved) {
        note(path, include.line, `\`${include.target}\` is ${resolved.outside}; not followed`);
        continue;
      }
      if (stack.includes(resolved.path) || resolved.path === path) {
        note(path, include.line, `include cycle: ${[...stack, path, resolved.path].join(' → ')}; not followed again`);
        continue;
      }
      if (stack.length + 1 >= MAX_INCLUDE_DEPTH) {
        note(path, include.line, `includes \`${include.target}\`, past a chain of ${MAX_INCLUDE_DEPTH} files from ${stack[0] ?? path}; not followed deeper`);
        continue;
      }
      if (read(resolved.path) === undefined) {
        const why = unread(resolved.path);
        if (why !== undefined) note(path, include.line, `includes \`${include.target}\`, which was not read: ${why}`);
        else {
          if (!result.missing.includes(resolved.path)) result.missing.push(resolved.path);
          note(path, include.line, `includes \`${include.target}\`, which is not in the repository`);
        }
        continue;
      }
      entry.includes.push({ include, path: resolved.path });
      visit(resolved.path, include.kind, [...stack, path]);
    }
  };

  const typeOf = (path: string) => fileTypes.get(path) ?? dependencyFileType(path);
  const roots = [...paths].filter((p) => typeOf(p) !== null).sort();
  for (const path of roots) visit(path, typeOf(path) as DependencyFileType, []);

  // Constraints that apply to a requirements file: those it reaches through -r and -c, and the
  // constraints files beside it (pip is usually run with `-c constraints.txt -r requirements.txt`).
  const reach = (path: string, seen: Set<string>): Set<string> => {
    const constraints = new Set<string>();
    if (seen.has(path)) return constraints;
    seen.add(path);
    for (const { include, path: target } of parsed.get(path)?.includes ?? []) {
      if (include.kind === 'constraints') constraints.add(target);
      for (const c of reach(target, seen)) constraints.add(c);
    }
    return constraints;
  };
  for (const path of result.files) {
    const constraints = reach(path, new Set());
    for (const other of result.files) {
      if (dependencyFileType(other) === 'constraints' && posix.dirname(other) === posix.dirname(path) && other !== path) constraints.add(other);
    }
    result.constraintsOf.set(path, constraints);
  }
  return result;
}

interface ParsedFile extends ParsedDependencyFile {
  includes: Include[];
}

function parseFile(path: string, text: string, type: DependencyFileType): ParsedFile {
  const name = posix.basename(path);
  switch (type) {
    case 'requirements':
    case 'constraints':
      return parseRequirementsFile(path, text, type);
    case 'pyproject':
      return { ...parsePyproject(path, text), includes: [] };
    case 'pipfile':
      return { ...parsePipfile(path, text), includes: [] };
    case 'lock':
      return { ...(name === 'Pipfile.lock' ? parsePipfileLock(path, text) : parseTomlLock(path, text)), includes: [] };
    case 'commands':
      return { ...parseInstallCommands(path, text), includes: [] };
  }
}
