/**
 * Template variables the views fill with database records: `render_template("p.html",
 * product=Product.query.get_or_404(pid))`, or a name assigned such a read in the view. Their
 * fields hold what users wrote (a profile's website, a seller's link), so a field used as a
 * whole URL is worth a reviewer's look even though its text is escaped.
 */
import type { ProjectModules } from './project.js';
import type { PythonModule } from './python/module.js';
import type { SyntaxNode } from './python/parser.js';

const RENDERS = /\brender_template\s*\(|\bstream_template\s*\(/;
/** Reads of stored rows: SQLAlchemy queries and sessions, DB-API cursors, MongoDB, peewee/Django-style managers. */
const DATABASE_READ = /\.query\b|\b(get|first|one)_or_404\s*\(|\.(filter|filter_by|where)\s*\(|\bsession\.(get|query|execute|scalars?)\s*\(|\.fetch(one|all|many)\s*\(|\.find_one\s*\(|\.objects\b|\.select\s*\(/;

export class TemplateRecords {
  private readonly cache = new Map<string, boolean>();

  /** `within`: as for TemplateValues. */
  constructor(
    private readonly project: ProjectModules,
    private readonly within = '',
  ) {}

  /** Does some view give the template variable `name` a record read from the database? */
  isDatabaseRecord(name: string): boolean {
    let found = this.cache.get(name);
    if (found === undefined) {
      found = /^[A-Za-z_]\w*$/.test(name) && this.project.all().some((module) => module.path.startsWith(this.within) && this.givesRecord(module, name));
      this.cache.set(name, found);
    }
    return found;
  }

  private givesRecord(module: PythonModule, name: string): boolean {
    if (!module.textMatches(RENDERS) || !module.text.includes(name)) return false;
    for (const match of module.search(new RegExp(`\\b${name}\\s*=(?!=)`, 'g'))) {
      const keyword = module.nodeAt(match.index, match.index + name.length).parent;
      if (keyword?.type !== 'keyword_argument' || keyword.childForFieldName('name')?.text !== name) continue;
      const value = keyword.childForFieldName('value');
      if (value && DATABASE_READ.test(readText(module, value))) return true;
    }
    return false;
  }
}

/** The text of a value, or of what a plain name was assigned in the view (`item = Product.query.get(i)`). */
function readText(module: PythonModule, value: SyntaxNode): string {
  if (value.type !== 'identifier') return value.text;
  const binding = module.bindingAt(value.text, value);
  return binding?.kind === 'assign' && binding.value ? binding.value.text : value.text;
}
