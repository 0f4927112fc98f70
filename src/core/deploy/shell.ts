/** Shell scripts, Procfiles and dotenv files: `export NAME=value`, `NAME=value cmd`, commands. */
import type { CommandText, DeploymentFacts, EnvSetting } from './types.js';

const ASSIGNMENT = /(?<=^|[\s;&|(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|)#]*)/g;

/**
 * Logical lines (continuations joined) with comment-only lines dropped and trailing comments cut.
 * Docker drops comment lines inside a continued instruction (`commentLines: 'skip'`); a shell
 * ends the command there.
 */
export function logicalLines(text: string, commentLines: 'end' | 'skip' = 'end'): CommandText[] {
  const out: CommandText[] = [];
  let start = 0;
  let buffer = '';
  let bufferStart = -1;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    const code = stripComment(line.replace(/\r$/, ''));
    if (commentLines === 'skip' && bufferStart !== -1 && /^\s*#/.test(line)) {
      start = end + 1;
      continue;
    }
    if (bufferStart === -1) bufferStart = start;
    if (code.endsWith('\\')) {
      buffer += `${code.slice(0, -1)} `;
    } else {
      buffer += code;
      if (buffer.trim()) out.push({ text: buffer, start: bufferStart, end });
      buffer = '';
      bufferStart = -1;
    }
    start = end + 1;
  }
  if (buffer.trim()) out.push({ text: buffer, start: bufferStart, end: text.length });
  return out;
}

/** Cuts a `#` comment that is not inside quotes. */
export function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) {
      return line.slice(0, i).trimEnd();
    }
  }
  return line;
}

export function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) return value.slice(1, -1);
  return value;
}

/** Environment assignments inside one logical line whose text starts at `offset` in the file. */
export function assignmentsIn(line: CommandText, text: string): EnvSetting[] {
  const out: EnvSetting[] = [];
  for (const m of line.text.matchAll(ASSIGNMENT)) {
    // Logical lines may join continuations, so find the match in the original text.
    const start = text.indexOf(m[0], line.start);
    if (start === -1 || start > line.end) continue;
    out.push({ name: m[1] as string, value: unquote(m[2] as string), start, end: start + m[0].length });
  }
  return out;
}

export function shellFacts(text: string): DeploymentFacts {
  const commands = logicalLines(text);
  return { env: commands.flatMap((c) => assignmentsIn(c, text)), commands };
}

/** Procfile: `web: FLASK_DEBUG=1 flask run` — each entry's command after the process type. */
export function procfileFacts(text: string): DeploymentFacts {
  const commands = logicalLines(text).map((c) => {
    const colon = c.text.indexOf(':');
    return colon === -1 ? c : { text: c.text.slice(colon + 1), start: c.start + colon + 1, end: c.end };
  });
  return { env: commands.flatMap((c) => assignmentsIn(c, text)), commands };
}

/** Dotenv files hold only assignments (one per line, optional `export`). */
export function dotenvFacts(text: string): DeploymentFacts {
  return { env: logicalLines(text).flatMap((c) => assignmentsIn(c, text)), commands: [] };
}
