/**
 * One finding per vulnerable pin. A project often states the same pin in several files —
 * `pyproject.toml`, a `requirements.txt` exported from it, and `uv.lock`/`poetry.lock` — and
 * fixing it is one change, made in the file a person edits (the others are regenerated). The
 * declarations of one package at one version in one project are grouped; the finding goes to the
 * edited one and names the rest.
 *
 * A library's development lock file is not a deployment: when the repository publishes a package
 * (a pyproject with a build system and a name) whose runtime requirement admits a version that
 * clears the advisories, a vulnerable pin in its own lock file affects only its developers.
 */
import { posix } from 'node:path';
import { packageIdentity } from '../core/package-metadata.js';
import type { Advisory } from './advisory.js';
import type { Declaration } from './declaration.js';
import type { CollectedDeclarations } from './dependency-files.js';
import { clearingCandidates } from './upgrade.js';
import { admits, parseSpecifierSet } from './versions.js';

export interface PinGroup {
  /** The declaration the finding goes to. */
  primary: Declaration;
  /** The same pin in other files of the project. */
  others: Declaration[];
}

/** Files people edit come first; generated requirements and constraints next; lock files last. */
const EDIT_ORDER: Record<Declaration['origin'], number> = { pyproject: 0, poetry: 0, pipfile: 0, requirements: 1, 'install-command': 1, constraints: 2, lock: 3 };
const REQUIREMENTS_FOLDER = /^(requirements|reqs|deps|dependencies)$/;

export function groupPins(pins: readonly Declaration[]): PinGroup[] {
  const groups = new Map<string, Declaration[]>();
  for (const d of pins) {
    const key = `${d.package}@${d.pin?.version}@${projectRoot(d.file)}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()].map((group) => {
    const [primary, ...others] = [...group].sort((a, b) => EDIT_ORDER[a.origin] - EDIT_ORDER[b.origin] || a.file.localeCompare(b.file));
    return { primary: primary as Declaration, others };
  });
}

/** The file's directory, or its parent for a folder of requirements files (`requirements/prod.txt`). */
function projectRoot(file: string): string {
  const dir = dirOf(file);
  return REQUIREMENTS_FOLDER.test(posix.basename(dir)) ? dirOf(dir) : dir;
}

function dirOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

/**
 * For a pin only a lock file states: the runtime requirement of the package this repository
 * publishes, when it admits a version that clears every advisory (the library's users get that one).
 */
export function publishedRequirementAllowingFix(
  lock: Declaration,
  advisories: readonly Advisory[],
  collected: CollectedDeclarations,
  read: (path: string) => string | undefined,
): Declaration | undefined {
  const root = dirOf(lock.file);
  const pyproject = root === '' ? 'pyproject.toml' : `${root}/pyproject.toml`;
  const text = read(pyproject);
  if (text === undefined || !/^\[build-system\]/m.test(text) || !packageIdentity(pyproject, text)) return undefined;
  const safe = clearingCandidates(advisories, undefined);
  return collected.declarations.find(
    (d) =>
      d.file === pyproject &&
      d.package === lock.package &&
      !d.pin &&
      d.specifiers.map(parseSpecifierSet).some((set) => set !== null && safe.some((v) => admits(set, v))),
  );
}
