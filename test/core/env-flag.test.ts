import { describe, expect, it } from '@jest/globals';
import { pythonProject } from '../support/python-project.js';
import { environmentDefault } from '../../src/core/python/env-flag.js';
import type { PythonModule } from '../../src/core/python/module.js';

/** The environment default of the value assigned on each `X = …` line of the first module. */
function defaults(files: Record<string, string>): (string | undefined)[] {
  const module = pythonProject(files)[0] as PythonModule;
  return module.tree.rootNode.namedChildren
    .filter((s) => s.type === 'expression_statement' && s.namedChild(0)?.type === 'assignment' && s.namedChild(0)?.childForFieldName('left')?.text === 'X')
    .map((s) => {
      const found = environmentDefault(module, s.namedChild(0)?.childForFieldName('right') ?? null);
      return found && `${found.variable}=${found.value}`;
    });
}

describe('the value of a switch read from the environment when the variable is not set', () => {
  it('follows parsers, comparisons, defaults and other settings', () => {
    const text = [
      'import os',
      'from distutils.util import strtobool',
      'from .helpers import parse_boolean',
      'HTTPS = bool(strtobool(os.environ.get("HTTPS", "yes")))',
      'X = os.environ.get("A")',
      'X = os.environ.get("A", "false")',
      'X = parse_boolean(os.environ.get("A", "false"))',
      'X = parse_boolean(os.getenv("A", "on"))',
      'X = os.environ.get("A", "0") == "1"',
      'X = os.environ.get("A", "1") != "0"',
      'X = os.environ.get("A", "False").lower() in ("1", "true")',
      'X = bool(int(os.environ.get("A", 0)))',
      'X = parse_boolean(os.environ.get("A") or str(HTTPS))',
      'X = not parse_boolean(os.environ.get("INSECURE", "false"))',
      'X = os.environ.get("A", "").startswith("https")',
      'X = HTTPS',
      'X = bool(strtobool(os.environ.get("A") or str(HTTPS)))',
    ].join('\n');
    expect(defaults({ 'app/settings.py': text, 'app/helpers.py': 'def parse_boolean(v):\n    return v == "true"' })).toEqual([
      'A=false',
      'A=true', // a non-empty string is true to Flask
      'A=false',
      'A=true',
      'A=false',
      'A=true',
      'A=false',
      'A=false',
      'A or HTTPS=true',
      'INSECURE=true',
      undefined,
      'HTTPS=true',
      'A or HTTPS=true',
    ]);
  });
});
