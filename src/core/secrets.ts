/** What counts as a Flask signing secret, and what makes a literal one weak. */

/** Config keys that hold signing secrets (Flask, Flask-JWT-Extended, Flask-WTF, Flask-Security). */
export const SECRET_KEYS = ['SECRET_KEY', 'JWT_SECRET_KEY', 'WTF_CSRF_SECRET_KEY', 'SECURITY_PASSWORD_SALT'] as const;

/**
 * Flask-WTF's own key signs only CSRF tokens, and a token is bound to a random value kept in the
 * user's session: knowing the key does not forge a session or a token for someone else's session.
 */
export const CSRF_ONLY_KEY = 'WTF_CSRF_SECRET_KEY';
export const CSRF_ONLY_MESSAGE =
  'WTF_CSRF_SECRET_KEY is written in the source: it signs only CSRF tokens (bound to each session), so the exposure is small — still, read it from the environment or leave it unset to use SECRET_KEY.';

/** Environment variable names that carry one of those secrets. */
export const SECRET_ENV_NAME = /^([A-Z0-9]+_)*(SECRET_KEY|JWT_SECRET|SECRET|PASSWORD_SALT)$/;

/** The seed asks for at least 64 random bytes; below 32 a key is weak by any standard. */
export const MIN_SECRET_BYTES = 32;

const PLACEHOLDER_WORDS =
  /(change|replace|example|placeholder|insecure|dummy|your|default|dev|test|secret|password|fixme|todo|sample|my[-_ ]?key|^key$|^x+$|^1234)/i;

export function isWeakSecret(value: string): boolean {
  return Buffer.byteLength(value) < MIN_SECRET_BYTES || PLACEHOLDER_WORDS.test(value);
}

/** A value that refers to something else (`${SECRET_KEY}`, `$SECRET`, `{{ .Values.key }}`), not a secret itself. */
export function isReference(value: string): boolean {
  return /^\s*(\$\{?[A-Za-z_]|\{\{|<[^>]+>$)/.test(value);
}
