import {
  csrfProtectChecksEveryRequest,
  formsWithCsrfOff,
  instantiationsOf,
  isUncheckedUse,
  readsQueryString,
  type CsrfOffForm,
} from '../src/core/python/flask-wtf.js';
import { reportSwitchedOff } from '../src/core/python/switched-off.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const csrfProtectionDisabled: Rule = {
  meta: {
    id: 'csrf-protection-disabled',
    code: 'FG801',
    category: 'csrf',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: CSRF is switched off in configuration production loads; medium when it is off only as the fallback of an environment variable; withheld in development and test configuration.',
    title: 'Flask-WTF CSRF protection switched off',
    threats: [THREATS.csrfSession],
    why:
      '`WTF_CSRF_ENABLED = False` turns off the CSRF token check of every Flask-WTF form and of `CSRFProtect`; ' +
      '`class Meta: csrf = False` in a `FlaskForm` (or `meta={"csrf": False}` when creating one) turns it off for ' +
      'that form. Any site the user visits can then submit the form to the application with the user\'s session ' +
      'cookie: change the e-mail address, transfer money, delete data. The switch belongs in test configuration. ' +
      'A form is not reported when `CSRFProtect` checks every request of the app anyway, when it only reads the ' +
      'query string of GET requests (a search form), which Flask-WTF never checks, or when it is built in a ' +
      'command-line command.',
    example: 'class Config:\n    WTF_CSRF_ENABLED = False\n\nclass TransferForm(FlaskForm):\n    class Meta:\n        csrf = False',
    useInstead:
      'class TestingConfig(Config):\n    TESTING = True\n    WTF_CSRF_ENABLED = False  # tests only\n\n' +
      'class TransferForm(FlaskForm):  # the template renders {{ form.csrf_token }}, fetch calls send X-CSRFToken\n    amount = DecimalField()',
    references: [
      'https://flask-wtf.readthedocs.io/en/latest/config/',
      'https://flask-wtf.readthedocs.io/en/latest/csrf/',
      'https://wtforms.readthedocs.io/en/3.1.x/csrf/',
      'https://owasp.org/www-community/attacks/csrf',
    ],
    cwe: [352],
  },
  python(ctx) {
    reportSwitchedOff(ctx, ['WTF_CSRF_ENABLED'], (_write, off) => `CSRF protection (WTF_CSRF_ENABLED) is ${off}: other sites can submit forms with the user's session.`);
    for (const form of formsWithCsrfOff(ctx.module)) judgeForm(ctx, form);
  },
};

/**
 * No fix is offered: turning the token back on breaks every page that posts the form without
 * rendering `form.csrf_token` (a form that had no token field rarely does) and every script or
 * client that posts it without the X-CSRFToken header.
 */
function judgeForm(ctx: PythonContext, off: CsrfOffForm): void {
  const { module } = ctx;
  if (off.instantiation ? isUncheckedUse(module, off.instantiation) : off.form && isUncheckedForm(off.form)) return;
  if (csrfProtectChecksEveryRequest(module)) return;
  const form = off.kind === 'flask-wtf' ? `Flask-WTF form ${off.formName}` : `Form ${off.formName} (its base class is not in the analyzed files)`;
  const scope = off.instantiation ? 'here' : 'for every use';
  ctx.report({
    node: off.node,
    environment: module.environmentOf(off.node),
    message:
      `${form} has its CSRF token switched off ${scope}; nothing shows that it serves only GET requests, and no CSRFProtect ` +
      `in the analyzed code checks every request: other sites can submit it with the user's session.`,
  });
}

/** A form class that reads the query string, or whose every use (at least one) no other site can submit. */
function isUncheckedForm(form: NonNullable<CsrfOffForm['form']>): boolean {
  if (readsQueryString(form.module, form.node)) return true;
  const uses = instantiationsOf(form);
  return uses.length > 0 && uses.every((use) => isUncheckedUse(use.module, use.call));
}
