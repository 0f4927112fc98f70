/**
 * A security switch of Flask or an extension (SESSION_COOKIE_SECURE, WTF_CSRF_ENABLED, ...) set
 * to a literal False in configuration that reaches production, reported with the fix that sets
 * it to True. Rules differ only in the keys and in what the finding says.
 */
import type { ConfigWrite } from './config-writes.js';
import { writesReachingProduction } from './production-config.js';
import { literalTruthiness, replaceWithin } from './syntax.js';
import type { PythonContext } from '../rule.js';

export function reportSwitchedOff(ctx: PythonContext, keys: readonly string[], message: (write: ConfigWrite) => string): void {
  for (const write of writesReachingProduction(ctx.module, keys)) {
    if (literalTruthiness(write.value) !== false) continue;
    ctx.report({ node: write.node, message: message(write), fix: replaceWithin(write.node, write.value, 'True') });
  }
}
