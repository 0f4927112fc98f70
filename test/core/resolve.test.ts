import { describe, expect, it } from '@jest/globals';
import { PythonModule } from '../../src/core/python/module.js';
import type { SyntaxNode } from '../../src/core/python/parser.js';

/** The call whose source text starts with `prefix` (the first one). */
function callStartingWith(module: PythonModule, prefix: string): SyntaxNode {
  const at = module.text.indexOf(prefix);
  if (at < 0) throw new Error(`no ${prefix}`);
  let node: SyntaxNode | null = module.nodeAt(at, at + prefix.length);
  while (node && !(node.type === 'call' && node.startIndex === at)) node = node.parent;
  if (!node) throw new Error(`no call at ${prefix}`);
  return node;
}

describe('name resolution', () => {
  it('follows import aliases', () => {
    const m = new PythonModule(
      'app.py',
      [
        'import flask as f',
        'from flask import send_file as sf',
        'from werkzeug.serving import run_simple',
        'import os.path',
        'f.send_file("a")',
        'sf("b")',
        'run_simple("localhost", 5000, None)',
        'os.path.join("a", "b")',
        'from flask.helpers import send_from_directory',
        'send_from_directory("x", "y")',
      ].join('\n'),
    );
    expect(m.callee(callStartingWith(m, 'f.send_file'))).toBe('flask.send_file');
    expect(m.callee(callStartingWith(m, 'sf('))).toBe('flask.send_file');
    expect(m.callee(callStartingWith(m, 'run_simple('))).toBe('werkzeug.serving.run_simple');
    expect(m.callee(callStartingWith(m, 'os.path.join'))).toBe('os.path.join');
    expect(m.callee(callStartingWith(m, 'send_from_directory('))).toBe('flask.send_from_directory');
  });

  it('knows Flask apps: constructed, from factories, current_app, subclasses', () => {
    const m = new PythonModule(
      'pkg/app.py',
      [
        'from flask import Flask, current_app',
        'app = Flask(__name__)',
        'app.run(debug=True)',
        'def create_app():',
        '    application = Flask(__name__)',
        '    application.config.update(DEBUG=True)',
        '    return application',
        'other = create_app()',
        'other.run()',
        'current_app.config.get("X")',
        'class MyFlask(Flask):',
        '    pass',
        'mine = MyFlask("x")',
        'mine.run()',
      ].join('\n'),
    );
    expect(m.callee(callStartingWith(m, 'app.run'))).toBe('flask.Flask().run');
    expect(m.callee(callStartingWith(m, 'application.config.update'))).toBe('flask.Flask().config.update');
    expect(m.callee(callStartingWith(m, 'other.run'))).toBe('flask.Flask().run');
    expect(m.callee(callStartingWith(m, 'current_app.config.get'))).toBe('flask.Flask().config.get');
    expect(m.callee(callStartingWith(m, 'mine.run'))).toBe('flask.Flask().run');
  });

  it('respects scopes: a local name shadows an import', () => {
    const m = new PythonModule(
      'app.py',
      ['from flask import send_file', 'def f(send_file):', '    send_file("x")', 'send_file("y")'].join('\n'),
    );
    expect(m.callee(callStartingWith(m, 'send_file("x")'))).toBeNull();
    expect(m.callee(callStartingWith(m, 'send_file("y")'))).toBe('flask.send_file');
  });

  it('resolves relative imports and names from other project modules', () => {
    const modules = new Map<string, PythonModule>();
    const lookup = { find: (name: string) => modules.get(name) };
    const factory = new PythonModule(
      'shop/__init__.py',
      ['from flask import Flask', 'def create_app():', '    return Flask(__name__)'].join('\n'),
      lookup,
    );
    const wsgi = new PythonModule('shop/wsgi.py', ['from . import create_app', 'app = create_app()', 'app.run()'].join('\n'), lookup);
    modules.set('shop', factory);
    modules.set('shop.wsgi', wsgi);
    expect(wsgi.callee(callStartingWith(wsgi, 'app.run'))).toBe('flask.Flask().run');
  });

  it('finds bindings the text shortcuts must not skip, and ignores names bound only inside functions', () => {
    const m = new PythonModule(
      'app.py',
      [
        'import flask',
        'try:',
        '    from flask import send_file as deliver',
        'except ImportError:',
        '    deliver = None',
        'if flask:',
        '    def make(name): return flask.Flask(name)',
        'class  Helper (flask.Flask):',
        '    pass',
        'async def start (x):',
        '    served = flask.Flask(x)',
        '    served.run(1)',
        '    return served',
        'helper = Helper("h")',
        'made = make("m")',
        'helper.run()',
        'made.run()',
        'served.run(2)',
        'deliver("f")',
      ].join('\n'),
    );
    expect(m.callee(callStartingWith(m, 'helper.run'))).toBe('flask.Flask().run');
    expect(m.callee(callStartingWith(m, 'made.run'))).toBe('flask.Flask().run');
    expect(m.callee(callStartingWith(m, 'served.run(1)'))).toBe('flask.Flask().run');
    // `served` is bound only inside start(): at module level it is unbound.
    expect(m.callee(callStartingWith(m, 'served.run(2)'))).toBeNull();
    expect(m.bindings('start', m.root).map((b) => b.kind)).toEqual(['def']);
    expect(m.bindings('deliver', m.root).map((b) => b.kind)).toEqual(['import', 'assign']);
  });

  it('resolves names in a file the parser could make nothing of (an ERROR node at the root)', () => {
    // Nested deeper than the parser's indentation stack: the whole file becomes one ERROR node.
    const nested = Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('');
    const m = new PythonModule('deep.py', `import flask\napp = flask.Flask(__name__)\n${nested}${' '.repeat(600)}app.run(debug=True)\n`);
    expect(m.root.type).toBe('ERROR');
    expect(m.callee(callStartingWith(m, 'app.run'))).toBe('flask.Flask().run');
  });
});
