/**
 * Which configuration a review runs with. The base branch's `.flaskguard.yml` applies (defaults
 * without one, defaults and a warning with an invalid one); a pull request's own version is only
 * validated, so that it cannot switch rules off for itself. Pure.
 */
import { CONFIG_FILE, ConfigError, parseConfig } from '../config/load.js';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { Config } from '../config/schema.js';

export interface EffectiveConfig {
  config: Config;
  /** Sentences for the check run. */
  problems: string[];
}

export function baseConfig(text: string | null, baseRef: string, knownRules: readonly string[]): EffectiveConfig {
  if (text === null) return { config: DEFAULT_CONFIG, problems: [] };
  try {
    return { config: parseConfig(text, `${CONFIG_FILE} on ${baseRef}`, knownRules), problems: [] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { config: DEFAULT_CONFIG, problems: [`${error.message} This review ran with the default settings.`] };
  }
}

/**
 * A problem sentence when the pull request's own `.flaskguard.yml` is invalid or unreadable, else
 * undefined. `unread` says why the file could not be read (too large, not text). Whatever goes wrong here is the
 * file's problem, never the review's: a pull request must not end its own check neutral.
 */
export function proposedConfigProblem(text: string | { unread: string }, knownRules: readonly string[]): string | undefined {
  const file = `${CONFIG_FILE} as changed by this pull request`;
  const applies = "The base branch's configuration applies to this review; fix the file before merging.";
  if (typeof text !== 'string') return `${file} could not be read: ${text.unread}. ${applies}`;
  try {
    parseConfig(text, file, knownRules);
    return undefined;
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : `${file} could not be read (${(error as Error).message}).`;
    return `${message} ${applies}`;
  }
}
