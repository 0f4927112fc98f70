/**
 * Facts about the analyzed project as a whole. In a pull request only the changed files are
 * analyzed, so these answer "can we see it": rules that depend on an absence ("no server-side
 * session store", "no CORS_ORIGINS") stay silent unless the code that would set it up is in view.
 */
import type { PythonModule } from './module.js';
import { LIBRARY_ROOTS } from './names.js';
import { PYTHON_STDLIB } from './stdlib.js';
import { stringValue } from './syntax.js';

/** Facts of one module or of one analysis' modules, kept across tree releases (they depend on what the code says, not on the tree objects). */
const createsApp = new WeakMap<PythonModule, boolean>();
const setupVisible = new WeakMap<readonly PythonModule[], boolean>();
const configVisible = new WeakMap<readonly PythonModule[], boolean>();

function remembered<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** Does the module construct a Flask application (`Flask(__name__)`, `flask.Flask(...)`, `APIFlask(...)`)? */
export function createsFlaskApp(module: PythonModule): boolean {
  return remembered(createsApp, module, () =>
    // `Flask(` first, then back to the start of the name: a pattern that starts at every word is slow.
    module.search(/Flask\s*\(/g).some((m) => {
      let start = m.index;
      while (start > 0 && /\w/.test(module.text[start - 1] as string)) start--;
      const name = module.codeAt(start, m.index + 'Flask'.length - start);
      const call = name?.parent?.type === 'attribute' ? name.parent.parent : name?.parent;
      return call?.type === 'call' && module.resolve(call) === 'flask.Flask()';
    }),
  );
}

/**
 * Is the code that sets the app up among the analyzed files? Yes when a module that creates the
 * app is, and so is every module it imports that is not a known library (extensions are usually
 * initialised in a module of their own). An unknown third-party package counts as not in view.
 */
export function appSetupIsVisible(module: PythonModule): boolean {
  const modules = module.projectModules();
  return remembered(setupVisible, modules, () => {
    const apps = modules.filter(createsFlaskApp);
    return apps.length > 0 && apps.every((app) => app.imports.every((i) => isKnownLibrary(i.qualified) || isAnalyzed(modules, i.qualified)));
  });
}

function isKnownLibrary(qualified: string): boolean {
  const root = qualified.split('.')[0] as string;
  return LIBRARY_ROOTS.has(root) || PYTHON_STDLIB.has(root);
}

/**
 * Is all of the app's configuration among the analyzed files? Not when it is loaded from files or
 * environment variables, or from an object named by a string we cannot find.
 */
export function appConfigIsVisible(module: PythonModule): boolean {
  if (!appSetupIsVisible(module)) return false;
  const modules = module.projectModules();
  return remembered(configVisible, modules, () => {
    for (const m of modules) {
      if (/\.from_(pyfile|envvar|file|prefixed_env|json|toml)\s*\(/.test(m.text)) return false;
      for (const match of m.search(/\.from_object\s*\(\s*[rbu]?["']/g)) {
        const string = m.nodeAt(match.index + match[0].length - 1);
        const target = stringValue(string.type === 'string' ? string : string.parent);
        if (target !== undefined && !isAnalyzed(modules, target)) return false;
      }
    }
    return true;
  });
}

/**
 * Is the module a dotted name refers to analyzed? `pkg.config` is a module, or a name in `pkg`;
 * `pkg.config.ProductionConfig` a name in `pkg.config` (never just something in `pkg`).
 */
function isAnalyzed(modules: readonly PythonModule[], qualified: string): boolean {
  const parts = qualified.split('.');
  for (let i = parts.length; i >= Math.max(1, parts.length - 1); i--) {
    const prefix = parts.slice(0, i).join('.');
    if (modules.some((m) => m.name === prefix || m.name.endsWith(`.${prefix}`))) return true;
  }
  return false;
}
