import { describe, expect, it } from '@jest/globals';
import { pythonProject } from '../support/python-project.js';
import { PythonModule } from '../../src/core/python/module.js';
import type { SyntaxNode } from '../../src/core/python/parser.js';

/** The def (or class) named `name`; `Cls.method` for a method. */
function definition(module: PythonModule, name: string): SyntaxNode {
  const [owner, member] = name.includes('.') ? name.split('.') : [undefined, name];
  const within = owner ? definition(module, owner) : undefined;
  const [match] = module.search(new RegExp(`\\b(?:def|class)\\s+${member}\\b`, 'g'), within);
  if (!match) throw new Error(`no definition of ${name}`);
  const at = match.index + match[0].length - (member as string).length;
  return module.nodeAt(at, at + (member as string).length).parent as SyntaxNode;
}

/** The route of a handler as plain data: its URL rules with their parameters, and its methods. */
function routeOf(module: PythonModule, name: string): { rules: string[]; params: Record<string, string>; methods: string[] } | null {
  const route = module.flask.routeOf(definition(module, name));
  if (!route) return null;
  return {
    rules: route.rules.map((r) => r.path),
    params: Object.fromEntries(route.rules.flatMap((r) => [...r.params])),
    methods: [...route.methods].sort(),
  };
}

/** The modules of a project, by path. */
function project(files: Record<string, string>): Record<string, PythonModule> {
  return Object.fromEntries(pythonProject(files).map((module) => [module.path, module]));
}

const VIEWS = `from flask import Blueprint, Flask
from flask.views import MethodView, View
from flask_login import login_required

app = Flask(__name__)
bp = Blueprint("files", __name__)


class Download(View):
    init_every_request = False

    def __init__(self, root):
        self.root = root

    def dispatch_request(self, name):
        return name

    def helper(self, name):
        return name


class Upload(View):
    methods = ["GET", "POST"]

    def dispatch_request(self, **kwargs):
        return ""


class Items(MethodView):
    def get(self, item_id):
        return ""

    def post(self):
        return ""


class Unregistered(MethodView):
    def get(self, name):
        return name


class NotAView:
    def get(self, name):
        return name


app.add_url_rule("/files/<path:name>", view_func=Download.as_view("download", "/srv"))
bp.add_url_rule("/upload/<folder>", "upload", Upload.as_view("upload"))
bp.add_url_rule("/upload-only/<folder>", view_func=login_required(Upload.as_view("upload_only")), methods=["POST"])
app.add_url_rule(f"/{bp.name}/items/<int:item_id>", view_func=Items.as_view("items"))
`;

