/**
 * Where code runs, decided from evidence rather than from any word in a path.
 *
 * Test code follows the ecosystem's conventions: pytest's file names (`test_*.py`, `*_test.py`,
 * `conftest.py`) and directories (`tests/`, `test/`); inside files, `unittest.TestCase` classes and
 * code that drives `app.test_client()` (see python/environment.ts). Development code is what is
 * named for development *and* only configures it: a config module, class or deployment file named
 * `development`/`dev`/`local`, `.flaskenv` (read only by the `flask` command). A module that
 * creates a Flask app or registers routes is application code whatever its name.
 */
import picomatch from 'picomatch';

export type EnvironmentScope = 'development' | 'testing' | 'production' | 'unscoped';

/** Words that name a development or test environment in class, function and config names. */
const DEVELOPMENT_WORDS = new Set(['dev', 'devel', 'develop', 'development', 'devserver', 'local', 'debug']);
const TESTING_WORDS = new Set(['test', 'tests', 'testing']);
const PRODUCTION_WORDS = new Set(['prod', 'production']);

/** Directories pytest collects and projects keep their tests in. */
const TEST_DIRECTORIES = new Set(['tests', 'test']);
const PYTEST_FILE = /^(test_.*|.*_test|conftest)\.py$/;
/** Deployment files in a directory named for one environment (`overlays/dev/`, `deploy/production/`). */
const ENVIRONMENT_DIRECTORIES: Record<string, EnvironmentScope> = { dev: 'development', development: 'development', prod: 'production', production: 'production' };
/** Code that defines an application: creating one, or adding routes and blueprints to it. */
const APPLICATION_CODE = /\bFlask\s*\(|\bBlueprint\s*\(|\.route\s*\(|\.add_url_rule\s*\(|\.register_blueprint\s*\(/;

/** Splits a name into lower-case words: `DevelopmentConfig` → development, config; `test_app.py` → test, app, py. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Scope a class, function or config name says (`DevelopmentConfig`, `run_local`, `"testing"`), or unscoped. */
export function scopeOfName(name: string): EnvironmentScope {
  const words = nameWords(name);
  if (words.some((w) => TESTING_WORDS.has(w))) return 'testing';
  if (words.some((w) => DEVELOPMENT_WORDS.has(w))) return 'development';
  if (words.some((w) => PRODUCTION_WORDS.has(w))) return 'production';
  return 'unscoped';
}

/** A function's name: `test_login` is a test, `run_dev_server` development; `debug_toolbar` says nothing (views are named so). */
export function scopeOfFunctionName(name: string): EnvironmentScope {
  return scopeOfConfigName(name);
}

export function isDevelopmentOrTesting(scope: EnvironmentScope): scope is 'development' | 'testing' {
  return scope === 'development' || scope === 'testing';
}

/** Is this text application code (it creates a Flask app or registers routes)? */
export function definesApplication(text: string): boolean {
  return APPLICATION_CODE.test(text);
}

/** Code that is not a deployment of an application: its findings are reported at low confidence. */
export type CodeScope = 'documentation' | 'library';

const DOCUMENTATION_DIRECTORIES = new Set(['docs', 'doc', 'examples', 'example']);
/** A tutorial is documentation inside a library's repository; elsewhere it may be the application itself. */
const LIBRARY_DOCUMENTATION_DIRECTORIES = new Set(['tutorial', 'tutorials']);

/** `library`: the repository is Flask, Werkzeug or a Flask extension (see package-metadata.ts). */
export function codeScopeOf(path: string, library: boolean): CodeScope | undefined {
  const dirs = path.split('/').slice(0, -1);
  if (dirs.some((d) => DOCUMENTATION_DIRECTORIES.has(d) || (library && LIBRARY_DOCUMENTATION_DIRECTORIES.has(d)))) return 'documentation';
  return library ? 'library' : undefined;
}

export type FileKindForScope = 'python' | 'template' | 'deploy';

/** Decides the scope of repository files, with `production_config` globs overriding the evidence. */
export class PathScopes {
  private readonly production: (path: string) => boolean;

  constructor(productionGlobs: readonly string[] = []) {
    this.production = productionGlobs.length > 0 ? picomatch([...productionGlobs], { dot: true }) : () => false;
  }

  /** `text` is the file's content (Python): a module that defines the application is never development code. */
  scopeOf(path: string, kind: FileKindForScope = 'python', text = ''): EnvironmentScope {
    if (this.production(path)) return 'production';
    const parts = path.split('/');
    const base = parts.pop() as string;
    if (parts.some((dir) => TEST_DIRECTORIES.has(dir))) return 'testing';
    if (kind === 'python') {
      if (PYTEST_FILE.test(base)) return 'testing';
      // A module named `test.py` is not a test by pytest's rules: only the file names above are.
      const named = scopeOfConfigName(base.replace(/\.py$/, ''), false);
      if (named === 'development' && definesApplication(text)) return 'unscoped';
      return named;
    }
    if (kind === 'template') return 'unscoped';
    if (/^\.flaskenv$/.test(base)) return 'development';
    const named = scopeOfConfigName(base);
    if (named !== 'unscoped') return named;
    for (const dir of parts.reverse()) {
      const scope = ENVIRONMENT_DIRECTORIES[dir.toLowerCase()];
      if (scope) return scope;
    }
    return 'unscoped';
  }

  isProductionOverride(path: string): boolean {
    return this.production(path);
  }
}

/** A config file's own name: `development.py`, `settings_local.py`, `Dockerfile.dev`, `.env.test`. `debug_tools.py` says nothing. */
function scopeOfConfigName(name: string, testNames = true): EnvironmentScope {
  const words = nameWords(name);
  if (testNames && words.some((w) => TESTING_WORDS.has(w))) return 'testing';
  if (words.some((w) => w !== 'debug' && DEVELOPMENT_WORDS.has(w))) return 'development';
  if (words.some((w) => PRODUCTION_WORDS.has(w))) return 'production';
  return 'unscoped';
}
