/** Output for a person at a terminal: `path:line:col severity rule-id message`, the code line, the fix. */
import { styleText } from 'node:util';
import type { Finding, Severity } from '../core/types.js';
import { scopeSentence, severityList, type RunReport } from './model.js';

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;

const SEVERITY_STYLE: Record<Severity, Style> = {
  critical: ['bold', 'magenta'],
  high: ['bold', 'red'],
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

export function toText(report: RunReport, colour: boolean): string {
  const paint: Paint = (style, text) => (colour ? styleText(style, text, { validateStream: false }) : text);
  // The first line of code in a rule's "use instead", shown when a finding has no fix of its own.
  const hints = new Map(report.rules.map((r) => [r.id, r.useInstead.split('\n').find((l) => l.trim() && !l.trim().startsWith('#'))]));
  const out: string[] = [];
  for (const finding of report.findings) {
    out.push(`${paint('bold', `${finding.file}:${finding.startLine}:${finding.startColumn}`)} ${severity(finding, paint)}${confidence(finding, paint)} ${paint('dim', finding.ruleId)} ${finding.message}`);
    out.push(...codeExcerpt(finding, report.lineText(finding), paint));
    const hint = hints.get(finding.ruleId);
    if (finding.fix !== undefined) out.push(`    ${paint('green', 'fix:')} ${finding.fix.split('\n')[0]}`);
    else if (hint) out.push(`    ${paint('green', 'use instead:')} ${hint}`);
    out.push('');
  }
  if (report.existing.length > 0) {
    const failing = report.existingFails ? 'vulnerable pins fail it: dependencies.existing: fail' : 'not failing it';
    out.push(paint('bold', `Existing dependency problems (outside this change, ${failing}): ${report.existing.length}`));
    for (const finding of report.existing) out.push(`  ${finding.file}:${finding.startLine} ${severity(finding, paint)} ${paint('dim', finding.ruleId)} ${finding.message}`);
    out.push('');
  }
  for (const note of report.skipped) out.push(`${paint('dim', 'skipped:')} ${note.path}: ${note.note}`);
  for (const note of report.notes) out.push(`${paint('dim', 'note:')} ${note.path}: ${note.note}`);
  const scope = scopeSentence(report.withheld, report.findings, '--show-dev');
  if (scope) out.push(paint('dim', `${scope}.`));
  out.push(summaryLine(report, paint));
  return `${out.join('\n')}\n`;
}

function severity(finding: Finding, paint: Paint): string {
  return paint(SEVERITY_STYLE[finding.severity], finding.severity);
}

/** Shown only when a finding is less than highly confident: "medium (confidence: low)". */
function confidence(finding: Finding, paint: Paint): string {
  return finding.confidence === 'high' ? '' : paint('dim', ` (confidence: ${finding.confidence}${finding.scope ? `, ${finding.scope} code` : ''})`);
}

/** Lines longer than this (minified templates, generated code) are shown as a window around the finding. */
const EXCERPT_WIDTH = 160;

function codeExcerpt(finding: Finding, line: string, paint: Paint): string[] {
  const gutter = String(finding.startLine);
  const start = finding.startColumn - 1;
  const from = line.length <= EXCERPT_WIDTH ? 0 : Math.max(0, Math.min(start - 40, line.length - EXCERPT_WIDTH));
  const to = Math.min(line.length, from + EXCERPT_WIDTH);
  const lead = from > 0 ? '…' : '';
  const shown = `${lead}${line.slice(from, to).replace(/\t/g, ' ')}${to < line.length ? '…' : ''}`;
  const width = finding.endLine === finding.startLine ? Math.max(1, finding.endColumn - finding.startColumn) : Math.max(1, to - start);
  return [
    `  ${paint('dim', `${gutter} |`)} ${shown}`,
    `  ${' '.repeat(gutter.length)} ${paint('dim', '|')} ${' '.repeat(start - from + lead.length)}${paint('red', '^'.repeat(Math.max(1, Math.min(width, 120, to - start))))}`,
  ];
}

/** "2 findings (1 critical, 1 high) in 3 files · 1 suppressed · …" */
export function summaryLine(report: RunReport, paint: Paint = (_, text) => text): string {
  const n = report.findings.length;
  const head = n === 0 ? paint('green', 'No findings') : paint('bold', `${n} finding${n === 1 ? '' : 's'} (${severityList(report.findings)})`);
  const parts = [`${head} in ${report.filesAnalyzed} file${report.filesAnalyzed === 1 ? '' : 's'}`];
  if (report.suppressed.length > 0) parts.push(`${report.suppressed.length} suppressed`);
  if (report.existing.length > 0) parts.push(`${report.existing.length} existing dependency problem${report.existing.length === 1 ? '' : 's'}`);
  if (report.skipped.length > 0) parts.push(`${report.skipped.length} skipped`);
  if (report.advisorySource) parts.push(`advisories: ${report.advisorySource}`);
  return parts.join(' · ');
}
