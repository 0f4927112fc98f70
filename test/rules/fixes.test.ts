/**
 * Suggested fixes of the file-serving and template-rendering rules: the exact replacement for the
 * reported range, and — applied to the file — a result the rule no longer reports.
 */
import { describe, expect, it } from '@jest/globals';
import { ruleById } from '../../rules/index.js';
import { analyze } from '../../src/core/analyze.js';
import type { Finding } from '../../src/core/types.js';

function findings(ruleId: string, path: string, content: string): Finding[] {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return analyze([{ path, content }], { rules: [rule] }).findings;
}

/** The text with a finding's range replaced by its fix. */
function applyFix(content: string, finding: Finding): string {
  const lines = content.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return content.slice(0, offset(finding.startLine, finding.startColumn)) + finding.fix + content.slice(offset(finding.endLine, finding.endColumn));
}

/** The one finding's fix, and what the rule reports once it is applied. */
function fixOf(ruleId: string, content: string, path = 'app.py'): { fix: string | undefined; after: Finding[]; fixed: string } {
  const [finding, ...rest] = findings(ruleId, path, content);
  expect(finding).toBeDefined();
  expect(rest).toEqual([]);
  const fixed = finding?.fix === undefined ? content : applyFix(content, finding as Finding);
  return { fix: finding?.fix, after: findings(ruleId, path, fixed), fixed };
}

const UPLOAD = (imports: string) => `import os
from flask import Flask, request
${imports}
app = Flask(__name__)

@app.route("/up", methods=["POST"])
def up():
    file = request.files["doc"]
    file.save(os.path.join("/srv/uploads", file.filename))
    return ""
`;

describe('upload-filename-unsanitized fix', () => {
  it('wraps the upload name in secure_filename() when it is imported', () => {
    const result = fixOf('upload-filename-unsanitized', UPLOAD('from werkzeug.utils import secure_filename'));
    expect(result.fix).toBe('secure_filename(file.filename)');
    expect(result.after).toEqual([]);
    expect(result.fixed).toContain('file.save(os.path.join("/srv/uploads", secure_filename(file.filename)))');
  });

  it('uses the local name of an aliased import', () => {
    expect(fixOf('upload-filename-unsanitized', UPLOAD('from werkzeug.utils import secure_filename as clean_name')).fix).toBe('clean_name(file.filename)');
  });

  it('offers no fix when secure_filename is not imported', () => {
    expect(fixOf('upload-filename-unsanitized', UPLOAD('')).fix).toBeUndefined();
  });

  it('wraps the name of a Flask-WTF file field upload', () => {
    const view = `import os
from flask import Flask
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from werkzeug.utils import secure_filename
app = Flask(__name__)

class PhotoForm(FlaskForm):
    photo = FileField(validators=[FileAllowed(["png", "jpg"])])

@app.route("/photos", methods=["POST"])
def photos():
    form = PhotoForm()
    if form.validate_on_submit():
        form.photo.data.save(os.path.join("/srv/photos", form.photo.data.filename))
    return ""
`;
    const result = fixOf('upload-filename-unsanitized', view);
    expect(result.fix).toBe('secure_filename(form.photo.data.filename)');
    expect(result.after).toEqual([]);
  });
});

describe('markup-request-data fix', () => {
  const view = (expression: string) => `from flask import Flask, request
from markupsafe import Markup
app = Flask(__name__)

@app.route("/w")
def w():
    name = request.args["name"]
    return str(${expression})
`;

  it.each([
    ['Markup(f"<b>{name}</b> and {{braces}}")', 'Markup("<b>{}</b> and {{braces}}").format(name)'],
    ['Markup("<b>%s</b>" % name)', 'Markup("<b>%s</b>") % name'],
    ['Markup("<b>{}</b>".format(name))', 'Markup("<b>{}</b>").format(name)'],
  ])('lets Markup format %s', (expression, fix) => {
    const result = fixOf('markup-request-data', view(expression));
    expect(result.fix).toBe(fix);
    expect(result.after).toEqual([]);
  });

  it('offers no fix for conversions it cannot keep', () => {
    expect(fixOf('markup-request-data', view('Markup(f"<b>{name!r}</b>")')).fix).toBeUndefined();
    expect(fixOf('markup-request-data', view('Markup(name)')).fix).toBeUndefined();
  });
});

describe('jinja-autoescape-disabled fix', () => {
  const module = (code: string) => `import flask\nfrom jinja2 import Environment, FileSystemLoader\n${code}\n`;

  it.each([
    ['env = Environment(loader=FileSystemLoader("t"), autoescape=False)', 'autoescape=True'],
    ['env = Environment()', '(autoescape=True)'],
    ['env = Environment(loader=FileSystemLoader("t"))', '(loader=FileSystemLoader("t"), autoescape=True)'],
    ['env = Environment(\n    loader=FileSystemLoader("t"),\n    trim_blocks=True,\n)', '(\n    loader=FileSystemLoader("t"),\n    trim_blocks=True,\n    autoescape=True,\n)'],
    ['env = Environment(\n    loader=FileSystemLoader("t"),\n    trim_blocks=True\n)', '(\n    loader=FileSystemLoader("t"),\n    trim_blocks=True,\n    autoescape=True\n)'],
    ['app = flask.Flask(__name__)\napp.jinja_env.autoescape = False', 'True'],
  ])('switches autoescaping on in %s', (code, fix) => {
    const result = fixOf('jinja-autoescape-disabled', module(code));
    expect(result.fix).toBe(fix);
    expect(result.after).toEqual([]);
  });
});

describe('html-response-request-data fix', () => {
  const view = (imports: string) => `from flask import Flask, request
${imports}
app = Flask(__name__)

@app.route("/s")
def s():
    q = request.args["q"]
    return f"<p>{q} of {len(q)} ({q!r})</p>"
`;

  it('offers no fix when an interpolation carrying request data has a conversion', () => {
    const result = fixOf('html-response-request-data', view('from markupsafe import escape'));
    expect(result.fix).toBeUndefined();
  });

  it('escapes each plain interpolation', () => {
    const code = view('from markupsafe import escape').replace('{q} of {len(q)} ({q!r})', '{q} of {len(q)}');
    const result = fixOf('html-response-request-data', code);
    expect(result.fix).toBe('f"<p>{escape(q)} of {len(q)}</p>"');
    expect(result.after).toEqual([]);
  });

  it('offers no fix without an escape() import', () => {
    const code = view('').replace('{q} of {len(q)} ({q!r})', '{q}');
    expect(fixOf('html-response-request-data', code).fix).toBeUndefined();
  });
});

describe('jinja-autoescape-block fix', () => {
  it.each([
    ['{% autoescape false %}{{ page.body }}{% endautoescape %}', 'true'],
    ['{% autoescape False %}{{ page.body }}{% endautoescape %}', 'True'],
  ])('turns %s on', (template, fix) => {
    const result = fixOf('jinja-autoescape-block', template, 'templates/page.html');
    expect(result.fix).toBe(fix);
    expect(result.after).toEqual([]);
  });
});
