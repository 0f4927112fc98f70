/** What a dependency file says about one package, and where it says it. */
import type { Range } from '../core/types.js';
import type { TableReference } from './direct-reference.js';

/** `install-command`: a `pip install` in a Dockerfile or shell script. */
export type DeclarationOrigin = 'requirements' | 'constraints' | 'pyproject' | 'poetry' | 'pipfile' | 'lock' | 'install-command';

export interface Pin {
  version: string;
  /** The text a fix replaces: `Flask==2.0.1` in a requirements file, `2.0.1` in a TOML string. */
  range: Range;
  /** The replacement is `before + newVersion + after`. */
  before: string;
  after: string;
  /** Why the pin cannot be rewritten in place (hashes, a lock file), when it cannot. */
  notFixable?: string;
}

export interface Declaration {
  /** Repository-relative path of the declaring file. */
  file: string;
  /** The name as written. */
  name: string;
  /** PEP 503-normalised name. */
  package: string;
  origin: DeclarationOrigin;
  /** The requirement on its line: where findings about it point. */
  range: Range;
  /** The text of that range, for messages. */
  text: string;
  /**
   * PEP 440 specifier sets, any one of which may apply (Poetry's `||` gives several);
   * `['']` admits every version; empty for URL and VCS requirements, which name no version.
   */
  specifiers: string[];
  /** Set when a `==X` / `===X` clause fixes the version. */
  pin?: Pin;
  /** A URL, VCS or path requirement: its version cannot be audited. */
  url?: string;
  /** The reference a Poetry or Pipfile git table names (`rev`, `tag`, `branch`, `ref`). */
  vcsReference?: TableReference;
}

export interface DeclarationNote {
  line: number;
  note: string;
}
