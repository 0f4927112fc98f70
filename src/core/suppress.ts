/**
 * Suppression comments: `# flaskguard: ignore[rule-id, other-id]` or a bare `# flaskguard: ignore`
 * on the finding's line, or alone on the line above it. Templates use `{# flaskguard: ignore #}`.
 */
import type { LineIndex } from './lines.js';

const MARKER = /(?:#|\{#)\s*flaskguard:\s*ignore(?:\[([^\]]*)\])?/i;

function ignores(lineText: string, ruleId: string): boolean {
  const match = MARKER.exec(lineText);
  if (!match) return false;
  if (match[1] === undefined) return true;
  return match[1].split(',').some((id) => id.trim() === ruleId);
}

function isCommentOnly(lineText: string): boolean {
  return /^\s*(#|\{#)/.test(lineText);
}

export function isSuppressed(lines: LineIndex, line: number, ruleId: string): boolean {
  if (ignores(lines.line(line), ruleId)) return true;
  if (line > 1) {
    const above = lines.line(line - 1);
    if (isCommentOnly(above) && ignores(above, ruleId)) return true;
  }
  return false;
}
