import { findCalls } from '../src/core/python/calls.js';
import { durationSeconds } from '../src/core/python/duration.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { describeEnvironment, writesReachingProduction } from '../src/core/python/production-config.js';
import { argument, literalTruthiness } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import type { EnvironmentScope } from '../src/core/scope.js';
import { THREATS } from '../src/core/threats.js';

const DAY = 86400;

export const sessionLifetimeTooLong: Rule = {
  meta: {
    id: 'session-lifetime-too-long',
    code: 'FG504',
    category: 'session-cookies',
    severity: 'low',
    confidence: 'medium',
    confidenceNote:
      'Medium: a long lifetime may be a product decision; the limit is `settings.session_lifetime_max_days`.',
    title: 'Permanent sessions or remember-me cookies that stay valid for too long',
    threats: [THREATS.sessionHijacking],
    why:
      'Flask\'s default sessions live in a signed cookie that the server cannot revoke: a copied cookie works ' +
      'until `PERMANENT_SESSION_LIFETIME` runs out, however often the user logs out or changes the password. ' +
      'Flask-Login\'s remember-me cookie is the same kind of credential: it logs its holder back in until ' +
      '`REMEMBER_COOKIE_DURATION` (or the `duration` given to `login_user`) runs out. The seed strategy asks for ' +
      'an appropriate session timeout; Flask\'s default is 31 days. The limit, for both, is ' +
      '`settings.session_lifetime_max_days` in .flaskguard.yml.',
    example: 'app.permanent_session_lifetime = timedelta(days=365)\napp.config["REMEMBER_COOKIE_DURATION"] = timedelta(days=365)',
    useInstead:
      'app.permanent_session_lifetime = timedelta(days=7)  # and a server-side session store for revocation\napp.config["REMEMBER_COOKIE_DURATION"] = timedelta(days=14)',
    references: [
      'https://flask.palletsprojects.com/en/stable/config/#PERMANENT_SESSION_LIFETIME',
      'https://flask-login.readthedocs.io/en/latest/#cookie-settings',
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration',
    ],
    cwe: [613],
  },
  python(ctx) {
    const { module } = ctx;
    const maxDays = ctx.settings.sessionLifetimeMaxDays;
    const tooLong = (value: SyntaxNode | null): number | undefined => {
      const seconds = durationSeconds(module, value);
      return seconds === undefined || seconds <= maxDays * DAY ? undefined : Math.round((seconds / DAY) * 10) / 10;
    };
    for (const write of writesReachingProduction(module, ['PERMANENT_SESSION_LIFETIME', 'REMEMBER_COOKIE_DURATION'])) {
      const days = tooLong(write.value);
      if (days === undefined) continue;
      const where = describeEnvironment(write);
      ctx.report({
        node: write.value,
        message:
          write.key === 'REMEMBER_COOKIE_DURATION'
            ? `Remember-me cookies stay valid for ${days} days in ${where} (more than ${maxDays}): a stolen cookie logs its holder in that long, and logging out does not revoke it.`
            : `Sessions stay valid for ${days} days in ${where} (more than ${maxDays}): a stolen session cookie keeps working that long.`,
      });
    }
    for (const { duration, days, environment } of rememberDurations(module, tooLong)) {
      ctx.report({
        node: duration,
        environment,
        message: `login_user() remembers the user for ${days} days (more than ${maxDays}): a stolen remember-me cookie logs its holder in that long, and logging out does not revoke it.`,
      });
    }
  },
};

interface RememberDuration {
  duration: SyntaxNode;
  days: number;
  environment: EnvironmentScope;
}

/**
 * `login_user(user, remember=True, duration=timedelta(days=365))`: the duration overrides
 * REMEMBER_COOKIE_DURATION for that login. It matters only when the user may be remembered.
 */
function rememberDurations(module: PythonModule, tooLong: (value: SyntaxNode | null) => number | undefined): RememberDuration[] {
  if (!/\bduration\b/.test(module.text)) return [];
  const found: RememberDuration[] = [];
  for (const call of findCalls(module, ['flask_login.login_user'])) {
    const duration = argument(call, 'duration', 2);
    const remember = argument(call, 'remember', 1);
    const days = tooLong(duration);
    // remember defaults to False: without it there is no remember-me cookie.
    if (!duration || days === undefined || !remember || literalTruthiness(remember) === false) continue;
    found.push({ duration, days, environment: module.environmentOf(call) });
  }
  return found;
}
