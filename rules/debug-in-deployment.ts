import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

const DEBUG_FLAG = /^(1|true|yes|on)$/i;
/** `flask run --debug`, `flask --debug run`, `flask run --debugger`. */
const DEBUG_COMMAND = /\bflask\b(?:\s+--?[\w-]+(?:[= ]\S+)?)*?\s+(?:run\b[^\n]*?\s--(debug|debugger)\b|--debug\b[^\n]*?\brun\b)/;

export const debugInDeployment: Rule = {
  meta: {
    id: 'debug-in-deployment',
    code: 'FG103',
    category: 'debug-mode',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: a deployment file production uses turns debug on; withheld in files only development tools read (`.flaskenv`, `Dockerfile.dev`, compose overrides named for development).',
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
    for (const command of ctx.facts.commands) {
      const match = DEBUG_COMMAND.exec(command.text);
      if (!match) continue;
      ctx.report({
        offsets: command,
        message: `\`flask run --${match[1] ?? 'debug'}\` starts the development server with the debugger; deploy with a WSGI server (gunicorn, waitress) instead.`,
      });
    }
  },
};
