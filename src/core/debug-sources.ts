/**
 * Where a project turns debug mode on outside a deployment file, for the rule that judges the
 * commands containers run: `flask run` reads `.flaskenv` and `.env` (with python-dotenv), so a
 * `FLASK_DEBUG=1` there reaches a container whose entry point is `flask run`; Flask-Script's
 * `manage.py runserver` starts the debugger when the app's `DEBUG` is on, so a `DEBUG = True` in
 * any config the project writes — a development class included — reaches it.
 */
import { dotenvFacts } from './deploy/shell.js';
import { LineIndex } from './lines.js';
import { findConfigWrites } from './python/config-writes.js';
import type { PythonModule } from './python/module.js';
import { literalTruthiness } from './python/syntax.js';

export interface DebugSetting {
  /** Repo-relative path and 1-based line of the setting. */
  file: string;
  line: number;
}

interface TextFile {
  path: string;
  text: string;
}

const DEBUG_ON = /^(1|true|yes|on)$/i;
const DOTENV_FILES = /(^|\/)\.(flaskenv|env)$/;

export class DebugSources {
  private dotenvFound?: DebugSetting | null;
  private configFound?: DebugSetting | null;

  constructor(
    private readonly textFiles: () => readonly TextFile[],
    private readonly modules: () => readonly PythonModule[],
  ) {}

  /** `FLASK_DEBUG=1` (or `FLASK_ENV=development`) in a `.flaskenv` or `.env` file of the project. */
  dotenv(): DebugSetting | undefined {
    if (this.dotenvFound === undefined) {
      this.dotenvFound = null;
      for (const file of this.textFiles()) {
        if (!DOTENV_FILES.test(file.path)) continue;
        const setting = dotenvFacts(file.text).env.find(
          (s) => (s.name === 'FLASK_DEBUG' && DEBUG_ON.test(s.value.trim())) || (s.name === 'FLASK_ENV' && s.value.trim() === 'development'),
        );
        if (setting) {
          this.dotenvFound = { file: file.path, line: new LineIndex(file.text).lineOf(setting.start) };
          break;
        }
      }
    }
    return this.dotenvFound ?? undefined;
  }

  /** `DEBUG = True` in any configuration the project's Python writes, whatever environment it is for. */
  config(): DebugSetting | undefined {
    if (this.configFound === undefined) {
      this.configFound = null;
      for (const module of this.modules()) {
        if (module.fileScope === 'testing' || !/\bDEBUG\b/.test(module.text)) continue;
        const write = findConfigWrites(module, ['DEBUG']).find((w) => w.environment !== 'testing' && literalTruthiness(w.value) === true);
        if (write) {
          this.configFound = { file: module.path, line: module.lines.lineOf(write.node.startIndex) };
          break;
        }
      }
    }
    return this.configFound ?? undefined;
  }
}
