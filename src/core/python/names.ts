/**
 * Canonical names. Flask, Werkzeug, Jinja and MarkupSafe re-export the same objects under several
 * module paths; resolution maps every spelling onto one, so a rule asks about `flask.send_file`
 * and matches `flask.helpers.send_file` too. A trailing `()` means "an instance of".
 */

const CANONICAL: Record<string, string> = {
  'flask.app.Flask': 'flask.Flask',
  'apiflask.APIFlask': 'flask.Flask',
  'apiflask.app.APIFlask': 'flask.Flask',
  'flask.blueprints.Blueprint': 'flask.Blueprint',
  'apiflask.APIBlueprint': 'flask.Blueprint',
  'flask.globals.request': 'flask.request',
  'flask.globals.session': 'flask.session',
  'flask.globals.g': 'flask.g',
  'flask.globals.current_app': 'flask.Flask()',
  'flask.current_app': 'flask.Flask()',
  'flask.helpers.send_file': 'flask.send_file',
  'flask.helpers.send_from_directory': 'flask.send_from_directory',
  'flask.helpers.url_for': 'flask.url_for',
  'flask.helpers.redirect': 'flask.redirect',
  'werkzeug.utils.redirect': 'flask.redirect',
  'werkzeug.redirect': 'flask.redirect',
  'flask.helpers.make_response': 'flask.make_response',
  'flask.helpers.safe_join': 'werkzeug.utils.safe_join',
  'flask.safe_join': 'werkzeug.utils.safe_join',
  'werkzeug.security.safe_join': 'werkzeug.utils.safe_join',
  'werkzeug.secure_filename': 'werkzeug.utils.secure_filename',
  'flask.templating.render_template': 'flask.render_template',
  'flask.templating.render_template_string': 'flask.render_template_string',
  'flask.templating.stream_template': 'flask.stream_template',
  'jinja2.environment.Template': 'jinja2.Template',
  'jinja2.utils.select_autoescape': 'jinja2.select_autoescape',
  'flask.Markup': 'markupsafe.Markup',
  'jinja2.Markup': 'markupsafe.Markup',
  'flask.escape': 'markupsafe.escape',
  'jinja2.escape': 'markupsafe.escape',
  'jinja2.environment.Environment': 'jinja2.Environment',
  'jinja2.sandbox.SandboxedEnvironment': 'jinja2.SandboxedEnvironment',
  'flask.wrappers.Response': 'flask.Response',
  'werkzeug.wrappers.Response': 'flask.Response',
  'werkzeug.Response': 'flask.Response',
  'werkzeug.wrappers.response.Response': 'flask.Response',
  'flask.json.jsonify': 'flask.jsonify',
  'flask.views.MethodView': 'flask.views.MethodView',
  'werkzeug.debug.DebuggedApplication': 'werkzeug.debug.DebuggedApplication',
  'werkzeug.run_simple': 'werkzeug.serving.run_simple',
  'flask_wtf.csrf.CSRFProtect': 'flask_wtf.CSRFProtect',
  'flask_wtf.CsrfProtect': 'flask_wtf.CSRFProtect',
  'flask_wtf.form.FlaskForm': 'flask_wtf.FlaskForm',
  // FlaskForm's name before Flask-WTF 0.13 (an alias until 1.0).
  'flask_wtf.Form': 'flask_wtf.FlaskForm',
  'flask_wtf.form.Form': 'flask_wtf.FlaskForm',
  'wtforms.form.Form': 'wtforms.Form',
  'flask_login.utils.login_user': 'flask_login.login_user',
  'flask_cors.extension.CORS': 'flask_cors.CORS',
  'flask_cors.decorator.cross_origin': 'flask_cors.cross_origin',
  'flask_talisman.talisman.Talisman': 'flask_talisman.Talisman',
  'os.getenv': 'os.environ.get',
  'posixpath.join': 'os.path.join',
  'pathlib.PosixPath': 'pathlib.Path',
};

export function canonical(name: string): string {
  const exact = CANONICAL[name];
  if (exact) return exact;
  // Canonicalise the longest known prefix: `flask.globals.request.args` → `flask.request.args`.
  for (let i = name.lastIndexOf('.'); i > 0; i = name.lastIndexOf('.', i - 1)) {
    const prefix = CANONICAL[name.slice(0, i)];
    if (prefix) return prefix + name.slice(i);
  }
  return name;
}

/** Names a star import (`from flask import *`) brings in, for the modules rules care about. */
export const STAR_EXPORTS: Record<string, readonly string[]> = {
  flask: [
    'Flask', 'Blueprint', 'request', 'session', 'g', 'current_app', 'send_file', 'send_from_directory',
    'render_template', 'render_template_string', 'redirect', 'url_for', 'make_response', 'Markup',
    'escape', 'Response', 'jsonify', 'abort', 'safe_join',
  ],
  'werkzeug.utils': ['secure_filename', 'safe_join', 'redirect', 'send_file', 'send_from_directory'],
  markupsafe: ['Markup', 'escape'],
  jinja2: ['Environment', 'Markup', 'escape', 'Template', 'FileSystemLoader', 'select_autoescape'],
  os: ['environ', 'getenv', 'path', 'urandom'],
};

/** Python builtins that matter to rules; any other unbound name stays unresolved. */
export const BUILTINS = new Set([
  'open', 'int', 'float', 'bool', 'str', 'bytes', 'len', 'repr', 'format', 'list', 'dict', 'tuple', 'set',
  'sorted', 'reversed', 'min', 'max', 'abs', 'round', 'hash', 'isinstance', 'getattr', 'setattr', 'print',
  'range', 'enumerate', 'zip', 'map', 'filter', 'any', 'all', 'sum', 'ord', 'chr', 'hex', 'oct', 'bin',
  'type', 'id', 'iter', 'next', 'vars', 'dir', 'eval', 'exec', 'compile', 'super', 'object', 'Exception',
]);

/** Top-level modules that are libraries, not the project itself (used to tell project imports apart). */
export const LIBRARY_ROOTS = new Set([
  'flask', 'werkzeug', 'jinja2', 'markupsafe', 'itsdangerous', 'click', 'os', 'sys', 'io', 're', 'json',
  'pathlib', 'posixpath', 'ntpath', 'shutil', 'tempfile', 'secrets', 'uuid', 'hashlib', 'hmac', 'base64',
  'datetime', 'time', 'logging', 'typing', 'functools', 'itertools', 'collections', 'dataclasses', 'urllib',
  'html', 'http', 'email', 'subprocess', 'socket', 'string', 'random', 'math', 'enum', 'abc', 'contextlib',
  'flask_wtf', 'wtforms', 'flask_login', 'flask_session', 'flask_cors', 'flask_talisman', 'flask_sqlalchemy',
  'sqlalchemy', 'flask_migrate', 'flask_restful', 'flask_restx', 'flask_jwt_extended', 'flask_socketio',
  'flask_babel', 'flask_mail', 'flask_limiter', 'flask_caching', 'flask_admin', 'flask_security',
  'apiflask', 'connexion', 'gunicorn', 'waitress', 'redis', 'requests', 'dotenv', 'pydantic', 'bleach',
  'celery', 'pytest', 'unittest', 'mock', 'werkzeug_debugger', 'authlib', 'marshmallow', 'environs',
  'decouple', 'pymongo', 'psycopg2', 'boto3', 'stripe', 'yaml', 'toml', 'configparser', 'argparse',
  'flask_httpauth',
]);
