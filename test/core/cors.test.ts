import { describe, expect, it } from '@jest/globals';
import { admitsLookalikeDomain, corsCalls, isAnyOrigin, isOpenEnded, originsOf } from '../../src/core/python/cors.js';
import { PythonModule } from '../../src/core/python/module.js';
import type { SyntaxNode } from '../../src/core/python/parser.js';

const r = String.raw;

describe('Flask-CORS origins', () => {
  it('knows the patterns that match every origin', () => {
    const any = ['*', ' * ', '.*', '^.*$', '.+', '(.*)', 'https?://.*', 'https://.*', r`https?://[^/]+`, r`^(http|https)://.*$`, r`\S+`];
    const notAny = ['https://example.com', r`^https://[a-z]+\.example\.com$`, 'https://*.example.com', 'null', r`.*\.example\.com`];
    expect(any.filter((p) => !isAnyOrigin(p))).toEqual([]);
    expect(notAny.filter((p) => isAnyOrigin(p))).toEqual([]);
  });

  it('knows the patterns that an attacker can extend, since re.match anchors only the start', () => {
    const open = [
      r`https://app\.example\.com`, // https://app.example.com.evil.net
      r`.*\.example\.com`,
      'https://*.example.com',
      r`http://localhost(:\d+)?`,
      r`^https://a\.example\.com$|^https://b\.example\.com`,
      r`^(https://a\.example\.com$|https://b\.example\.com)`,
      r`https://example\.com\$`, // an escaped dollar is a character, not the end
    ];
    const closed = [
      'https://example.com', // no regex characters: an exact, case-insensitive comparison
      'https://app.example.com',
      r`^https://[a-z]+\.example\.com$`,
      r`https://app\.example\.com\Z`,
      r`^(https://a\.example\.com|https://b\.example\.com)$`,
      r`^https://a\.example\.com$|^https://b\.example\.com$`,
      r`https://[a-z|]+\.example\.com$`,
      r`https://app\.example\.com:8443`,
      r`http://localhost:\d+`,
    ];
    expect(open.filter((p) => !isOpenEnded(p))).toEqual([]);
    expect(closed.filter((p) => isOpenEnded(p))).toEqual([]);
    // A compiled pattern is a pattern whatever characters it has.
    expect(isOpenEnded('https://app.example.com', true)).toBe(true);
  });

  it('knows the patterns whose unescaped dot lets in a domain anyone can register', () => {
    const lookalike = [
      r`^https://app.example.com$`, // https://appxexample.com
      r`^https://.*.example.com$`, // https://evilxexample.com
      r`^https?://shop.example.com:8443$`,
      r`^https://app.example\.com$`,
    ];
    const safe = [
      'https://app.example.com', // no regex characters: compared exactly
      r`^https://app\.example\.com$`,
      r`^https://.*\.example.com$`, // only the last dot: "examplexcom" is no top-level domain
      r`^https://example.com$`,
      r`^https://a.b\.example\.com$`, // axb.example.com is still example.com's
      r`^https://(app|www)\.example\.com$`,
    ];
    expect(lookalike.filter((p) => !admitsLookalikeDomain(p))).toEqual([]);
    expect(safe.filter((p) => admitsLookalikeDomain(p))).toEqual([]);
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
        'v(["https://a.example.com", r"https://b\\.example\\.com"])',
        'v(re.compile("https://a.example.com"))',
        'v(re.compile("https://a.example.com$"))',
      ].join('\n'),
    );
    const values = module.search(/^v\(/gm).map((m) => module.nodeAt(m.index).parent?.childForFieldName('arguments')?.namedChild(0) as SyntaxNode);
    // The last: anchored, but its unescaped dots also match https://axexample.com.
    expect(values.map((v) => originsOf(module, v))).toEqual(['any', 'any', 'listed', 'any', 'unknown', 'unknown', 'open-ended', 'open-ended', 'lookalike']);
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
