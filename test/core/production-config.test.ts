import { describe, expect, it } from '@jest/globals';
import { pythonProject } from '../support/python-project.js';
import type { PythonModule } from '../../src/core/python/module.js';
import { writesReachingProduction } from '../../src/core/python/production-config.js';
import { appConfigIsVisible, appSetupIsVisible } from '../../src/core/python/project-facts.js';


function lines(module: PythonModule, keys: string[]): number[] {
  return writesReachingProduction(module, keys).map((w) => module.lines.lineOf(w.node.startIndex));
}

describe('config writes that reach production', () => {
  it('skips a base-class value that every production class replaces, in any module', () => {
    const [base] = pythonProject({
      'config/base.py': ['class Config:', '    SESSION_COOKIE_SECURE = False', '    SESSION_COOKIE_HTTPONLY = False'].join('\n'),
      'config/production.py': ['from .base import Config', 'class ProductionConfig(Config):', '    SESSION_COOKIE_SECURE = True'].join('\n'),
    });
    expect(lines(base as PythonModule, ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY'])).toEqual([3]);
  });

  it('keeps a base-class value when one production class inherits it (and every production value)', () => {
    const [config] = pythonProject({
      'settings.py': [
        'class Base:',
        '    WTF_CSRF_ENABLED = False',
        'class ProductionConfig(Base):',
        '    WTF_CSRF_ENABLED = True',
        'class LegacyProductionConfig(Base):',
        '    PREFERRED_URL_SCHEME = "https"',
      ].join('\n'),
    });
    expect(lines(config as PythonModule, ['WTF_CSRF_ENABLED'])).toEqual([2, 4]);
  });

  it('treats a config that sets TESTING = True as test configuration', () => {
    const [app] = pythonProject({
      'app.py': [
        'from flask import Flask',
        'app = Flask(__name__)',
        'class CiConfig:',
        '    TESTING = True',
        '    WTF_CSRF_ENABLED = False',
        'app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)',
        'app.config.from_mapping({"TESTING": 1, "WTF_CSRF_ENABLED": False})',
        'app.config.update(TESTING=False, WTF_CSRF_ENABLED=False)',
        'app.config["WTF_CSRF_ENABLED"] = False',
      ].join('\n'),
    });
    expect(lines(app as PythonModule, ['WTF_CSRF_ENABLED'])).toEqual([8, 9]);
  });
});

describe('what the analysis can see of the app setup', () => {
  const APP = 'from flask import Flask\nfrom .extensions import sess\napp = Flask(__name__)\nsess.init_app(app)\n';

  it('sees the setup when the app module and the project modules it imports are analyzed', () => {
    const [app] = pythonProject({ 'shop/__init__.py': APP, 'shop/extensions.py': 'from flask_session import Session\nsess = Session()\n' });
    expect(appSetupIsVisible(app as PythonModule)).toBe(true);
  });

  it('does not when an imported project module, or the app module itself, is missing', () => {
    expect(appSetupIsVisible(pythonProject({ 'shop/__init__.py': APP })[0] as PythonModule)).toBe(false);
    expect(appSetupIsVisible(pythonProject({ 'shop/views.py': 'from flask import session\n' })[0] as PythonModule)).toBe(false);
  });

  it('does not see config loaded from files, the environment, or a config object it cannot find', () => {
    const visible = (text: string, extra: Record<string, string> = {}) =>
      appConfigIsVisible(pythonProject({ 'app.py': `from flask import Flask\napp = Flask(__name__)\n${text}\n`, ...extra })[0] as PythonModule);
    expect(visible('app.config["X"] = 1')).toBe(true);
    expect(visible('app.config.from_pyfile("settings.cfg")')).toBe(false);
    expect(visible('app.config.from_prefixed_env()')).toBe(false);
    expect(visible('app.config.from_object("config.ProductionConfig")')).toBe(false);
    expect(visible('app.config.from_object("config.ProductionConfig")', { 'config.py': 'class ProductionConfig:\n    pass\n' })).toBe(true);
  });
});
