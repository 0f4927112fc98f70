/**
 * Suppression comments: `# flaskguard: ignore[rule-id, other-id]` or a bare `# flaskguard: ignore`
 * on the finding's line, or alone on the line above it. Templates use `{# flaskguard: ignore #}`.
 * Each line is read once per file however many findings it has (a minified template can have
 * thousands on one line).
 */
import type { LineIndex } from './lines.js';

const MARKER = /(?:#|\{#)\s*flaskguard:\s*ignore(?:\[([^\]]*)\])?/i;

interface LineMarker {
  /** The rule ids the marker names; undefined for a bare `ignore`, which silences every rule. */
  ids?: ReadonlySet<string>;
  /** The line holds nothing but the comment, so it also covers the line below. */
  commentOnly: boolean;
}

const markers = new WeakMap<LineIndex, Map<number, LineMarker | null>>();

function markerOn(lines: LineIndex, line: number): LineMarker | null {
  let known = markers.get(lines);
  if (!known) {
    known = new Map();
    markers.set(lines, known);
  }
  let marker = known.get(line);
  if (marker === undefined) {
    const text = lines.line(line);
    const match = MARKER.exec(text);
    marker = match ? { commentOnly: /^\s*(#|\{#)/.test(text), ...(match[1] !== undefined && { ids: new Set(match[1].split(',').map((id) => id.trim())) }) } : null;
    known.set(line, marker);
  }
  return marker;
}

function ignores(marker: LineMarker | null, ruleId: string): boolean {
  return marker !== null && (marker.ids === undefined || marker.ids.has(ruleId));
}

export function isSuppressed(lines: LineIndex, line: number, ruleId: string): boolean {
  if (ignores(markerOn(lines, line), ruleId)) return true;
  if (line > 1) {
    const above = markerOn(lines, line - 1);
    if (above?.commentOnly && ignores(above, ruleId)) return true;
  }
  return false;
}
