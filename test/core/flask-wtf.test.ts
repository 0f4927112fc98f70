import { describe, expect, it } from '@jest/globals';
import { pythonProject } from '../support/python-project.js';
import { csrfProtectChecksEveryRequest, formsWithCsrfOff } from '../../src/core/python/flask-wtf.js';


const FACTORY = 'from flask import Flask\nfrom .ext import csrf\n\ndef create_app():\n    app = Flask(__name__)\n    csrf.init_app(app)\n    return app\n';

describe('CSRFProtect checking every request', () => {
  it('is on with CSRFProtect(app), or CSRFProtect() and init_app(app) in another module', () => {
    const [direct] = pythonProject({ 'app.py': 'from flask import Flask\nfrom flask_wtf.csrf import CSRFProtect\napp = Flask(__name__)\nCSRFProtect(app)\n' });
    const [factory] = pythonProject({ 'shop/__init__.py': FACTORY, 'shop/ext.py': 'from flask_wtf import CSRFProtect\ncsrf = CSRFProtect()\n' });
    expect([csrfProtectChecksEveryRequest(direct!), csrfProtectChecksEveryRequest(factory!)]).toEqual([true, true]);
  });

  it('is off when the extension is never given the app, only tests set it up, or WTF_CSRF_CHECK_DEFAULT is off', () => {
    const [unused] = pythonProject({ 'shop/ext.py': 'from flask_wtf import CSRFProtect\ncsrf = CSRFProtect()\n' });
    const [testsOnly] = pythonProject({ 'tests/conftest.py': 'from flask_wtf.csrf import CSRFProtect\nfrom shop import app\nCSRFProtect(app)\n' });
    const [checkDefaultOff] = pythonProject({
      'shop/__init__.py': FACTORY,
      'shop/ext.py': 'from flask_wtf import CSRFProtect\ncsrf = CSRFProtect()\n',
      'shop/config.py': 'class Config:\n    WTF_CSRF_CHECK_DEFAULT = False\n',
    });
    expect([unused, testsOnly, checkDefaultOff].map((m) => csrfProtectChecksEveryRequest(m!))).toEqual([false, false, false]);
  });
});

describe('forms with their CSRF token switched off', () => {
  it('follows base classes through other modules to FlaskForm or plain WTForms', () => {
    const [forms] = pythonProject({
      'shop/forms.py': [
        'from .base import SecureForm, RowForm',
        'class TransferForm(SecureForm):',
        '    class Meta:',
        '        csrf = False',
        'class CsvRow(RowForm):',
        '    class Meta:',
        '        csrf = False',
        'class Settings:',
        '    class Meta:',
        '        csrf = False',
      ].join('\n'),
      'shop/base.py': 'from flask_wtf import FlaskForm\nfrom wtforms import Form\nclass SecureForm(FlaskForm):\n    pass\nclass RowForm(Form):\n    pass\n',
    });
    expect(formsWithCsrfOff(forms!).map((f) => [f.formName, f.kind, forms!.lines.lineOf(f.node.startIndex)])).toEqual([['TransferForm', 'flask-wtf', 4]]);
  });

  it('reads meta given as a dict, dict(), a kwargs item or setdefault, and ignores other csrf names', () => {
    const [forms] = pythonProject({
      'forms.py': [
        'from flask_wtf import FlaskForm',
        'class A(FlaskForm):',
        '    def __init__(self, *args, **kwargs):',
        '        kwargs.setdefault("meta", {"csrf": False})',
        '        super().__init__(*args, **kwargs)',
        'def make():',
        '    return A(meta=dict(csrf=False))',
        'settings = {"csrf": False}',
        'A.csrf = False',
        'def f(csrf=False):',
        '    return csrf',
      ].join('\n'),
    });
    expect(formsWithCsrfOff(forms!).map((f) => [forms!.lines.lineOf(f.node.startIndex), f.form ? 'class' : 'call'])).toEqual([
      [4, 'class'],
      [7, 'call'],
    ]);
  });
});
