/**
 * `--format github`: GitHub Actions workflow commands, so that any CI step annotates a pull
 * request without SARIF: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`.
 * Escaping follows @actions/core (data: % CR LF; properties also `:` and `,`).
 */
import type { Finding } from '../core/types.js';
import { annotationLevel, type AnnotationLevel } from './annotations.js';
import type { RunReport } from './model.js';
import { summaryLine } from './text.js';

type Command = 'error' | 'warning' | 'notice';

/** The same levels as the App's check run annotations (low confidence: a notice). */
const COMMAND: Record<AnnotationLevel, Command> = { failure: 'error', warning: 'warning', notice: 'notice' };

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: Command, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

function location(finding: Finding): Record<string, number | string> {
  return {
    file: finding.file,
    line: finding.startLine,
    endLine: finding.endLine,
    // GitHub takes columns only for a range on one line.
    ...(finding.startLine === finding.endLine ? { col: finding.startColumn, endColumn: finding.endColumn } : {}),
  };
}

export function toGithubCommands(report: RunReport): string {
  const codes = new Map(report.rules.map((r) => [r.id, r.code]));
  const title = (finding: Finding) =>
    `${codes.get(finding.ruleId) ?? ''} ${finding.ruleId} (${finding.severity}${finding.confidence === 'high' ? '' : `, ${finding.confidence} confidence`})`.trim();
  const out: string[] = [];
  for (const finding of report.findings) {
    const fix = finding.fix === undefined ? '' : `\nFix: ${finding.fix}`;
    out.push(command(COMMAND[annotationLevel(finding)], { ...location(finding), title: title(finding) }, `${finding.message}${fix}`));
  }
  for (const finding of report.existing) {
    out.push(command('notice', { ...location(finding), title: `existing: ${title(finding)}` }, finding.message));
  }
  for (const note of report.skipped) out.push(command('notice', { file: note.path, title: 'FlaskGuard skipped this file' }, note.note));
  for (const note of report.notes) out.push(command('notice', { file: note.path, title: 'FlaskGuard note' }, note.note));
  out.push(`FlaskGuard: ${summaryLine(report)}`);
  return `${out.join('\n')}\n`;
}
