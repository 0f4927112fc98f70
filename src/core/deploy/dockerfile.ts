/** Dockerfiles: `ENV`/`ARG` settings and `RUN`/`CMD`/`ENTRYPOINT` commands. */
import { logicalLines, unquote } from './shell.js';
import type { CommandText, DeploymentFacts, EnvSetting } from './types.js';

const INSTRUCTION = /^\s*([A-Za-z]+)\s+([\s\S]*)$/;
const PAIR = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;

export function dockerfileFacts(text: string): DeploymentFacts {
  const env: EnvSetting[] = [];
  const commands: CommandText[] = [];
  for (const line of logicalLines(text, 'skip')) {
    const m = INSTRUCTION.exec(line.text);
    if (!m) continue;
    const instruction = (m[1] as string).toUpperCase();
    const rest = m[2] as string;
    if (instruction === 'ENV' || instruction === 'ARG') {
      if (rest.includes('=')) {
        for (const pair of rest.matchAll(PAIR)) env.push(locate(text, line, pair[0], pair[1] as string, unquote(pair[2] as string)));
      } else if (instruction === 'ENV') {
        // Legacy form: ENV NAME value
        const [name, ...value] = rest.trim().split(/\s+/);
        if (name) env.push(locate(text, line, rest.trim(), name, unquote(value.join(' '))));
      }
    } else if (instruction === 'RUN' || instruction === 'CMD' || instruction === 'ENTRYPOINT') {
      commands.push({ text: execForm(rest), start: line.start, end: line.end });
    }
  }
  return { env, commands };
}

function locate(text: string, line: CommandText, snippet: string, name: string, value: string): EnvSetting {
  const at = text.indexOf(snippet, line.start);
  const start = at === -1 || at > line.end ? line.start : at;
  return { name, value, start, end: at === -1 ? line.end : start + snippet.length };
}

/** `["flask", "run", "--debug"]` → `flask run --debug`. */
function execForm(rest: string): string {
  const trimmed = rest.trim();
  if (!trimmed.startsWith('[')) return trimmed;
  try {
    const parts = JSON.parse(trimmed) as unknown;
    return Array.isArray(parts) ? parts.map(String).join(' ') : trimmed;
  } catch {
    return trimmed;
  }
}
