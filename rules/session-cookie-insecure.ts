import { reportSwitchedOff } from '../src/core/python/switched-off.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const sessionCookieInsecure: Rule = {
  meta: {
    id: 'session-cookie-insecure',
    code: 'FG501',
    category: 'session-cookies',
    severity: 'medium',
    confidence: 'high',
    confidenceNote:
      'High: the flag is set off in configuration production loads; medium when the insecure value is only an environment fallback.',
    title: 'Session or remember-me cookie allowed over plain HTTP',
    threats: [THREATS.sessionHijacking, THREATS.sessionDataExposure],
    why:
      'Without the `Secure` attribute the browser also sends the session cookie (and Flask-Login\'s remember-me ' +
      'cookie) over plain HTTP: one request to an `http://` URL of the site — a link, a redirect, a mixed-content ' +
      'image — lets anyone on the network copy the cookie and take over the session. The seed strategy asks for ' +
      '`SESSION_COOKIE_SECURE = True` in production.',
    example: 'class ProductionConfig(Config):\n    SESSION_COOKIE_SECURE = False',
    useInstead: 'class ProductionConfig(Config):\n    SESSION_COOKIE_SECURE = True\n    REMEMBER_COOKIE_SECURE = True',
    references: [
      'https://flask.palletsprojects.com/en/stable/security/#set-cookie-options',
      'https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SECURE',
      'https://flask-login.readthedocs.io/en/latest/#cookie-settings',
    ],
    cwe: [614],
  },
  python(ctx) {
    reportSwitchedOff(ctx, ['SESSION_COOKIE_SECURE', 'REMEMBER_COOKIE_SECURE'], (write, off) => {
      const cookie = write.key.startsWith('REMEMBER') ? 'remember-me cookie' : 'session cookie';
      return `${write.key} is ${off}: the ${cookie} also travels over plain HTTP, where anyone on the network can copy it.`;
    });
  },
};
