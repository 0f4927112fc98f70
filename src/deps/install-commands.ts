/**
 * `pip install …` in Dockerfiles and shell scripts: the packages they name are dependencies as
 * much as a requirements file's lines, and are audited the same way. Requirements and
 * constraints files they pass with `-r`/`-c` are audited as files of their own; bare names
 * (`pip install gunicorn`) install the newest release on the day of the build and name no
 * version to audit.
 */
import { deploymentFacts } from '../core/deploy/index.js';
import { unquote } from '../core/deploy/shell.js';
import { LineIndex } from '../core/lines.js';
import type { Declaration } from './declaration.js';
import { normalizePackageName } from './names.js';
import type { ParsedDependencyFile } from './pyproject.js';
import { parseRequirement } from './requirement.js';

/** `pip install`, `pip3 install`, `python -m pip install`, `uv pip install`. */
const INSTALL = /(?:^|\s)(?:(?:python[\d.]*|py)\s+-m\s+pip|uv\s+pip|pip[\d.]*)\s+install(?=\s)/g;
/** Options of pip install that take a value (the next word, unless written `--opt=value`). */
const WITH_VALUE = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--src', '--platform', '--python-version', '--implementation', '--abi', '--trusted-host',
  '--cache-dir', '--log', '--timeout', '--retries', '--proxy', '--only-binary', '--no-binary', '--upgrade-strategy', '-C',
  '--config-settings', '--global-option', '--root-user-action', '--progress-bar', '--report', '--python',
]);
/** Where one command of a line ends. */
const SEPARATOR = /&&|\|\||;|\||\)|`/;

export function parseInstallCommands(path: string, text: string): ParsedDependencyFile {
  const result: ParsedDependencyFile = { declarations: [], notes: [] };
  if (!/\binstall\b/.test(text)) return result;
  const lines = new LineIndex(text);
  for (const command of deploymentFacts(path, text).commands) {
    let cursor = command.start;
    for (const match of command.text.matchAll(INSTALL)) {
      const rest = command.text.slice((match.index as number) + match[0].length);
      const words = (rest.split(SEPARATOR)[0] ?? '').trim().split(/\s+/).filter(Boolean);
      for (let i = 0; i < words.length; i++) {
        const word = words[i] as string;
        if (word.startsWith('-')) {
          if (WITH_VALUE.has(word)) i++;
          continue;
        }
        const requirementText = unquote(word);
        // Variables, paths, wheels and globs name nothing a snapshot can check.
        if (/[$*]/.test(requirementText) || /\.(whl|tar\.gz|zip)$/i.test(requirementText)) continue;
        const requirement = parseRequirement(requirementText);
        if (!requirement || (!requirement.url && !requirement.specifier)) continue;
        // Find the word in the file: continuations make the joined command text differ from it.
        const found = text.indexOf(requirementText, cursor);
        if (found < 0 || found > command.end) continue;
        cursor = found + requirementText.length;
        result.declarations.push(declarationAt(path, lines, found, requirementText, requirement));
      }
    }
  }
  return result;
}

function declarationAt(path: string, lines: LineIndex, at: number, text: string, requirement: NonNullable<ReturnType<typeof parseRequirement>>): Declaration {
  const span = (start: number, end: number) => {
    const from = lines.position(at + start);
    const to = lines.position(at + end);
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  };
  const declaration: Declaration = {
    file: path,
    name: requirement.name,
    package: normalizePackageName(requirement.name),
    origin: 'install-command',
    range: span(0, requirement.end),
    text: text.slice(0, requirement.end),
    specifiers: requirement.url ? [] : [requirement.specifier],
  };
  if (requirement.url) declaration.url = requirement.url;
  const pinned = requirement.pinned;
  if (pinned) {
    const before = text.slice(0, pinned.start);
    declaration.pin = { version: pinned.version, range: span(0, pinned.end), before, after: '' };
  }
  return declaration;
}
