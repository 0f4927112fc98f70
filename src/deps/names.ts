/** PEP 503 name normalisation: `Flask_Cors`, `flask.cors` and `FLASK-CORS` are all `flask-cors`. */
export function normalizePackageName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Packages that FlaskGuard expects a Flask project to declare when its code imports them. */
export const FLASK_CORE_PACKAGES = ['flask', 'werkzeug'] as const;
