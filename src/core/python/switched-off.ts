/**
 * A security switch of Flask or an extension (SESSION_COOKIE_SECURE, WTF_CSRF_ENABLED, ...) set
 * to a literal False in configuration that reaches production, reported with the fix that sets
 * it to True — or read from the environment with a fallback that is off, reported at medium
 * confidence (a deployment may set the variable; one that forgets it runs insecure). Rules differ
 * only in the keys and in what the finding says.
 */
import type { ConfigWrite } from './config-writes.js';
import { environmentDefault } from './env-flag.js';
import { describeEnvironment, writesReachingProduction } from './production-config.js';
import { literalTruthiness, replaceWithin } from './syntax.js';
import type { PythonContext } from '../rule.js';

/** `off` says how the switch is off: "off in production configuration", "off unless X is set". */
export function reportSwitchedOff(ctx: PythonContext, keys: readonly string[], message: (write: ConfigWrite, off: string) => string): void {
  for (const write of writesReachingProduction(ctx.module, keys)) {
    const literal = literalTruthiness(write.value);
    if (literal === false) {
      ctx.report({ node: write.node, message: message(write, `off in ${describeEnvironment(write)}`), fix: replaceWithin(write.node, write.value, 'True') });
      continue;
    }
    if (literal !== undefined) continue;
    const fromEnvironment = environmentDefault(ctx.module, write.value);
    if (fromEnvironment?.value !== false) continue;
    ctx.report({ node: write.node, confidence: 'medium', message: message(write, `off unless the environment sets ${fromEnvironment.variable} (its default is off)`) });
  }
}
