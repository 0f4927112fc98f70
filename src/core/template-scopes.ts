/**
 * Which Python modules and templates can answer for a file's template variables. A template is
 * rendered only by the code of the application that ships it, so when the input is a tree of
 * applications — nothing at its root but folders (no module, template, dependency or package
 * file), and two or more of them that hold templates and modules rendering templates — each such
 * folder's templates are looked up in that folder's modules only: a `title` bound in one
 * application says nothing about another's pages. Anything else is one whole-input scope, as a
 * single project is: a folder of templates rendered from a sibling, a folder of tests or scripts,
 * a pull request that touches one application and its tests.
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
  /** Files at the root: one project. */
  private readonly single: boolean;
  /** The applications' folders (`keystone/`), found on the first question; none for a single project. */
  private applications?: string[];
  private readonly templates: { path: string; text: string }[] = [];
  private readonly scopes = new Map<string, Scope>();

  constructor(
    private readonly project: ProjectModules,
    paths: readonly string[],
  ) {
    this.single = paths.some((p) => !p.includes('/') && fileKind(p) !== 'deploy');
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
    const root = this.applicationFolders().find((f) => path.startsWith(f)) ?? '';
    let scope = this.scopes.get(root);
    if (!scope) {
      scope = { values: new TemplateValues(this.project, root), records: new TemplateRecords(this.project, root) };
      for (const t of this.templates) if (t.path.startsWith(root)) scope.values.templates.add(t.path, t.text);
      this.scopes.set(root, scope);
    }
    return scope;
  }

  private applicationFolders(): string[] {
    if (!this.applications) {
      const withTemplates = this.single ? [] : [...new Set(this.templates.map((t) => t.path.slice(0, t.path.indexOf('/') + 1)))];
      const rendering = withTemplates.filter((f) => this.project.all().some((m) => m.path.startsWith(f) && m.textMatches(RENDERS)));
      this.applications = rendering.length >= 2 ? rendering : [];
    }
    return this.applications;
  }
}
