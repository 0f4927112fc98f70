/**
 * The demo's repository: a small Flask shop (adapted from examples/vulnerable-shop). Its main
 * branch is reasonable but pins an old Werkzeug; the first pull request adds accounts, invoices and
 * uploads with a mistake of every kind FlaskGuard knows, a later push fixes one of them, and a
 * second pull request upgrades Flask and Werkzeug.
 */

/** Lines joined into a file (with its final newline). */
function file(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export const REPOSITORY = { owner: 'acme', name: 'flask-shop' };

export const MAIN_FILES: Record<string, string> = {
  'README.md': file('# flask-shop', '', 'A small Flask shop: catalogue, accounts, invoices.'),
  'requirements.txt': file('Flask==2.3.3', 'Werkzeug==2.3.7', 'Flask-WTF==1.2.1', 'gunicorn==23.0.0'),
  'run.py': file('from shop import create_app', '', 'app = create_app()', '', 'if __name__ == "__main__":', '    app.run()'),
  'shop/__init__.py': file(
    '"""The shop\'s application factory."""',
    'import os',
    '',
    'from flask import Flask',
    'from flask_wtf.csrf import CSRFProtect',
    '',
    'csrf = CSRFProtect()',
    '',
    '',
    'def create_app():',
    '    app = Flask(__name__)',
    '    app.config.from_object("shop.config.ProductionConfig")',
    '    app.secret_key = os.environ["SECRET_KEY"]',
    '    csrf.init_app(app)',
    '',
    '    from .views import bp',
    '',
    '    app.register_blueprint(bp)',
    '    return app',
  ),
  'shop/config.py': file(
    'import os',
    '',
    '',
    'class BaseConfig:',
    '    SESSION_COOKIE_HTTPONLY = True',
    '    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///shop.db")',
    '',
    '',
    'class ProductionConfig(BaseConfig):',
    '    SESSION_COOKIE_SECURE = True',
  ),
  'shop/views.py': file(
    'from flask import Blueprint, render_template',
    '',
    'bp = Blueprint("shop", __name__)',
    '',
    '',
    '@bp.route("/")',
    'def index():',
    '    return render_template("index.html")',
  ),
  'shop/templates/index.html': file('<!doctype html>', '<title>flask-shop</title>', '<h1>Welcome to the shop</h1>'),
};

/** Pull request #1: accounts, invoices and uploads, with a mistake of every kind. */
export const FEATURE = {
  branch: 'feature/accounts',
  title: 'Add accounts, invoices and uploads',
  files: {
    'requirements.txt': file('Flask==2.3.3', 'Werkzeug==2.3.7', 'Flask-WTF==1.2.1', 'gunicorn==23.0.0', 'Flask-Cors==3.0.9'),
    'run.py': file('from shop import create_app', '', 'app = create_app()', '', 'if __name__ == "__main__":', '    app.run(host="0.0.0.0", port=8000, debug=True)'),
    'shop/__init__.py': file(
      '"""The shop\'s application factory."""',
      'import os',
      '',
      'from flask import Flask',
      'from flask_cors import CORS',
      'from flask_wtf.csrf import CSRFProtect',
      '',
      'csrf = CSRFProtect()',
      '',
      '',
      'def create_app():',
      '    app = Flask(__name__)',
      '    app.config.from_object("shop.config.ProductionConfig")',
      '    app.secret_key = "changeme"',
      '    app.config["UPLOAD_FOLDER"] = os.path.join(app.root_path, "uploads")',
      '    CORS(app, origins="*", supports_credentials=True)',
      '    csrf.init_app(app)',
      '',
      '    from .views import bp',
      '',
      '    app.register_blueprint(bp)',
      '    return app',
    ),
    'shop/config.py': file(
      'import os',
      '',
      '',
      'class BaseConfig:',
      '    SESSION_COOKIE_HTTPONLY = True',
      '    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///shop.db")',
      '',
      '',
      'class ProductionConfig(BaseConfig):',
      '    SESSION_COOKIE_SECURE = False',
      '    WTF_CSRF_ENABLED = False',
    ),
    'shop/views.py': file(
      'import os',
      '',
      'from flask import Blueprint, current_app, make_response, redirect, render_template, render_template_string, request, send_file',
      '',
      'from . import csrf',
      '',
      'bp = Blueprint("shop", __name__)',
      'INVOICES = "/srv/shop/invoices"',
      '',
      '',
      '@bp.route("/")',
      'def index():',
      '    return render_template("index.html")',
      '',
      '',
      '@bp.route("/invoices/<path:name>")',
      'def invoice(name):',
      '    return send_file(os.path.join(INVOICES, name))',
      '',
      '',
      '@bp.route("/hello")',
      'def hello():',
      '    name = request.args.get("name", "guest")',
      '    return render_template_string("<h1>Hello " + name + "</h1>")',
      '',
      '',
      '@bp.route("/login", methods=["GET", "POST"])',
      'def login():',
      '    target = request.args.get("next", "/")',
      '    response = make_response(redirect(target))',
      '    response.set_cookie("session_token", request.form.get("token", ""))',
      '    return response',
      '',
      '',
      '@bp.route("/upload", methods=["POST"])',
      '@csrf.exempt',
      'def upload():',
      '    document = request.files["document"]',
      '    document.save(os.path.join(current_app.config["UPLOAD_FOLDER"], document.filename))',
      '    return "stored"',
    ),
  },
};

/** The push to pull request #1 that takes FlaskGuard's suggestion for the debugger. */
export const DEBUG_FIX = {
  message: 'Run without the debugger',
  files: { 'run.py': FEATURE.files['run.py'].replace('debug=True', 'debug=False') },
};

/** A push straight to main that adds Flask-CORS at a version with an advisory: the monitoring issue gets a comment. */
export const MAIN_ADDS_CORS = {
  message: 'Allow the storefront to call the API',
  files: { 'requirements.txt': `${MAIN_FILES['requirements.txt']}Flask-Cors==3.0.9\n` },
};

/** Pull request #2: fixes the problem main already has (an old Flask and Werkzeug). */
export const UPGRADE = {
  branch: 'upgrade-werkzeug',
  title: 'Upgrade Flask and Werkzeug',
  files: { 'requirements.txt': MAIN_FILES['requirements.txt']!.replace('Flask==2.3.3', 'Flask==3.1.3').replace('Werkzeug==2.3.7', 'Werkzeug==3.1.9') },
};

/** Merging the upgrade, with Flask-CORS upgraded too: nothing vulnerable is left, and the monitoring issue is closed. */
export const MERGED_UPGRADE = {
  message: 'Merge the upgrade of Flask and Werkzeug; upgrade Flask-CORS',
  files: { 'requirements.txt': `${UPGRADE.files['requirements.txt']}Flask-Cors==6.0.0\n` },
};
