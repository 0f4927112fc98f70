import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

const DEBUG_FLAG = /^(1|true|yes|on)$/i;
/** `flask run --debug`, `flask --debug run`, `flask run --debugger`. */
const DEBUG_COMMAND = /\bflask\b(?:\s+--?[\w-]+(?:[= ]\S+)?)*?\s+(?:run\b[^\n]*?\s--(debug|debugger)\b|--debug\b[^\n]*?\brun\b)/;
/** `flask run` without a debug flag of its own: the debugger follows FLASK_DEBUG, which `.flaskenv`/`.env` may set. */
const FLASK_RUN = /\bflask\b(?:\s+--?[\w-]+(?:[= ]\S+)?)*?\s+run\b(?![^\n]*\s--no-debug)/;
/** Flask-Script's development server: `-d`/`--debug` force the debugger, `-D`/`--no-debug` keep it off, otherwise it follows `app.debug`. */
const RUNSERVER = /\bmanage\.py\b[^\n]*?\srunserver\b([^\n]*)/;

export const debugInDeployment: Rule = {
  meta: {
    id: 'debug-in-deployment',
    code: 'FG103',
    category: 'debug-mode',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: a deployment file production uses turns debug on; medium when its command starts the development server (`flask run`, `manage.py runserver`) and debug comes from elsewhere in the project (`.flaskenv`/`.env` for `flask run`, a `DEBUG = True` config for Flask-Script); withheld in files only development tools read (`.flaskenv`, `Dockerfile.dev`, compose overrides named for development).',
    title: 'Debug mode switched on by a deployment file',
    threats: [THREATS.informationDisclosureDebug, THREATS.remoteCodeExecution, THREATS.debuggerDos],
    why:
      '`FLASK_DEBUG=1`, `FLASK_ENV=development` (Flask < 2.3) and `flask run --debug` turn the debugger on for the ' +
      'process they start. In a Dockerfile, compose file, Kubernetes manifest, Procfile, start script or committed ' +
      '.env file they ship to every environment that uses the file. The seed strategy asks deployment scripts to ' +
      'set production explicitly and verify debug is off.',
    example: 'ENV FLASK_DEBUG=1\nCMD ["flask", "run", "--host=0.0.0.0", "--debug"]',
    useInstead: 'ENV FLASK_DEBUG=0\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
    references: [
      'https://flask.palletsprojects.com/en/stable/config/#DEBUG',
      'https://flask.palletsprojects.com/en/stable/deploying/',
    ],
    cwe: [489, 215],
  },
  deploy(ctx) {
    // Files only development tools read (.flaskenv, Dockerfile.dev …) are development scope: the engine withholds them.
    for (const setting of ctx.facts.env) {
      const on =
        (setting.name === 'FLASK_DEBUG' && DEBUG_FLAG.test(setting.value.trim())) ||
        (setting.name === 'FLASK_ENV' && setting.value.trim() === 'development');
      if (!on) continue;
      ctx.report({
        offsets: setting,
        message: `${setting.name}=${setting.value} switches Flask's debug mode on for every environment this file deploys.`,
        fix: /^\w+=/.test(ctx.text.slice(setting.start, setting.end))
          ? `${setting.name}=${setting.name === 'FLASK_DEBUG' ? '0' : 'production'}`
          : undefined,
      });
    }
    // A FLASK_DEBUG set in this file is reported above; the commands are judged on what else turns debug on.
    const debugHere = ctx.facts.env.some((s) => s.name === 'FLASK_DEBUG' || s.name === 'FLASK_ENV');
    for (const command of ctx.facts.commands) {
      const match = DEBUG_COMMAND.exec(command.text);
      if (match) {
        ctx.report({
          offsets: command,
          message: `\`flask run --${match[1] ?? 'debug'}\` starts the development server with the debugger; deploy with a WSGI server (gunicorn, waitress) instead.`,
        });
        continue;
      }
      if (debugHere) continue;
      const runserver = RUNSERVER.exec(command.text);
      const flags = runserver?.[1] ?? '';
      if (runserver && /(^|\s)(-d|--debug|--debugger)\b/.test(flags)) {
        ctx.report({ offsets: command, message: '`manage.py runserver --debug` starts the development server with the debugger; deploy with a WSGI server (gunicorn, waitress) instead.' });
        continue;
      }
      const config = runserver && !/(^|\s)(-D|--no-debug)\b/.test(flags) ? ctx.debugSources.config() : undefined;
      if (config) {
        ctx.report({
          offsets: command,
          confidence: 'medium',
          message: `\`manage.py runserver\` starts the development server, which runs the debugger when the app's DEBUG is on — and ${config.file}:${config.line} sets DEBUG = True. Unless that configuration is never the one loaded here, deploy with a WSGI server (gunicorn, waitress).`,
        });
        continue;
      }
      const dotenv = !runserver && FLASK_RUN.test(command.text) ? ctx.debugSources.dotenv() : undefined;
      if (dotenv) {
        ctx.report({
          offsets: command,
          confidence: 'medium',
          message: `\`flask run\` starts the development server and reads ${dotenv.file}, whose line ${dotenv.line} switches debug on: unless that file is left out of this deployment, it runs the debugger. Deploy with a WSGI server (gunicorn, waitress).`,
        });
      }
    }
  },
};
