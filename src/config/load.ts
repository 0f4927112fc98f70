/**
 * Reads `.flaskguard.yml`: YAML parsed safely (core schema, no custom tags, bounded aliases),
 * then checked against the schema. Every problem names the file, the key and what is allowed.
 */
import { closest, distance } from 'fastest-levenshtein';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, RULE_SETTING_VALUES, type Config } from './schema.js';

export { CONFIG_FILE } from './defaults.js';

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
  const parts = problems.map((p) => (p.key ? `${p.key}: ${p.message}` : p.message));
  return `Invalid FlaskGuard configuration in ${file}: ${parts.join('; ')}.`;
}

/**
 * Parses and validates a config file's text. `knownRules` are the rule ids a `rules:` entry may
 * name. Throws ConfigError.
 */
export function parseConfig(text: string, file: string, knownRules: readonly string[]): Config {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false });
  const yamlProblems = [...doc.errors, ...doc.warnings].map((e) => ({
    key: '',
    message: `not valid YAML (${e.message.split('\n')[0]?.replace(/\.$/, '')}${e.linePos ? ` at line ${e.linePos[0].line}` : ''})`,
  }));
  if (yamlProblems.length > 0) throw new ConfigError(file, yamlProblems);
  const raw: unknown = doc.toJS({ maxAliasCount: 50 }) ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError(file, [{ key: '', message: 'must be a mapping of keys to values (for example `fail_on: high`)' }]);
  const parsed = configSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, raw));
  if (parsed.success) {
    const known = new Set(knownRules);
    for (const id of Object.keys(parsed.data.rules)) {
      if (!known.has(id))
        problems.push({ key: `rules.${id}`, message: `unknown rule id${suggest(id, knownRules)}; known rules: ${knownRules.join(', ')}` });
    }
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
  return (parsed as { data: Config }).data;
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
