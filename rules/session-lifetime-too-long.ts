import { durationSeconds } from '../src/core/python/duration.js';
import { describeEnvironment, writesReachingProduction } from '../src/core/python/production-config.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

const DAY = 86400;

export const sessionLifetimeTooLong: Rule = {
  meta: {
    id: 'session-lifetime-too-long',
    code: 'FG504',
    category: 'session-cookies',
    severity: 'low',
    title: 'Permanent sessions that stay valid for too long',
    threats: [THREATS.sessionHijacking],
    why:
      'Flask\'s default sessions live in a signed cookie that the server cannot revoke: a copied cookie works ' +
      'until `PERMANENT_SESSION_LIFETIME` runs out, however often the user logs out or changes the password. ' +
      'The seed strategy asks for an appropriate session timeout; Flask\'s default is 31 days. The limit is ' +
      '`settings.session_lifetime_max_days` in .flaskguard.yml.',
    example: 'app.permanent_session_lifetime = timedelta(days=365)',
    useInstead: 'app.permanent_session_lifetime = timedelta(days=7)  # and a server-side session store for revocation',
    references: [
      'https://flask.palletsprojects.com/en/stable/config/#PERMANENT_SESSION_LIFETIME',
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration',
    ],
  },
  python(ctx) {
    const maxDays = ctx.settings.sessionLifetimeMaxDays;
    for (const write of writesReachingProduction(ctx.module, ['PERMANENT_SESSION_LIFETIME'])) {
      const seconds = durationSeconds(ctx.module, write.value);
      if (seconds === undefined || seconds <= maxDays * DAY) continue;
      const days = Math.round((seconds / DAY) * 10) / 10;
      ctx.report({
        node: write.value,
        message: `Sessions stay valid for ${days} days in ${describeEnvironment(write)} (more than ${maxDays}): a stolen session cookie keeps working that long.`,
      });
    }
  },
};
