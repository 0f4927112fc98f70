/** The registry: every rule FlaskGuard runs, in documentation order. */
import type { Rule } from '../src/core/rule.js';

export const RULES: readonly Rule[] = [];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
