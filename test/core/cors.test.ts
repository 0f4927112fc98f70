import { describe, expect, it } from '@jest/globals';
import { corsCalls, isAnyOrigin, originsOf } from '../../src/core/python/cors.js';
import { PythonModule } from '../../src/core/python/module.js';
import type { SyntaxNode } from '../../src/core/python/parser.js';

const r = String.raw;

describe('Flask-CORS origins', () => {
  it('knows the patterns that match every origin', () => {
    const any = ['*', ' * ', '.*', '^.*$', '.+', '(.*)', 'https?://.*', 'https://.*', r`https?://[^/]+`, r`^(http|https)://.*$`, r`\S+`];
    const listed = ['https://example.com', r`^https://[a-z]+\.example\.com$`, 'https://*.example.com', 'null', r`.*\.example\.com`];
    expect(any.filter((p) => !isAnyOrigin(p))).toEqual([]);
    expect(listed.filter((p) => isAnyOrigin(p))).toEqual([]);
  });

  it('reads strings, lists, re.compile and names bound to them', () => {
    const module = new PythonModule(
      'app.py',
      [
        'import re',
        'import os',
        'TRUSTED = ["https://a.example.com"]',
        'EVERYONE = re.compile(".*")',
        'v("*")',
        'v(["https://a.example.com", r".*"])',
        'v(TRUSTED)',
        'v(EVERYONE)',
        'v(("https://a.example.com", os.environ["ORIGIN"]))',
        'v(os.environ["ORIGINS"].split(","))',
      ].join('\n'),
    );
    const values = module.search(/^v\(/gm).map((m) => module.nodeAt(m.index).parent?.childForFieldName('arguments')?.namedChild(0) as SyntaxNode);
    expect(values.map((v) => originsOf(module, v))).toEqual(['any', 'any', 'listed', 'any', 'unknown', 'unknown']);
  });

  it('finds CORS() and cross_origin() calls under any import spelling', () => {
    const module = new PythonModule(
      'app.py',
      [
        'import flask_cors',
        'from flask_cors import CORS as Cors, cross_origin',
        'flask_cors.CORS(app)',
        'Cors(app, origins="*")',
        '@cross_origin()',
        'def f(): pass',
        'CORS(app)  # not imported under this name',
      ].join('\n'),
    );
    expect(corsCalls(module).map((c) => module.lines.lineOf(c.startIndex))).toEqual([3, 4, 5]);
  });
});