describe('class-based views', () => {
  const module = new PythonModule('app.py', VIEWS);

  it('knows View.dispatch_request as the handler of the rule the class is registered on', () => {
    expect(routeOf(module, 'Download.dispatch_request')).toEqual({ rules: ['/files/<path:name>'], params: { name: 'path' }, methods: ['GET'] });
    expect(routeOf(module, 'Download.helper')).toBeNull();
    expect(routeOf(module, 'Download.__init__')).toBeNull();
  });

  it('takes the methods from the class attribute, or from the registration when it says', () => {
    // Registered twice: with a positional view_func (the class's GET and POST), and wrapped in a decorator with methods=["POST"].
    expect(routeOf(module, 'Upload.dispatch_request')).toEqual({
      rules: ['/upload/<folder>', '/upload-only/<folder>'],
      params: { folder: 'string' },
      methods: ['GET', 'POST'],
    });
    const upload = module.flask.classView(definition(module, 'Upload'));
    expect(upload?.kind).toBe('dispatch');
    // The names as_view gives the view functions, also through a decorator applied by hand.
    expect(upload?.viewNames).toEqual(['upload', 'upload_only']);
  });

  it('gives each MethodView method its own HTTP method and the class all of them', () => {
    expect(routeOf(module, 'Items.get')).toEqual({ rules: ['/{}/items/<int:item_id>'], params: { item_id: 'int' }, methods: ['GET'] });
    expect(routeOf(module, 'Items.post')).toEqual({ rules: ['/{}/items/<int:item_id>'], params: { item_id: 'int' }, methods: ['POST'] });
    const items = module.flask.classView(definition(module, 'Items'));
    expect(items && { kind: items.kind, methods: [...items.methods].sort() }).toEqual({ kind: 'methods', methods: ['GET', 'POST'] });
  });

  it('keeps an unregistered view a view, with no URL parameters, and ignores other classes', () => {
    expect(routeOf(module, 'Unregistered.get')).toEqual({ rules: [], params: {}, methods: ['GET'] });
    expect(routeOf(module, 'NotAView.get')).toBeNull();
    expect(module.flask.classView(definition(module, 'NotAView'))).toBeNull();
  });

  it('follows registrations in other modules of the project', () => {
    const modules = project({
      'shop/views.py': [
        'from flask.views import MethodView, View',
        'from .base import Page',
        'class Download(View):',
        '    def dispatch_request(self, name): return name',
        'class Report(Page):',
        '    def get(self, year): return year',
        'class Invoice(MethodView):',
        '    def get(self, number): return number',
        'invoice = Invoice.as_view("invoice")',
        'def plain(doc): return doc',
        'def helper(doc): return doc',
      ].join('\n'),
      'shop/base.py': ['from flask.views import MethodView', 'class Page(MethodView):', '    methods = ["GET", "DELETE"]'].join('\n'),
      'shop/__init__.py': [
        'from flask import Flask',
        'from . import views',
        'from .views import Download, invoice',
        'def create_app():',
        '    app = Flask(__name__)',
        '    app.add_url_rule("/files/<path:name>", view_func=Download.as_view("download"))',
        '    app.add_url_rule("/reports/<int:year>", view_func=views.Report.as_view("report"))',
        '    app.add_url_rule("/invoices/<number>", view_func=invoice)',
        '    app.add_url_rule("/docs/<doc>", view_func=views.plain, methods=["GET", "POST"])',
        '    return app',
      ].join('\n'),
    });
    const views = modules['shop/views.py'] as PythonModule;
    expect(routeOf(views, 'Download.dispatch_request')).toEqual({ rules: ['/files/<path:name>'], params: { name: 'path' }, methods: ['GET'] });
    expect(routeOf(views, 'Report.get')).toEqual({ rules: ['/reports/<int:year>'], params: { year: 'int' }, methods: ['GET'] });
    // `methods` inherited from a base class of the project.
    expect([...(views.flask.classView(definition(views, 'Report'))?.methods ?? [])].sort()).toEqual(['DELETE', 'GET']);
    expect(routeOf(views, 'Invoice.get')).toEqual({ rules: ['/invoices/<number>'], params: { number: 'string' }, methods: ['GET'] });
    expect(routeOf(views, 'plain')).toEqual({ rules: ['/docs/<doc>'], params: { doc: 'string' }, methods: ['GET', 'POST'] });
    expect(routeOf(views, 'helper')).toBeNull();
  });

  it('matches an absolute import to a module analyzed under a longer path', () => {
    const modules = project({
      'src/shop/views.py': 'from flask.views import View\nclass Download(View):\n    def dispatch_request(self, name): return name\n',
      'src/shop/app.py': 'from flask import Flask\nfrom shop.views import Download\napp = Flask(__name__)\napp.add_url_rule("/f/<path:name>", view_func=Download.as_view("f"))\n',
    });
    expect(routeOf(modules['src/shop/views.py'] as PythonModule, 'Download.dispatch_request')?.params).toEqual({ name: 'path' });
  });

  it('finds the HTTP methods a MethodView inherits from classes of the project', () => {
    const module = new PythonModule(
      'api.py',
      ['from flask.views import MethodView', 'class Base(MethodView):', '    def delete(self, pk): pass', 'class Child(Base):', '    async def get(self, pk): pass'].join('\n'),
    );
    expect([...(module.flask.classView(definition(module, 'Child'))?.methods ?? [])].sort()).toEqual(['DELETE', 'GET']);
  });

  it('knows flask-restful add_resource and flask-restx @ns.route', () => {
    const module = new PythonModule(
      'api.py',
      [
        'from flask_restful import Api, Resource',
        'import flask_restx',
        'api = Api()',
        'ns = flask_restx.Namespace("todos")',
        'class Todo(Resource):',
        '    def get(self, todo_id): pass',
        'api.add_resource(Todo, "/todos/<todo_id>", "/t/<todo_id>")',
        '@ns.route("/<int:tid>")',
        'class Task(flask_restx.Resource):',
        '    def put(self, tid): pass',
      ].join('\n'),
    );
    expect(routeOf(module, 'Todo.get')).toEqual({ rules: ['/todos/<todo_id>', '/t/<todo_id>'], params: { todo_id: 'string' }, methods: ['GET'] });
    expect(routeOf(module, 'Task.put')).toEqual({ rules: ['/<int:tid>'], params: { tid: 'int' }, methods: ['PUT'] });
  });
});

describe('blueprint URL prefixes', () => {
  it('adds the url_prefix a blueprint is created with to its routes, also from another module', () => {
    const modules = project({
      'docs/__init__.py': 'from flask import Blueprint\n\nbp = Blueprint("docs", __name__, url_prefix="/<lang>/")\nplain = Blueprint("plain", __name__)\n',
      'docs/views.py': [
        'from . import bp, plain',
        '',
        '@bp.route("/pages/<path:page>")',
        'def page(lang, page):',
        '    return lang',
        '',
        '@bp.get("")',
        'def index(lang):',
        '    return lang',
        '',
        '@plain.route("/about")',
        'def about():',
        '    return ""',
      ].join('\n'),
    });
    const views = modules['docs/views.py'] as PythonModule;
    expect(routeOf(views, 'page')).toEqual({ rules: ['/<lang>/pages/<path:page>'], params: { lang: 'string', page: 'path' }, methods: ['GET'] });
    expect(routeOf(views, 'index')).toEqual({ rules: ['/<lang>/'], params: { lang: 'string' }, methods: ['GET'] });
    expect(routeOf(views, 'about')).toEqual({ rules: ['/about'], params: {}, methods: ['GET'] });
  });
});
