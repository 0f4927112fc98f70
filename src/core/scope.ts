/**
 * Where code runs. A config class, module or file is development/testing when its name says so,
 * production when its name says so (or production inherits from it), and unscoped otherwise.
 * Debug and CSRF switches are findings only outside development/testing code.
 */
import picomatch from 'picomatch';

export type EnvironmentScope = 'development' | 'testing' | 'production' | 'unscoped';

const DEVELOPMENT_WORDS = new Set(['dev', 'devel', 'develop', 'development', 'local', 'debug', 'sandbox']);
const TESTING_WORDS = new Set(['test', 'tests', 'testing', 'conftest', 'spec', 'specs', 'e2e', 'fixtures', 'github']);
const PRODUCTION_WORDS = new Set(['prod', 'production']);

/** Splits a name into lower-case words: `DevelopmentConfig` → development, config; `test_app.py` → test, app, py. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Scope a single name says (a class, a file name, a directory), or unscoped. */
export function scopeOfName(name: string): EnvironmentScope {
  const words = nameWords(name);
  if (words.some((w) => TESTING_WORDS.has(w))) return 'testing';
  if (words.some((w) => DEVELOPMENT_WORDS.has(w))) return 'development';
  if (words.some((w) => PRODUCTION_WORDS.has(w))) return 'production';
  return 'unscoped';
}

export function isDevelopmentOrTesting(scope: EnvironmentScope): boolean {
  return scope === 'development' || scope === 'testing';
}

/** Decides the scope of repository paths, with `production_config` globs overriding the guess. */
export class PathScopes {
  private readonly production: (path: string) => boolean;

  constructor(productionGlobs: readonly string[] = []) {
    this.production = productionGlobs.length > 0 ? picomatch([...productionGlobs], { dot: true }) : () => false;
  }

  scopeOf(path: string): EnvironmentScope {
    if (this.production(path)) return 'production';
    // The file name and every directory count; the nearest one that says something wins.
    const parts = path.split('/').reverse();
    for (const part of parts) {
      const scope = scopeOfName(part);
      if (scope !== 'unscoped') return scope;
    }
    return 'unscoped';
  }

  isProductionOverride(path: string): boolean {
    return this.production(path);
  }
}
