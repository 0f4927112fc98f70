import { ProjectModules } from '../../src/core/project.js';
import { PythonModule } from '../../src/core/python/module.js';
import { PathScopes } from '../../src/core/scope.js';

/** The modules of a project, analyzed together as analyze() does (with the scope each path implies). */
export function pythonProject(files: Record<string, string>): PythonModule[] {
  const modules = new ProjectModules();
  const scopes = new PathScopes();
  return Object.entries(files).map(([path, text]) => {
    const module = new PythonModule(path, text, modules, scopes.scopeOf(path));
    modules.add(module);
    return module;
  });
}
