/** The Python modules of one analysis, found by dotted name for imports between them. */
import type { ModuleLookup, ParseLimit, PythonModule } from './python/module.js';

export class ProjectModules implements ModuleLookup {
  private readonly bySuffix = new Map<string, PythonModule | null>();
  private readonly list: PythonModule[] = [];

  constructor(readonly parseLimit?: ParseLimit) {}

  add(module: PythonModule): void {
    this.list.push(module);
    // `src/shop/views.py` answers to `src.shop.views`, `shop.views` and `views`; a suffix two
    // modules share answers to neither.
    const parts = module.name.split('.');
    for (let i = 0; i < parts.length; i++) {
      const suffix = parts.slice(i).join('.');
      const existing = this.bySuffix.get(suffix);
      this.bySuffix.set(suffix, existing === undefined || existing === module ? module : i === 0 ? module : null);
    }
  }

  find(moduleName: string): PythonModule | undefined {
    return this.bySuffix.get(moduleName) ?? undefined;
  }

  all(): readonly PythonModule[] {
    return this.list;
  }

  /** Takes a module that turned out unparsable out of the project. */
  remove(module: PythonModule): void {
    this.list.splice(this.list.indexOf(module), 1);
    for (const [suffix, found] of this.bySuffix) if (found === module) this.bySuffix.delete(suffix);
  }

  /** How many times the trees were released: what holds syntax nodes is valid within one generation. */
  get generation(): number {
    return this.releases;
  }

  private releases = 0;

  /** Releases every module's syntax tree (see PythonModule.release). */
  release(): void {
    this.releases++;
    for (const module of this.list) module.release();
  }
}
