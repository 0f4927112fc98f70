/**
 * The text of the monitoring issue, "FlaskGuard: known vulnerabilities in dependencies": each
 * affected declaration with its advisories and severities, the Flask-specific threat, the fix
 * version and the exact line to change; a hidden marker to find the issue again and the state it
 * was written with. Pure.
 */
import { advisoryIds } from '../deps/advisory.js';
import { packageThreat } from '../deps/package-threats.js';
import { THREATS } from '../core/threats.js';
import { KEY_SEPARATOR, type IssueState, type MonitoredEntry } from '../monitor/advisory-state.js';

export const ISSUE_TITLE = 'FlaskGuard: known vulnerabilities in dependencies';
export const ISSUE_MARKER = '<!-- flaskguard:advisory-monitor -->';
const STATE_PATTERN = /<!-- flaskguard:state (\[.*?\]) -->/s;
/** GitHub's limit on an issue body. */
const BODY_MAX = 65_536;

export interface IssueContext {
  branch: string;
  sha: string;
  repoUrl: string;
  intervalHours: number;
  advisorySource: string;
  now: Date;
}

export function issueBody(entries: readonly MonitoredEntry[], keys: readonly string[], context: IssueContext): string {
  const threat = THREATS.knownVulnerabilities;
  const head = [
    ISSUE_MARKER,
    `FlaskGuard re-audits the dependency files of \`${context.branch}\` every ${context.intervalHours} hours (\`monitor.interval_hours\`). ` +
      `At \`${context.sha.slice(0, 7)}\` (${stamp(context.now)}) ${entries.length} ${entries.length === 1 ? 'declaration is' : 'declarations are'} affected by known advisories. ` +
      `Threat: ${threat.name} (${threat.severity}). This issue is updated when the list changes and closed when it is empty.`,
  ];
  const state = `<!-- flaskguard:state ${JSON.stringify(keys)} -->`;
  const foot = [`Advisories: ${context.advisorySource}.`, state];
  const blocks: string[] = [];
  let size = [...head, ...foot].join('\n\n').length;
  let left = 0;
  for (const entry of entries) {
    const block = entryBlock(entry, context);
    if (size + block.length + 200 > BODY_MAX) {
      left++;
      continue;
    }
    blocks.push(block);
    size += block.length + 2;
  }
  if (left > 0) blocks.push(`${left} more ${left === 1 ? 'declaration is' : 'declarations are'} affected; run \`flaskguard audit\` to list every one.`);
  return [...head, ...blocks, ...foot].join('\n\n');
}

function entryBlock(entry: MonitoredEntry, context: IssueContext): string {
  const link = `[\`${entry.file}:${entry.line}\`](${context.repoUrl}/blob/${context.sha}/${encodeURI(entry.file)}#L${entry.line})`;
  const what = entry.kind === 'pin' ? `${entry.name} ${entry.version}` : `${entry.name} (\`${entry.version}\` admits affected versions)`;
  const rows = entry.advisories.map((a) => {
    const [id, ...aliases] = advisoryIds(a);
    const label = a.url ? `[${id}](${a.url})` : id;
    return `| ${label}${aliases.length > 0 ? ` (${aliases.join(', ')})` : ''} | ${a.severity} | ${cell(a.summary)} |`;
  });
  const fix = entry.fixVersion
    ? `Fix: ${entry.kind === 'pin' ? 'upgrade to' : 'pin'} **${entry.fixVersion}**, the lowest version that clears every advisory: in \`${entry.file}\` line ${entry.line}, change \`${entry.text}\`${entry.fixedText ? ` to \`${entry.fixedText}\`` : ''}.`
    : 'Fix: no release is known to clear every advisory yet; follow the advisories for workarounds.';
  return [`### ${what} — ${link}`, '| Advisory | Severity | Summary |', '|---|---|---|', ...rows, '', `Why it matters in a Flask application: ${packageThreat(entry.package)}`, '', fix].join('\n');
}

/** The comment that says what changed since the issue was last written. */
export function changeComment(added: readonly string[], removed: readonly string[], sha: string, reopened: boolean): string {
  const lines = [reopened ? `Known vulnerabilities are back at \`${sha.slice(0, 7)}\`; this issue is reopened.` : `The list changed at \`${sha.slice(0, 7)}\`.`];
  if (added.length > 0) lines.push('', '**New:**', ...describeKeys(added));
  if (removed.length > 0) lines.push('', '**Fixed or gone:**', ...describeKeys(removed));
  return lines.join('\n');
}

export function closeComment(removed: readonly string[], sha: string): string {
  return [`No known vulnerability is left in the dependency files at \`${sha.slice(0, 7)}\`: closing.`, '', '**Fixed or gone:**', ...describeKeys(removed)].join('\n');
}

/** The issue's state as its body recorded it; an issue without a readable state counts as listing nothing. */
export function issueState(issue: { number: number; state: string; body?: string | null }): IssueState {
  const match = STATE_PATTERN.exec(issue.body ?? '');
  let keys: string[] = [];
  try {
    const parsed: unknown = match ? JSON.parse(match[1] as string) : [];
    if (Array.isArray(parsed)) keys = parsed.filter((k): k is string => typeof k === 'string');
  } catch {
    keys = [];
  }
  return { number: issue.number, open: issue.state === 'open', keys };
}

export function isMonitorIssue(body: string | null | undefined): boolean {
  return (body ?? '').includes(ISSUE_MARKER);
}

/** State keys → one line per declaration: "- werkzeug 2.2.2 in `requirements.txt`: GHSA-…, GHSA-…" */
function describeKeys(keys: readonly string[]): string[] {
  const ids = new Map<string, string[]>();
  for (const key of keys) {
    const [file, pkg, version, id] = key.split(KEY_SEPARATOR);
    const line = `- ${pkg} ${version} in \`${file}\``;
    ids.set(line, [...(ids.get(line) ?? []), id as string]);
  }
  return [...ids].map(([line, list]) => `${line}: ${list.join(', ')}`);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function stamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
