import { findConfigWrites } from '../src/core/python/config-writes.js';
import { literalTruthiness, replaceWithin, stringValue } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const debugConfigEnabled: Rule = {
  meta: {
    id: 'debug-config-enabled',
    code: 'FG102',
    category: 'debug-mode',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: `DEBUG = True` in configuration production loads; withheld in development and test configuration and behind `if app.debug` checks.',
    title: 'Debug mode switched on in production or shared configuration',
    threats: [THREATS.informationDisclosureDebug, THREATS.remoteCodeExecution, THREATS.debuggerDos],
    why:
      'With `DEBUG = True` (or `app.debug = True`, or Flask < 2.3\'s `ENV = "development"`) every unhandled error is ' +
      'rendered with its stack trace, and servers that honour the flag start the Werkzeug debugger. Set in a ' +
      'production config class, in a base class production inherits from, or in configuration that is not ' +
      'scoped to development, it reaches production.',
    example: 'class ProductionConfig(Config):\n    DEBUG = True',
    useInstead:
      'class ProductionConfig(Config):\n    DEBUG = False\n\nclass DevelopmentConfig(Config):\n    DEBUG = True  # development only',
    references: [
      'https://flask.palletsprojects.com/en/stable/config/#DEBUG',
      'https://flask.palletsprojects.com/en/stable/config/#development-production',
    ],
    cwe: [489, 215],
  },
  python(ctx) {
    const { module } = ctx;
    for (const write of findConfigWrites(module, ['DEBUG', 'ENV'])) {
      if (write.form === 'dict-literal') continue;
      const enabled =
        write.key === 'DEBUG' ? literalTruthiness(write.value) === true : stringValue(write.value) === 'development';
      if (!enabled) continue;
      const where = write.environment === 'production' ? 'production configuration' : 'configuration that is not limited to development';
      ctx.report({
        node: write.node,
        environment: write.environment,
        message:
          write.key === 'DEBUG'
            ? `Debug mode is switched on in ${where}: errors show stack traces and the debugger can be reached.`
            : `ENV = "development" switches debug mode on (Flask < 2.3) in ${where}.`,
        fix: replaceWithin(write.node, write.value, write.key === 'DEBUG' ? 'False' : '"production"'),
      });
    }
    for (const match of module.search(/\benviron\s*\[\s*["'](FLASK_DEBUG|FLASK_ENV)["']\s*\]/g)) {
      const subscript = module.nodeAt(match.index, match.index + match[0].length);
      const assignment = subscript.parent;
      if (subscript.type !== 'subscript' || assignment?.type !== 'assignment') continue;
      if (module.resolve(subscript.childForFieldName('value')) !== 'os.environ') continue;
      const value = stringValue(assignment.childForFieldName('right'));
      const on = match[1] === 'FLASK_DEBUG' ? value !== undefined && /^(1|true|yes|on)$/i.test(value) : value === 'development';
      if (!on) continue;
      ctx.report({ node: assignment, environment: module.environmentOf(assignment), message: `Setting ${match[1]} in os.environ switches Flask's debug mode on outside development.` });
    }
  },
};
