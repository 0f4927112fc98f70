/**
 * Config writes that can reach production: the switches rules judge (cookie flags, CSRF, CORS)
 * matter only there. Development and testing code is left alone, and so is a base config class
 * whose value every production class replaces.
 */
import { isDevelopmentOrTesting } from '../scope.js';
import { findConfigWrites, type ConfigWrite } from './config-writes.js';
import { isOverriddenInProduction } from './environment.js';
import type { PythonModule } from './module.js';

/**
 * `keys` must be names that mean Flask configuration wherever they appear (`SESSION_COOKIE_SECURE`,
 * not `DEBUG`), because `{"KEY": value}` dict literals count too: they end up in `config.update()`
 * or `create_app({...})`.
 */
export function writesReachingProduction(module: PythonModule, keys: readonly string[]): ConfigWrite[] {
  return findConfigWrites(module, keys).filter(
    (write) =>
      !isDevelopmentOrTesting(write.environment) &&
      !(write.form === 'class-attribute' && isOverriddenInProduction(module, write.node, write.key)),
  );
}

/** How a finding names where the write sits. */
export function describeEnvironment(write: ConfigWrite): string {
  return write.environment === 'production' ? 'production configuration' : 'configuration that is not limited to development or tests';
}
