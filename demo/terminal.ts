/**
 * Terminal output for the demo: colour only on a TTY (and never with NO_COLOR), text wrapped to the
 * terminal's width, and GitHub Markdown turned into plain text a terminal shows well.
 */
const useColour = process.stdout.isTTY === true && !('NO_COLOR' in process.env);

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39] } as const;
export type Style = keyof typeof CODES;

export function paint(style: Style, text: string): string {
  if (!useColour) return text;
  const [on, off] = CODES[style];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

export const WIDTH = Math.max(60, Math.min(process.stdout.columns ?? 100, 120));

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

/** Words of `text` in lines of at most `width` visible characters, each starting with `indent`. */
export function wrap(text: string, indent: string, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    if (line && visibleLength(indent + line + ' ' + word) > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(indent + line);
  return lines;
}

/** Inline Markdown: links lose their (local) URLs, `code`, **bold** and _emphasis_ get styles, HTML comments go. */
export function inline(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, (_, bold: string) => paint('bold', bold))
    .replace(/(^|\s)_([^_]+)_(?=$|[\s.,])/g, (_, before: string, emphasis: string) => before + paint('dim', emphasis))
    .replace(/`` (.+?) ``/g, (_, code: string) => paint('cyan', code))
    .replace(/`([^`]+)`/g, (_, code: string) => paint('cyan', code))
    .trimEnd();
}

/**
 * A Markdown document as terminal lines: headings in bold, tables aligned, fenced code kept as it
 * is, list items and paragraphs wrapped under `indent`.
 */
export function markdown(text: string, indent: string): string[] {
  const out: string[] = [];
  const lines = text.replace(/<!--[\s\S]*?-->/g, '').trim().split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = /^(\s*)(`{3,})(\w*)$/.exec(line);
    if (fence) {
      const margin = fence[1] as string;
      const end = lines.findIndex((l, j) => j > i && l.trim() === fence[2]);
      const code = lines.slice(i + 1, end < 0 ? undefined : end).map((c) => (c.startsWith(margin) ? c.slice(margin.length) : c));
      out.push(...code.map((c) => `${indent}${margin}  ${paint('cyan', c)}`.trimEnd()));
      i = end < 0 ? lines.length : end;
      continue;
    }
    if (line.startsWith('|')) {
      const end = lines.findIndex((l, j) => j > i && !l.startsWith('|'));
      out.push(...table(lines.slice(i, end < 0 ? undefined : end), indent));
      i = (end < 0 ? lines.length : end) - 1;
      continue;
    }
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (heading) out.push(`${indent}${paint('bold', inline(heading[1] as string))}`);
    else if (line.trim() === '' || /^-{3,}$/.test(line)) out.push('');
    else {
      const item = /^(\s*)([-*] )?(.*)$/.exec(line) as RegExpExecArray;
      const lead = `${indent}${item[1]}${item[2] ? '• ' : ''}`;
      const rest = wrap(inline(item[3] as string), `${indent}${item[1]}${item[2] ? '  ' : ''}`);
      out.push(lead + (rest[0] as string).slice(lead.length), ...rest.slice(1));
    }
  }
  return out.filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''));
}

/** A Markdown pipe table with its columns aligned (the separator row becomes a rule). */
function table(rows: readonly string[], indent: string): string[] {
  const cells = rows.filter((r) => !/^\|[-:| ]+\|$/.test(r)).map((r) => r.slice(1, -1).split('|').map((c) => inline(c.trim())));
  const widths = (cells[0] ?? []).map((_, col) => Math.max(...cells.map((row) => visibleLength(row[col] ?? ''))));
  const pad = (text: string, col: number) => (col === 0 ? text + ' '.repeat((widths[col] as number) - visibleLength(text)) : ' '.repeat((widths[col] as number) - visibleLength(text)) + text);
  const lines = cells.map((row) => (indent + row.map(pad).join('  ')).trimEnd());
  lines.splice(1, 0, indent + paint('dim', '─'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1))));
  return lines;
}
