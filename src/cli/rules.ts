/** `flaskguard rules [ID]`: the rule list, or one rule's documentation. */
import { RULES, RULE_IDS, ruleById } from '../../rules/index.js';
import { rulePage } from '../report/rule-docs.js';
import { UsageError } from './options.js';

export function explainRules(id?: string): string {
  if (id) {
    const rule = ruleById(id) ?? RULES.find((r) => r.meta.code.toLowerCase() === id.toLowerCase());
    if (!rule) throw new UsageError(`Unknown rule '${id}'. Known rules: ${RULE_IDS.join(', ')}.`);
    return rulePage(rule);
  }
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  return `${RULES.map((r) => `${r.meta.code}  ${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(8)}  ${r.meta.title}`).join('\n')}\n`;
}
