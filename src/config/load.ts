/**
 * Reads `.flaskguard.yml`: YAML parsed safely (core schema, no custom tags, bounded size and
 * aliases), then checked against the schema. Every problem names the file, the key and what is
 * allowed; whatever the YAML library throws is such a problem too, never an internal error.
 */
import { closest, distance } from 'fastest-levenshtein';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { CONFIG_LIMITS, configSizeProblem } from './defaults.js';
import { configSchema, RULE_SETTING_VALUES, type Config } from './schema.js';

export { CONFIG_FILE } from './defaults.js';

/** Problems (and unknown rule ids) spelled out; the rest are counted, so a hostile file cannot flood the check run. */
const SHOWN = 20;

export interface ConfigProblem {
  /** Dotted key path (`review.max_comments`), or '' for the file as a whole. */
  key: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(formatProblems(file, problems));
    this.name = 'ConfigError';
  }
}

function formatProblems(file: string, problems: ConfigProblem[]): string {
  const parts = problems.slice(0, SHOWN).map((p) => (p.key ? `${p.key}: ${p.message}` : p.message));
  if (problems.length > SHOWN) parts.push(`and ${problems.length - SHOWN} more problems`);
  return `Invalid FlaskGuard configuration in ${file}: ${parts.join('; ')}.`;
}

/**
 * Parses and validates a config file's text. `knownRules` are the rule ids a `rules:` entry may
 * name. Throws ConfigError.
 */
export function parseConfig(text: string, file: string, knownRules: readonly string[]): Config {
  const bytes = Buffer.byteLength(text);
  if (bytes > CONFIG_LIMITS.bytes) throw new ConfigError(file, [{ key: '', message: configSizeProblem(bytes) }]);
  const raw = readYaml(text, file);
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError(file, [{ key: '', message: 'must be a mapping of keys to values (for example `fail_on: high`)' }]);
  const parsed = configSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, raw));
  const unknown = unknownRules((raw as { rules?: unknown }).rules, knownRules);
  if (unknown) problems.push(unknown);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return (parsed as { data: Config }).data;
}

function readYaml(text: string, file: string): unknown {
  try {
    const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false });
    // The library may report one overflow many times over: each sentence once.
    const messages = new Set([...doc.errors, ...doc.warnings].map((e) => `${yamlTrouble(e)}${e.linePos ? ` at line ${e.linePos[0].line}` : ''}`));
    if (messages.size > 0) throw new ConfigError(file, [...messages].map((message) => ({ key: '', message })));
    return doc.toJS({ maxAliasCount: CONFIG_LIMITS.aliases }) ?? {};
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(file, [{ key: '', message: yamlTrouble(error as Error) }]);
  }
}

/** What the YAML library's error means for the person who wrote the file. */
function yamlTrouble(error: Error): string {
  if (error instanceof RangeError || /call stack/i.test(error.message)) return 'nested too deeply to read (a configuration needs only a few levels)';
  if (/alias count/i.test(error.message)) return `uses YAML aliases (*name) more than ${CONFIG_LIMITS.aliases} times; write the values out instead`;
  return `not valid YAML (${error.message.split('\n')[0]?.replace(/\.$/, '')})`;
}

/** One problem for every unknown id of `rules:`, listing the known ones once. */
function unknownRules(rules: unknown, knownRules: readonly string[]): ConfigProblem | undefined {
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) return undefined;
  const known = new Set(knownRules);
  const unknown = Object.keys(rules).filter((id) => !known.has(id));
  if (unknown.length === 0) return undefined;
  const allowed = `known rules: ${knownRules.join(', ')}`;
  if (unknown.length === 1) return { key: `rules.${unknown[0]}`, message: `unknown rule id${suggest(unknown[0] as string, knownRules)}; ${allowed}` };
  const named = unknown.slice(0, SHOWN).map((id) => `${id}${suggest(id, knownRules)}`);
  if (unknown.length > SHOWN) named.push(`and ${unknown.length - SHOWN} more`);
  return { key: 'rules', message: `unknown rule ids ${named.join(', ')}; ${allowed}` };
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): ConfigProblem {
  const path = issue.path.map(String);
  const key = path.join('.');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const where = key ? `${key}.` : '';
      return {
        key: issue.keys.map((k) => `${where}${k}`).join(', '),
        message: `unknown key; allowed keys here: ${allowedKeys(path).join(', ')}`,
      };
    }
    case 'invalid_value':
      return { key, message: `got ${show(valueAt(raw, path))}; allowed: ${issue.values.map(String).join(', ')}` };
    case 'invalid_union':
      return { key, message: `got ${show(valueAt(raw, path))}; allowed: ${allowedFor(path)}` };
    case 'invalid_type':
      return { key, message: `got ${show(valueAt(raw, path))}; expected ${issue.expected === 'record' || issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list of glob patterns' : `a ${issue.expected}`}` };
    case 'too_small':
      return { key, message: `got ${show(valueAt(raw, path))}; must be at least ${String(issue.minimum)}${issue.inclusive ? '' : ' (exclusive)'}` };
    case 'too_big':
      if (issue.origin === 'array') return { key, message: `has ${(valueAt(raw, path) as unknown[]).length} entries; at most ${String(issue.maximum)} allowed` };
      return { key, message: `got ${show(valueAt(raw, path))}; must be at most ${String(issue.maximum)}` };
    default:
      return { key, message: issue.message };
  }
}

function allowedFor(path: string[]): string {
  if (path[0] === 'rules') return RULE_SETTING_VALUES.join(', ');
  if (path[1] === 'comments') return 'on, off';
  return 'see the README';
}

function allowedKeys(path: string[]): string[] {
  let shape: z.ZodType = configSchema;
  for (const part of path) {
    const inner = unwrapSchema(shape);
    if (!('shape' in inner)) return [];
    shape = (inner.shape as Record<string, z.ZodType>)[part] as z.ZodType;
  }
  const inner = unwrapSchema(shape);
  return 'shape' in inner ? Object.keys(inner.shape as object) : [];
}

function unwrapSchema(schema: z.ZodType): z.ZodType & { shape?: unknown } {
  let s = schema as z.ZodType & { unwrap?: () => z.ZodType; def?: { innerType?: z.ZodType } };
  while (s && !('shape' in s) && s.def?.innerType) s = s.def.innerType as typeof s;
  return s;
}

function valueAt(raw: unknown, path: string[]): unknown {
  let value = raw;
  for (const part of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function suggest(id: string, known: readonly string[]): string {
  const close = closest(id, [...known]);
  return distance(id, close) <= Math.max(2, id.length / 4) ? ` (did you mean ${close}?)` : '';
}
