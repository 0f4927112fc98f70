import { reportSwitchedOff } from '../src/core/python/switched-off.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const sessionCookieHttponlyDisabled: Rule = {
  meta: {
    id: 'session-cookie-httponly-disabled',
    code: 'FG502',
    category: 'session-cookies',
    severity: 'medium',
    confidence: 'high',
    confidenceNote:
      'High: the flag is set off in configuration production loads; medium when the insecure value is only an environment fallback.',
    title: 'Session or remember-me cookie readable from JavaScript',
    threats: [THREATS.sessionHijacking, THREATS.sessionDataExposure],
    why:
      'Flask and Flask-Login mark their cookies `HttpOnly` by default. Switching it off lets any script on the page ' +
      'read `document.cookie`, so a single XSS bug becomes a stolen session that keeps working after the page is ' +
      'closed.',
    example: 'app.config["SESSION_COOKIE_HTTPONLY"] = False',
    useInstead: 'app.config["SESSION_COOKIE_HTTPONLY"] = True  # the default: leave it out',
    references: [
      'https://flask.palletsprojects.com/en/stable/security/#set-cookie-options',
      'https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_HTTPONLY',
      'https://owasp.org/www-community/HttpOnly',
    ],
    cwe: [1004],
  },
  python(ctx) {
    reportSwitchedOff(ctx, ['SESSION_COOKIE_HTTPONLY', 'REMEMBER_COOKIE_HTTPONLY'], (write, off) => {
      const cookie = write.key.startsWith('REMEMBER') ? 'remember-me cookie' : 'session cookie';
      return `${write.key} is ${off}: any script on the page, including injected ones, can read the ${cookie}.`;
    });
  },
};
