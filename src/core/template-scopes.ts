/**
 * Which Python modules and templates can answer for a file's template variables. A template is
 * rendered only by the code of the application that ships it, so when the input is a tree of
 * projects — nothing at its root but folders (no module, template, dependency or package file),
 * Python in two or more of them — each folder's templates are looked up in that folder's modules
 * only: a `title` bound in one application says nothing about another's pages. A single project
 * (anything at the root) is one scope, and so is a folder whose modules render no template (its
 * templates are rendered from a sibling): those are looked up in the whole input.
 */
import { fileKind } from './files.js';
import type { JinjaTag } from './jinja.js';
import type { ProjectModules } from './project.js';
import { TemplateRecords } from './template-records.js';
import { RENDERS, TemplateValues } from './template-values.js';

interface Scope {
  values: TemplateValues;
  records: TemplateRecords;
}

export class TemplateScopes {
  /** The applications' folders (`keystone/`); none for a single project. */
  private readonly roots: string[];
  private readonly templates: { path: string; text: string }[] = [];
  private readonly scopes = new Map<string, Scope>();

  constructor(
    private readonly project: ProjectModules,
    paths: readonly string[],
  ) {
    const atRoot = paths.some((p) => !p.includes('/') && fileKind(p) !== 'deploy');
    const folders = new Set(paths.filter((p) => p.endsWith('.py')).map((p) => p.slice(0, p.indexOf('/') + 1)));
    this.roots = atRoot || folders.size < 2 ? [] : [...folders];
  }

  addTemplate(path: string, text: string): void {
    this.templates.push({ path, text });
  }

  /** The template provenance for the file at `path`: its application's, or the whole input's. */
  valuesFor(path: string): TemplateValues {
    return this.scopeOf(path).values;
  }

  recordsFor(path: string): TemplateRecords {
    return this.scopeOf(path).records;
  }

  /** The tags of the template at `path`, parsed once for every rule and for its macros' call sites. */
  tagsOf(path: string): readonly JinjaTag[] {
    return this.scopeOf(path).values.templates.of(path);
  }

  private scopeOf(path: string): Scope {
    const root = this.roots.find((r) => path.startsWith(r)) ?? '';
    let scope = this.scopes.get(root);
    if (!scope) {
      const renders = root === '' || this.project.all().some((m) => m.path.startsWith(root) && m.textMatches(RENDERS));
      scope = renders ? this.newScope(root) : this.scopeOf('');
      this.scopes.set(root, scope);
    }
    return scope;
  }

  private newScope(root: string): Scope {
    const scope = { values: new TemplateValues(this.project, root), records: new TemplateRecords(this.project, root) };
    for (const t of this.templates) if (t.path.startsWith(root)) scope.values.templates.add(t.path, t.text);
    return scope;
  }
}
