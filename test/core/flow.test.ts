import { describe, expect, it } from '@jest/globals';
import type { SinkKind } from '../../src/core/python/flow.js';
import { ProjectModules } from '../../src/core/project.js';
import { PythonModule } from '../../src/core/python/module.js';
import type { SyntaxNode } from '../../src/core/python/parser.js';

const HEADER = [
  'import os',
  'from urllib.parse import urlparse',
  'from flask import Flask, request, redirect, url_for, escape',
  'from flask.views import MethodView',
  'from werkzeug.utils import secure_filename, safe_join',
  'app = Flask(__name__)',
  '',
].join('\n');

/** The argument of every `sink(...)` call, in order. */
function sinkArguments(module: PythonModule): SyntaxNode[] {
  return module.search(/\bsink\(/g).map((m) => {
    const call = module.nodeAt(m.index, m.index + 4).parent as SyntaxNode;
    return call.childForFieldName('arguments')?.namedChild(0) as SyntaxNode;
  });
}

/** For each sink(...) in the body, the source that reaches it for `kind`, or null. */
function sources(body: string, kind: SinkKind = 'path'): (string | null)[] {
  const module = new PythonModule('app.py', HEADER + body);
  return sinkArguments(module).map((arg) => module.flow.requestData(arg, kind)?.description ?? null);
}

describe('request data flow', () => {
  it('finds request sources and route parameters', () => {
    const body = `
@app.route("/a/<path:name>/<int:n>")
def a(name, n):
    sink(name)
    sink(n)
    sink(request.args.get("f"))
    sink(request.files["doc"].filename)
    sink(request.get_json()["p"])
    sink("constant")
`;
    expect(sources(body)).toEqual([
      'route parameter <path:name>',
      null,
      'request.args.get("f")',
      'request.files["doc"].filename',
      'request.get_json()["p"]',
      null,
    ]);
  });

  it('propagates through assignment, f-strings, +, %, format, join and string methods', () => {
    const body = `
@app.route("/b")
def b():
    q = request.args["q"]
    a = f"/srv/{q}"
    b2 = "/srv/" + q
    c = "/srv/%s" % q
    d = "/srv/{}".format(q)
    e = os.path.join("/srv", q.strip().lower())
    g = ", ".join([q])
    h = q.split("/")[0]
    sink(a)
    sink(b2)
    sink(c)
    sink(d)
    sink(e)
    sink(g)
    sink(h)
    sink(q.isdigit())
`;
    expect(sources(body)).toEqual([
      'request.args["q"]', 'request.args["q"]', 'request.args["q"]', 'request.args["q"]',
      'request.args["q"]', 'request.args["q"]', 'request.args["q"]', null,
    ]);
  });

  it('stops at sanitizers for the sinks they protect', () => {
    const body = `
@app.route("/c")
def c():
    name = request.args["name"]
    sink(secure_filename(name))
    sink(os.path.basename(name))
    sink(safe_join("/srv", name))
    sink(int(name))
    sink(escape(name))
`;
    expect(sources(body, 'path')).toEqual([null, null, null, null, 'request.args["name"]']);
    expect(sources(body, 'html')).toEqual([null, 'request.args["name"]', 'request.args["name"]', null, null]);
  });

  it('is flow-sensitive: reassignment replaces, branches merge', () => {
    const body = `
@app.route("/d")
def d():
    name = request.args["name"]
    name = secure_filename(name)
    sink(name)
    other = request.args["other"]
    if other.endswith(".txt"):
        other = secure_filename(other)
    sink(other)
`;
    expect(sources(body)).toEqual([null, 'request.args["other"]']);
  });

  it('accepts a realpath + startswith containment check', () => {
    const body = `
BASE = "/srv/files"
@app.route("/e")
def e():
    full = os.path.realpath(os.path.join(BASE, request.args["p"]))
    if not full.startswith(BASE):
        return "no", 404
    sink(full)
    loose = os.path.join(BASE, request.args["p"])
    if not loose.startswith(BASE):
        return "no", 404
    sink(loose)
`;
    expect(sources(body)).toEqual([null, 'request.args["p"]']);
  });

  it('accepts same-host checks for redirects', () => {
    const body = `
def is_safe_url(target):
    return urlparse(target).netloc in ("", "example.com")

@app.route("/f")
def f():
    target = request.args.get("next")
    sink(target)
    if urlparse(target).netloc == "":
        sink(target)
    nxt = request.args.get("n")
    dest = nxt if is_safe_url(nxt) else url_for("index")
    sink(dest)
    sink(url_for("page", name=nxt))
`;
    expect(sources(body, 'url')).toEqual(['request.args.get("next")', null, null, null]);
  });

  it('does not count URLs pinned to this host as redirect targets', () => {
    const body = `
@app.route("/u")
def u():
    q = request.args.get("q", "")
    sink(request.url)
    sink(request.url.replace("http://", "https://", 1))
    sink(request.host_url + q)
    sink("/search?q=" + q)
    sink(f"/items/{q}")
    sink("/items/%s" % q)
    sink("/items/{}".format(q))
    sink(url_for("search") + "?" + q)
    sink(f"{url_for('search')}?q={q}")
    target = "https://example.com/next?u=" + q
    sink(target)
    sink("/" + q)
    sink(f"https://example.com{q}")
    sink("//" + q)
    sink(request.path)
    sink(request.script_root + q)
    sink(q + "/items")
    sink(request.script_root + "/login")
`;
    expect(sources(body, 'url')).toEqual([
      null, null, null, null, null, null, null, null, null, null,
      'request.args.get("q", "")', 'request.args.get("q", "")', 'request.args.get("q", "")',
      // In a view, request.path is the path the URL map matched; the server sets script_root, pinning nothing.
      null, 'request.args.get("q", "")', 'request.args.get("q", "")', null,
    ]);
    // Pinning the host says nothing about paths or HTML.
    expect(sources(body, 'html').slice(3, 5)).toEqual(['request.args.get("q", "")', 'request.args.get("q", "")']);
  });

  it('takes only the default of a dict lookup, not its key', () => {
    const body = `
TABLE = {"docs": "/docs"}
@app.route("/k/<slug>")
def k(slug):
    sink(TABLE.get(slug, "/"))
    sink(TABLE.get("docs", slug))
    sink(request.args.get("x"))
`;
    expect(sources(body)).toEqual([null, 'route parameter <slug>', 'request.args.get("x")']);
  });

  it('follows methods of builtin containers built from request data', () => {
    const body = `
@app.route("/m")
def m():
    cookies = dict(request.args.items())
    for key, value in cookies.items():
        sink(key)
    sink(len(cookies))
`;
    expect(sources(body)).toEqual(['request.args.items()', null]);
  });

  it('follows containers and header parsers built from request data', () => {
    const body = `
from werkzeug.http import parse_authorization_header
from werkzeug.datastructures import MultiDict

class CaseInsensitiveDict(dict):
    pass

class Report:
    def __init__(self, data):
        self.data = data

@app.route("/n")
def n():
    args = CaseInsensitiveDict(request.args.items())
    sink(args["url"].encode("utf-8"))
    sink(MultiDict(request.form)["x"])
    sink(parse_authorization_header(request.headers.get("Authorization")).get("nonce"))
    sink(Report(request.args))
`;
    expect(sources(body)).toEqual([
      'request.args.items()',
      'request.form',
      'request.headers.get("Authorization")',
      null,
    ]);
  });

  it('finds the request under other names, and through methods of the same class', () => {
    const aliased = new PythonModule(
      'app.py',
      [
        'from flask import Flask, request as rq',
        'import flask',
        'app = Flask(__name__)',
        'req = flask.request',
        '@app.route("/a")',
        'def a():',
        '    x = rq.args["x"]',
        '    y = req.form["y"]',
        '    sink(x)',
        '    sink(y)',
        'class View:',
        '    def target(self):',
        '        return rq.args["next"]',
        '    def get(self):',
        '        t = self.target()',
        '        sink(t)',
      ].join('\n'),
    );
    expect(sinkArguments(aliased).map((arg) => aliased.flow.requestData(arg, 'url')?.description ?? null)).toEqual([
      'rq.args["x"]',
      'req.form["y"]',
      'rq.args["next"]',
    ]);
  });

  it('follows helpers in the module both ways', () => {
    const body = `
def serve(name):
    sink(os.path.join("/srv", name))

def read_name():
    return request.args["name"]

@app.route("/g")
def g():
    serve(request.args["file"])
    n = read_name()
    sink(n)

def never_called_with_request_data(path):
    sink(path)

@app.route("/h")
def h():
    never_called_with_request_data("/etc/motd")
`;
    expect(sources(body)).toEqual(['request.args["file"]', 'request.args["name"]', null]);
  });

  it('knows class-based views and add_url_rule', () => {
    const body = `
class Files(MethodView):
    def get(self, name):
        sink(name)
        self.helper(name)

    def helper(self, value):
        sink(value)

app.add_url_rule("/files/<path:name>", view_func=Files.as_view("files"))

def plain(doc):
    sink(doc)

app.add_url_rule("/docs/<doc>", view_func=plain)
`;
    expect(sources(body)).toEqual(['route parameter <path:name>', 'route parameter <path:name>', 'route parameter <doc>']);
  });

  it('takes the URL parameters of View.dispatch_request, named or in **kwargs', () => {
    const body = `
from flask.views import View

class Download(View):
    methods = ["GET", "POST"]

    def dispatch_request(self, name, **kwargs):
        sink(name)
        sink(kwargs["lang"])
        sink(kwargs.get("page"))
        if kwargs.get("lang") == "fr":
            kwargs["page"] = 1
        sink(kwargs.get("page"))
        kwargs = {"page": request.args["p"]}
        sink(kwargs["page"])

class Unregistered(View):
    def dispatch_request(self, name):
        sink(name)

app.add_url_rule("/<lang>/files/<path:name>/<int:page>", view_func=Download.as_view("download"))

@app.route("/raw/<path:name>")
def raw(**params):
    sink(params["name"])
`;
    expect(sources(body)).toEqual([
      'route parameter <path:name>',
      'route parameter <lang>',
      // The int <page> cannot carry an attack, before or after the branch.
      null,
      null,
      // Once the name holds something else, it is followed as usual.
      'request.args["p"]',
      // Its URL rule is not among the analyzed files: unknown, not request data.
      null,
      'route parameter <path:name>',
    ]);
  });

  it('does not treat any() route parameters as request data', () => {
    const body = `
@app.route("/lang/<any(en, fr):lang>/<page>")
def lang(lang, page):
    sink(lang)
    sink(page)
`;
    expect(sources(body)).toEqual([null, 'route parameter <page>']);
  });

  it('follows only the default of get/pop/setdefault, not the key', () => {
    const body = `
FILES = {"a": "/srv/a.txt"}
@app.route("/k")
def k():
    sink(FILES.get(request.args["f"]))
    sink(Document.query.get(request.args["id"]).path)
    sink(FILES.get("a", request.args["fallback"]))
    sink(request.args.get("f"))
`;
    expect(sources(body)).toEqual([null, null, 'request.args["fallback"]', 'request.args.get("f")']);
  });

  it('knows that Markup formatting escapes what it inserts', () => {
    const body = `
from markupsafe import Markup
@app.route("/m")
def m():
    q = request.args["q"]
    sink(Markup("<b>{}</b>").format(q))
    sink(Markup("<b>%s</b>") % q)
    sink(Markup("<b>") + q)
    sink(q + Markup("</b>"))
    template = Markup("<i>{}</i>")
    sink(template.format(q))
    sink(Markup("<b>%s</b>" % q))
    sink("<b>{}</b>".format(q))
    sink(Markup(q).format("x"))
`;
    expect(sources(body, 'html')).toEqual([null, null, null, null, null, 'request.args["q"]', 'request.args["q"]', 'request.args["q"]']);
  });

  it('accepts containment checks only on resolved paths, and vouches for the resolved input', () => {
    const body = `
from pathlib import Path
BASE = "/srv/files"
ROOT = Path("/srv/files")
@app.route("/n")
def n():
    path = os.path.join(BASE, request.args["p"])
    real = os.path.realpath(path)
    if not real.startswith(BASE + os.sep):
        return "no", 404
    sink(path)
    loose = os.path.join(BASE, request.args["p"])
    if os.path.commonpath([BASE, loose]) != BASE:
        return "no", 404
    sink(loose)
    full = os.path.abspath(os.path.join(BASE, request.args["p"]))
    if os.path.commonpath([BASE, full]) != BASE:
        return "no", 404
    sink(full)
    target = (ROOT / request.args["p"]).resolve()
    if ROOT not in target.parents:
        return "no", 404
    sink(target)
    other = (ROOT / request.args["p"]).resolve()
    if not other.is_relative_to(ROOT):
        return "no", 404
    sink(other)
`;
    expect(sources(body)).toEqual([null, 'request.args["p"]', null, null, null]);
  });

  it('knows that MultiDict.get(type=int) converts the value', () => {
    const body = `
@app.route("/p")
def p():
    sink(request.args.get("page", 1, type=int))
    sink(request.args.get("name", type=str))
    sink(request.args.getlist("ids", type=int))
`;
    expect(sources(body)).toEqual([null, 'request.args.get("name", type=str)', null]);
  });

  it('accepts a containment check wrapped in a helper function', () => {
    const body = `
BASE = "/srv/files"
def inside_base(path):
    return os.path.realpath(path).startswith(BASE + os.sep)

def looks_fine(path):
    return path.startswith(BASE)

@app.route("/q")
def q():
    wanted = os.path.join(BASE, request.args["p"])
    if not inside_base(wanted):
        return "no", 404
    sink(wanted)
    other = os.path.join(BASE, request.args["p"])
    if not looks_fine(other):
        return "no", 404
    sink(other)
`;
    expect(sources(body)).toEqual([null, 'request.args["p"]']);
  });

  it('follows what helpers imported from other project modules return', () => {
    const project = new ProjectModules();
    const helpers = new PythonModule('shop/paths.py', 'import os\ndef under(base, name):\n    return os.path.join(base, name)\ndef fixed(name):\n    return "/srv/fixed.txt"\n', project);
    project.add(helpers);
    const views = new PythonModule('shop/views.py', HEADER + 'from .paths import under, fixed\n@app.route("/r")\ndef r():\n    sink(under("/srv", request.args["f"]))\n    sink(fixed(request.args["f"]))\n', project);
    project.add(views);
    expect(sinkArguments(views).map((arg) => views.flow.requestData(arg, 'path')?.description ?? null)).toEqual(['request.args["f"]', null]);
  });

  it('accepts a regular expression anchored at both ends as a whole-value check', () => {
    const body = `
import re
SLUG = re.compile(r"[a-z0-9-]+\\Z")
@app.route("/s")
def s():
    a = request.args["a"]
    if not re.match(r"^[\\w-]+$", a):
        return "bad", 400
    sink(a)
    b = request.args["b"]
    if not SLUG.match(b):
        return "bad", 400
    sink(b)
    c = request.args["c"]
    if not re.match(r"[\\w-]+", c):
        return "bad", 400
    sink(c)
    d = request.args["d"]
    if not re.search(r"[\\w-]+$", d):
        return "bad", 400
    sink(d)
`;
    expect(sources(body)).toEqual([null, null, 'request.args["c"]', 'request.args["d"]']);
  });

  describe('WTForms form data', () => {
    const FORMS = `
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, Form, IntegerField, SelectField, StringField
KINDS = [("news", "News"), ("essay", "Essay")]
class PostForm(FlaskForm):
    title = StringField("Title")
    views = IntegerField()
    kind = SelectField(choices=KINDS)
    count = SelectField(choices=[("1", "one")], coerce=int)
    tag = SelectField()
    loose = SelectField(choices=[("a", "A")], validate_choice=False)
    attachment = FileField()
    published = BooleanField()
class SlugField(StringField):
    pass
class TaggedPostForm(PostForm):
    slug = SlugField()
class Search(Form):
    q = StringField()
`;

    it('is request data by field type: text and files yes, numbers and booleans no', () => {
      const body = `${FORMS}
@app.route("/w", methods=["POST"])
def w():
    form = PostForm()
    sink(form.title.data)
    sink(form["title"].data)
    sink(form.views.data)
    sink(form.views.raw_data[0])
    sink(form.published.data)
    sink(form.attachment.data.filename)
    sink(form.data["title"])
    sink(form.errors)
    sink(form.kind.data)
    tagged = TaggedPostForm()
    sink(tagged.slug.data)
    sink(tagged.title.data)
    sink(tagged.views.data)
`;
      expect(sources(body, 'html')).toEqual([
        'form.title.data', 'form["title"].data', null, 'form.views.raw_data[0]', null, 'form.attachment.data.filename',
        'form.data["title"]', null, 'form.kind.data', 'tagged.slug.data', 'tagged.title.data', null,
      ]);
    });

    it('treats a validated choice field with constant choices as constrained', () => {
      const body = `${FORMS}
@app.route("/v", methods=["POST"])
def v():
    form = PostForm()
    form.tag.choices = [(t.slug, t.name) for t in Tag.query]
    if form.validate_on_submit():
        sink(form.kind.data)
        sink(form.count.data)
        sink(form.tag.data)
        sink(form.loose.data)
        sink(form.title.data)
    sink(form.count.data)
`;
      expect(sources(body)).toEqual([null, null, 'form.tag.data', 'form.loose.data', 'form.title.data', null]);
    });

    it('does not vouch for constant choices the view replaces', () => {
      const body = `${FORMS}
@app.route("/r", methods=["POST"])
def r():
    form = PostForm()
    form.kind.choices = [(k.slug, k.title) for k in Kind.query]
    if form.validate_on_submit():
        sink(form.kind.data)
`;
      expect(sources(body)).toEqual(['form.kind.data']);
    });

    it('knows where the form has been validated', () => {
      const body = `${FORMS}
@app.route("/x", methods=["POST"])
def x():
    form = PostForm()
    if request.method == "POST" and form.validate():
        sink(form.kind.data)
    if form.validate_on_submit() or request.args.get("force"):
        sink(form.kind.data)
    if not form.validate_on_submit():
        sink(form.kind.data)
    else:
        sink(form.kind.data)
    other = PostForm()
    if other.validate():
        sink(form.kind.data)
    if request.method == "GET" or not form.validate_on_submit():
        return "invalid", 400
    sink(form.kind.data)
`;
      expect(sources(body)).toEqual([null, 'form.kind.data', 'form.kind.data', null, 'form.kind.data', null]);
    });

    it('reads the request in a plain wtforms.Form only through the formdata it is given', () => {
      const body = `${FORMS}
@app.route("/s", methods=["GET", "POST"])
def s():
    a = Search(request.args)
    sink(a.q.data)
    b = Search(data={"q": "saved"})
    sink(b.q.data)
    c = Search(formdata=request.form)
    sink(c.q.data)
    d = PostForm(formdata=None)
    sink(d.title.data)
`;
      expect(sources(body)).toEqual(['a.q.data', null, 'c.q.data', null]);
    });

    it('marks uploaded files, from request.files and from file fields', () => {
      const module = new PythonModule('app.py', `${HEADER}from .forms import BannerForm
${FORMS}
@app.route("/u", methods=["POST"])
def u():
    form = PostForm()
    banner = BannerForm()
    sink(request.files["doc"])
    sink(request.form["doc"])
    sink(form.attachment.data)
    sink(form.title.data)
    sink(banner.image.data)
`);
      expect(sinkArguments(module).map((arg) => module.flow.origin(arg)?.upload ?? false)).toEqual([true, false, true, false, true]);
      expect(sinkArguments(module).map((arg) => module.flow.origin(arg)?.form?.field?.data ?? null)).toEqual([null, null, 'upload', 'text', 'unknown']);
    });
  });

  it('survives deeply nested expressions', () => {
    const body = `
@app.route("/i")
def i():
    x = ${'('.repeat(500)}request.args["x"]${')'.repeat(500)}
    sink(x)
`;
    expect(() => sources(body)).not.toThrow();
  });
});
