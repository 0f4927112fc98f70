/** The registry: every rule FlaskGuard runs, in documentation order (by code). */
import type { Rule } from '../src/core/rule.js';
import { committedSecretKey } from './committed-secret-key.js';
import { debugConfigEnabled } from './debug-config-enabled.js';
import { debugInDeployment } from './debug-in-deployment.js';
import { flaskRunDebug } from './flask-run-debug.js';
import { hardcodedSecretKey } from './hardcoded-secret-key.js';
import { secretKeyFallback } from './secret-key-fallback.js';
import { secretKeyGeneratedAtStartup } from './secret-key-generated-at-startup.js';
import { undeclaredFlaskDependency } from './undeclared-flask-dependency.js';
import { unpinnedDependency } from './unpinned-dependency.js';
import { vulnerableDependency } from './vulnerable-dependency.js';
import { werkzeugDebugger } from './werkzeug-debugger.js';

export const RULES: readonly Rule[] = [
  flaskRunDebug,
  debugConfigEnabled,
  debugInDeployment,
  werkzeugDebugger,
  hardcodedSecretKey,
  secretKeyFallback,
  committedSecretKey,
  secretKeyGeneratedAtStartup,
  vulnerableDependency,
  unpinnedDependency,
  undeclaredFlaskDependency,
].sort((a, b) => a.meta.code.localeCompare(b.meta.code));

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
