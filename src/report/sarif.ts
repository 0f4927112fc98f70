/**
 * SARIF 2.1.0, as GitHub code scanning and other tools read it: a rule table with categories,
 * CWE tags, security-severity and help links; one result per finding with a location relative to
 * the project root (whose file URI is the `%SRCROOT%` base), a fingerprint that survives line
 * moves, a fix when there is one; suppressed findings as results with an in-source suppression.
 */
import { pathToFileURL } from 'node:url';
import type { RuleMeta } from '../core/rule.js';
import type { Finding, Severity } from '../core/types.js';
import type { RunReport } from './model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub maps security-severity > 9 to critical, 7–8.9 high, 4–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export interface SarifOptions {
  toolVersion: string;
  /** The directory the findings' paths are relative to; without it, paths are left relative to the repository. */
  root?: string;
  /** Where FlaskGuard is published; rule help links are made from it. Omitted when unknown. */
  homepage?: string;
}

/** The project root as a directory URI: SARIF resolves a relative URI against it only with the trailing slash. */
function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

export function toSarif(report: RunReport, options: SarifOptions): object {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const base = options.root === undefined ? {} : { uriBaseId: '%SRCROOT%' };
  const artifact = (path: string) => ({ uri: encodeURI(path), ...base });
  const result = (finding: Finding, state: 'new' | 'suppressed' | 'existing') => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    // Audit (low-confidence) results are notes whatever their severity, as CodeQL's security-extended ones.
    level: finding.confidence === 'low' ? 'note' : LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(finding.file),
          region: {
            startLine: finding.startLine,
            startColumn: finding.startColumn,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
          },
        },
      },
    ],
    partialFingerprints: { 'flaskguard/v1': report.fingerprints.get(finding) ?? '' },
    properties: { severity: finding.severity, category: finding.category, precision: finding.confidence, ...(finding.scope ? { scope: finding.scope } : {}) },
    ...(finding.fix !== undefined
      ? {
          fixes: [
            {
              description: { text: 'FlaskGuard suggested fix' },
              artifactChanges: [
                {
                  artifactLocation: artifact(finding.file),
                  replacements: [
                    {
                      deletedRegion: {
                        startLine: finding.startLine,
                        startColumn: finding.startColumn,
                        endLine: finding.endLine,
                        endColumn: finding.endColumn,
                      },
                      insertedContent: { text: finding.fix },
                    },
                  ],
                },
              ],
            },
          ],
        }
      : {}),
    ...(state === 'suppressed' ? { suppressions: [{ kind: 'inSource', justification: 'flaskguard: ignore comment' }] } : {}),
    ...(state === 'existing' ? { baselineState: 'unchanged' } : {}),
  });

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'FlaskGuard',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            ...(options.homepage ? { informationUri: options.homepage } : {}),
            rules: report.rules.map((rule) => sarifRule(rule, options)),
          },
        },
        ...(options.root === undefined ? {} : { originalUriBaseIds: { '%SRCROOT%': { uri: rootUri(options.root) } } }),
        results: [
          ...report.findings.map((f) => result(f, 'new')),
          ...report.suppressed.map((f) => result(f, 'suppressed')),
          ...(report.existingMode === 'annotate' ? report.existing.map((f) => result(f, 'existing')) : []),
        ],
        ...(report.skipped.length + report.notes.length > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: [...report.skipped, ...report.notes].map((n) => ({
                    level: 'note',
                    message: { text: n.note },
                    locations: [{ physicalLocation: { artifactLocation: artifact(n.path) } }],
                  })),
                },
              ],
            }
          : {}),
      },
    ],
  };
}

/** The tag GitHub code scanning and CodeQL use for a CWE (`external/cwe/cwe-079`). */
function cweTag(id: number): string {
  return `external/cwe/cwe-${String(id).padStart(3, '0')}`;
}

function sarifRule(rule: RuleMeta, options: SarifOptions) {
  const threats = rule.threats.map((t) => `${t.name} (${t.severity})`).join(', ');
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    help: {
      text: `${rule.why}\n\nMitigates: ${threats}.\n\nFlagged:\n${rule.example}\n\nUse instead:\n${rule.useInstead}`,
      markdown: `${rule.why}\n\n**Mitigates:** ${threats}.\n\n**Weakness:** ${rule.cwe.map((id) => `[CWE-${id}](https://cwe.mitre.org/data/definitions/${id}.html)`).join(', ')}.\n\n**Flagged:**\n\`\`\`python\n${rule.example}\n\`\`\`\n\n**Use instead:**\n\`\`\`python\n${rule.useInstead}\n\`\`\`\n\n${rule.references.map((r) => `- ${r}`).join('\n')}`,
    },
    ...(options.homepage ? { helpUri: `${options.homepage}/blob/main/docs/rules/${rule.id}.md` } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      category: rule.category,
      tags: ['security', 'flask', rule.category, ...rule.cwe.map(cweTag)],
      precision: rule.confidence,
      'problem.severity': LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}
