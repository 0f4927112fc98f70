import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/core/analyze.js';
import { aliasesInText, importedRootsInText } from '../../src/core/python/imports.js';
import { PythonModule } from '../../src/core/python/module.js';
import { RULES } from '../../rules/index.js';

describe('reading imports from the text, before any parse', () => {
  it('finds aliases in plain, parenthesised, continued and relative from-imports', () => {
    const text = [
      'from flask import send_file as sf, redirect',
      'from werkzeug.utils import (',
      '    secure_filename,',
      '    send_from_directory as sfd,  # served files',
      ')',
      'from os.path import join, \\',
      '    basename as base',
      'from .helpers import render',
      'import flask',
    ].join('\n');
    expect(aliasesInText(text, 'shop.views', false)).toEqual([
      { local: 'sf', qualified: 'flask.send_file' },
      { local: 'redirect', qualified: 'flask.redirect' },
      { local: 'secure_filename', qualified: 'werkzeug.utils.secure_filename' },
      { local: 'sfd', qualified: 'werkzeug.utils.send_from_directory' },
      { local: 'join', qualified: 'os.path.join' },
      { local: 'base', qualified: 'os.path.basename' },
      { local: 'render', qualified: 'shop.helpers.render' },
    ]);
  });

  it('knows the top-level packages import lines name', () => {
    const text = ['import os, flask as f', 'from werkzeug.utils import secure_filename', 'from . import views', 'from .models import User', '    import flask_cors', '# import talisman', 'x = "import requests"'].join('\n');
    expect([...importedRootsInText(text)].sort()).toEqual(['flask', 'flask_cors', 'os', 'werkzeug']);
  });

  it('answers "does it import flask?" without parsing when no import line names it', () => {
    const plain = new PythonModule('util.py', 'import os\n\ndef flaskish():\n    return "from flask import x"\n');
    expect(plain.importsFrom('flask')).toBe(false);
    expect(plain.isParsed).toBe(false);
    const listed = new PythonModule('app.py', 'import os, flask\n');
    expect(listed.importsFrom('flask')).toBe(true);
    expect(listed.isParsed).toBe(true);
  });
});

describe('analysis parses only what a rule needs', () => {
  it('notes syntax errors only in files a rule had to parse', () => {
    const project = [
      { path: 'app.py', content: 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\nif (:\n' },
      { path: 'maths.py', content: 'def add(a, b:\n    return a + b\n' },
    ];
    const result = analyze(project, { rules: RULES });
    expect(result.findings.map((f) => [f.file, f.ruleId, f.startLine])).toEqual([['app.py', 'flask-run-debug', 3]]);
    expect(result.notes).toEqual([{ path: 'app.py', note: 'syntax errors: analyzed best-effort' }]);
    expect(result.filesAnalyzed).toBe(2);
  });
});
