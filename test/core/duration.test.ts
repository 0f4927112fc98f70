import { describe, expect, it } from '@jest/globals';
import { durationSeconds } from '../../src/core/python/duration.js';
import { PythonModule } from '../../src/core/python/module.js';

/** The duration of the value assigned to each `X_n = …` line, in order. */
function durations(body: string): (number | undefined)[] {
  const module = new PythonModule('config.py', `import datetime\nfrom datetime import timedelta as td\n${body}`);
  return module.search(/^V\d+ = /gm).map((m) => {
    const assignment = module.nodeAt(m.index, m.index + 2).parent;
    return durationSeconds(module, assignment?.childForFieldName('right') ?? null);
  });
}

describe('durationSeconds', () => {
  it('reads timedelta keywords and positional arguments, plain seconds and arithmetic', () => {
    expect(
      durations(
        [
          'V1 = datetime.timedelta(days=30, hours=12)',
          'V2 = td(7)',
          'V3 = td(1, 30)',
          'V4 = td(weeks=2, minutes=-30)',
          'V5 = 86400 * 365',
          'V6 = td(days=1) * 400',
          'V7 = 60 * 60 * 24 // 2',
          'V8 = 3600.5',
        ].join('\n'),
      ),
    ).toEqual([30 * 86400 + 12 * 3600, 7 * 86400, 86400 + 30, 2 * 604800 - 1800, 86400 * 365, 400 * 86400, 43200, 3600.5]);
  });

  it('follows names bound to durations', () => {
    expect(durations('DAYS = 90\nBASE = td(days=DAYS)\nV1 = BASE + td(hours=1)')).toEqual([90 * 86400 + 3600]);
  });

  it('is undefined for anything it cannot compute', () => {
    expect(
      durations(
        [
          'import os',
          'V1 = td(days=int(os.environ["DAYS"]))',
          'V2 = other.timedelta(days=3)',
          'V3 = td(days=1, fortnights=2)',
          'V4 = td(**options)',
          'V5 = "86400"',
          'V6 = 10 / 0',
        ].join('\n'),
      ),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
