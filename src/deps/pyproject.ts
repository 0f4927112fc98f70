/**
 * pyproject.toml: PEP 621 `[project] dependencies` and `optional-dependencies`, PEP 735
 * `[dependency-groups]`, and Poetry's `[tool.poetry.dependencies]`, `dev-dependencies` and
 * `group.<name>.dependencies`. Pipfile's `[packages]` and `[dev-packages]` share the table form.
 */
import type { Declaration, DeclarationNote } from './declaration.js';
import { poetryToPep440 } from './poetry-constraint.js';
import { TomlDeclarations } from './toml-declarations.js';
import { parseToml, tableAt } from './toml-file.js';
import { parseSpecifierSet } from './versions.js';

export interface ParsedDependencyFile {
  declarations: Declaration[];
  notes: DeclarationNote[];
}

export function parsePyproject(path: string, text: string): ParsedDependencyFile {
  const toml = parseToml(text);
  if (!toml.ok) return { declarations: [], notes: [toml.note] };
  const pep621 = new TomlDeclarations(path, text, 'pyproject');
  const project = tableAt(toml.value, ['project']);
  if (Array.isArray(project?.dependencies)) pep621.addRequirementStrings(project.dependencies, ['project'], 'dependencies');
  const optional = tableAt(toml.value, ['project', 'optional-dependencies']) ?? {};
  for (const [extra, values] of Object.entries(optional)) {
    if (Array.isArray(values)) pep621.addRequirementStrings(values, ['project', 'optional-dependencies'], extra);
  }
  const groups = tableAt(toml.value, ['dependency-groups']) ?? {};
  for (const [group, values] of Object.entries(groups)) {
    // Entries may also be `{include-group = "…"}` tables, which declare nothing themselves.
    if (Array.isArray(values)) pep621.addRequirementStrings(values, ['dependency-groups'], group);
  }

  const poetry = new TomlDeclarations(path, text, 'poetry');
  const poetryTables: string[][] = [
    ['tool', 'poetry', 'dependencies'],
    ['tool', 'poetry', 'dev-dependencies'],
    ...Object.keys(tableAt(toml.value, ['tool', 'poetry', 'group']) ?? {}).map((g) => ['tool', 'poetry', 'group', g, 'dependencies']),
  ];
  for (const tablePath of poetryTables) {
    const entries = tableAt(toml.value, tablePath);
    // `python` is the interpreter constraint, not a package.
    if (entries) poetry.addDependencyTable(entries, tablePath, poetryToPep440, ['python']);
  }
  return {
    declarations: [...pep621.declarations, ...poetry.declarations],
    notes: [...pep621.notes, ...poetry.notes],
  };
}

/** Pipfile constraints are PEP 440 specifiers, with `*` for any version. */
function pipfileConstraint(constraint: string): string[] | null {
  const specifier = constraint.trim() === '*' ? '' : constraint.trim();
  return parseSpecifierSet(specifier) ? [specifier] : null;
}

export function parsePipfile(path: string, text: string): ParsedDependencyFile {
  const toml = parseToml(text);
  if (!toml.ok) return { declarations: [], notes: [toml.note] };
  const pipfile = new TomlDeclarations(path, text, 'pipfile');
  for (const section of ['packages', 'dev-packages']) {
    const entries = tableAt(toml.value, [section]);
    if (entries) pipfile.addDependencyTable(entries, [section], pipfileConstraint);
  }
  return { declarations: pipfile.declarations, notes: pipfile.notes };
}
