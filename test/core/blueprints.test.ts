import { describe, expect, it } from '@jest/globals';
import { pythonProject } from '../support/python-project.js';
import { blueprintSite } from '../../src/core/python/blueprint-site.js';
import { blueprintViews } from '../../src/core/python/blueprints.js';
import type { PythonModule } from '../../src/core/python/module.js';
import type { SyntaxNode } from '../../src/core/python/parser.js';


/** The argument of the module's `use(...)` call. */
function used(module: PythonModule): SyntaxNode {
  const match = module.search(/\buse\(/g)[0] as RegExpExecArray;
  return module.nodeAt(match.index).parent?.childForFieldName('arguments')?.namedChild(0) as SyntaxNode;
}

const ADMIN = {
  'shop/admin/__init__.py': 'from flask import Blueprint\nadmin = Blueprint("admin", __name__)\nfrom . import views\n',
  'shop/admin/views.py': [
    'from flask.views import MethodView',
    'from . import admin',
    'from .hooks import ProductView',
    '@admin.route("/")',
    'def index():',
    '    return ""',
    '@admin.before_request',
    'def only_staff():',
    '    pass',
    'def purge():',
    '    return ""',
    'class UserView(MethodView):',
    '    def get(self):',
    '        return ""',
    '    def delete(self):',
    '        return ""',
    'admin.add_url_rule("/purge", view_func=purge, methods=["POST"])',
    'admin.add_url_rule("/users", view_func=UserView.as_view("users"))',
    'admin.add_url_rule("/products", view_func=ProductView.as_view("products"))',
  ].join('\n'),
  'shop/other.py': 'from flask import Blueprint\nadmin = Blueprint("other", __name__)\n@admin.post("/x")\ndef x():\n    return ""\n',
};

describe('blueprints', () => {
  it('finds where a blueprint is created through imports, aliases and module attributes', () => {
    const [, , , aliased, attribute, local] = pythonProject({
      ...ADMIN,
      'shop/a.py': 'from shop.admin import admin as staff\nuse(staff)\n',
      'shop/b.py': 'from shop import admin\nuse(admin.admin)\n',
      'shop/c.py': 'from flask import Blueprint\ndef make():\n    bp = Blueprint("local", __name__)\n    use(bp)\n',
    });
    const sites = [aliased, attribute, local].map((m) => blueprintSite(m!, used(m!)));
    expect(sites.map((s) => [s?.module.path, s?.name])).toEqual([
      ['shop/admin/__init__.py', 'admin'],
      ['shop/admin/__init__.py', 'admin'],
      ['shop/c.py', 'local'],
    ]);
  });

  it('collects routes, add_url_rule registrations and before_request hooks of that blueprint only', () => {
    const [init] = pythonProject(ADMIN);
    const site = blueprintSite(init!, init!.search(/^admin/gm).map((m) => init!.nodeAt(m.index))[0] as SyntaxNode);
    const found = blueprintViews(site!);
    expect(found.views.map((v) => [v.name, v.methods && [...v.methods].sort()])).toEqual([
      ['index', ['GET']],
      ['purge', ['POST']],
      ['UserView', ['DELETE', 'GET']],
      ['ProductView', null],
    ]);
    expect(found.beforeRequest.map((b) => b.node.childForFieldName('name')?.text)).toEqual(['only_staff']);
  });
});
