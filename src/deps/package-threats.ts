/** What an advisory in a package of the Flask ecosystem means for a Flask application: the monitoring issue says it beside each package. */

const THREATS: Record<string, string> = {
  flask: "Flask's own code runs in every request (sessions, responses, routing): an advisory in it reaches every view of the application.",
  werkzeug:
    'Werkzeug is the WSGI layer under every Flask route: its request and multipart parsing, its debugger and safe_join (behind send_from_directory) run for any client, so its advisories are reachable without logging in.',
  jinja2: 'Jinja renders every template: a sandbox escape or an escaping flaw turns template rendering into code execution or script injection.',
  markupsafe: "MarkupSafe does the HTML escaping of Jinja's autoescape and Markup(): a flaw in it is cross-site scripting in every template.",
  itsdangerous: "itsdangerous signs Flask's session cookie and its tokens: a flaw in it lets a client forge a session.",
  'flask-cors': 'Flask-CORS decides which other sites may read authenticated responses: a flaw in it exposes them cross-origin.',
  'flask-login': "Flask-Login decides who is logged in: a flaw in it is a way into other users' accounts.",
  'flask-wtf': "Flask-WTF checks the CSRF token of every form: a flaw in it lets other sites submit forms in a user's name.",
  'flask-session': 'Flask-Session stores the server-side session: a flaw in it exposes or lets clients replace session data.',
  gunicorn: 'Gunicorn parses the HTTP requests before Flask sees them: request smuggling there bypasses what the application checks.',
};

const DEFAULT = 'A library the Flask application loads: its advisory is reachable wherever the application uses it.';

export function packageThreat(pkg: string): string {
  return THREATS[pkg] ?? DEFAULT;
}
