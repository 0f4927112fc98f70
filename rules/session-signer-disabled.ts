import { reportSwitchedOff } from '../src/core/python/switched-off.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const sessionSignerDisabled: Rule = {
  meta: {
    id: 'session-signer-disabled',
    code: 'FG506',
    category: 'session-cookies',
    severity: 'low',
    confidence: 'high',
    confidenceNote:
      'High: the configuration states `SESSION_USE_SIGNER = False` for a server-side session backend; medium when it is off only as the fallback of an environment variable.',
    title: 'Flask-Session cookie carries an unsigned session id',
    threats: [THREATS.sessionHijacking, THREATS.dataTampering],
    why:
      'With `SESSION_USE_SIGNER = False`, Flask-Session puts the bare server-side session id in the cookie. Signing ' +
      'it with the secret key means a client can only present ids the server issued: guessed, fixated or ' +
      'leaked-from-the-store ids are rejected before they reach the session backend.',
    example: 'SESSION_TYPE = "redis"\nSESSION_USE_SIGNER = False',
    useInstead: 'SESSION_TYPE = "redis"\nSESSION_USE_SIGNER = True',
    references: [
      'https://flask-session.readthedocs.io/en/latest/config.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-fixation',
    ],
    cwe: [565],
  },
  python(ctx) {
    reportSwitchedOff(ctx, ['SESSION_USE_SIGNER'], (write, off) => `SESSION_USE_SIGNER is ${off}: the session cookie carries an unsigned id that the server accepts as is.`);
  },
};
