/** What the reports say about a finding's rule: its title, the threats it mitigates and how to fix it. */
import type { RuleMeta } from '../core/rule.js';
import { THREATS } from '../core/threats.js';
import { CATEGORY_TITLES, type Finding, type Threat } from '../core/types.js';

/** Finds a rule's metadata by id (the registry, or the rules a test injects). */
export type RuleMetaLookup = (ruleId: string) => RuleMeta | undefined;

export interface RuleInfo {
  title: string;
  threats: readonly Threat[];
  why?: string;
  /** The safe pattern to use instead, as a code snippet. */
  useInstead?: string;
}

/**
 * Dependency findings come from the advisory audit rather than a rule module; they are
 * described by their category and the seed's "known vulnerabilities" threat.
 */
export function ruleInfo(finding: Finding, lookup: RuleMetaLookup): RuleInfo {
  const meta = lookup(finding.ruleId);
  if (meta) return { title: meta.title, threats: meta.threats, why: meta.why, useInstead: meta.useInstead };
  return {
    title: CATEGORY_TITLES[finding.category],
    threats: finding.category === 'dependencies' ? [THREATS.knownVulnerabilities] : [],
  };
}

/** "Remote Code Execution (Critical), Information Disclosure (Critical)". */
export function threatList(threats: readonly Threat[]): string {
  return threats.map((t) => `${t.name} (${t.severity})`).join(', ');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
