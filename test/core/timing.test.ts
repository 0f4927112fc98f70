import { afterEach, describe, expect, it } from '@jest/globals';
import { formatTiming, startTiming, stopTiming, timed, timedAsync, timedRule, type Spent } from '../../src/core/timing.js';

/** A clock that moves only when told: CPU advances as given, wall twice as much. */
function fakeClock(): { clock: () => Spent; advance: (ms: number) => void } {
  let cpu = 0;
  return { clock: () => ({ cpu, wall: 2 * cpu }), advance: (ms) => (cpu += ms) };
}

const cpuOf = (report: ReturnType<typeof stopTiming>, name: string) => report.phases.find((p) => p.name === name)?.cpuMs;

describe('timing', () => {
  afterEach(() => {
    stopTiming();
  });

  it('gives each phase its own time: a parse inside a rule is parse, and the rule and the analysis add up to rules', async () => {
    const { clock, advance } = fakeClock();
    advance(100); // start-up, before the first phase
    startTiming(clock);
    timed('collect', () => {
      advance(5);
      timed('read', () => advance(7));
      advance(1);
    });
    timed('rules', () => {
      advance(3);
      timedRule('slow-rule', () => {
        advance(20);
        timed('parse', () => advance(50));
      });
      timedRule('quick-rule', () => advance(2));
      timedRule('slow-rule', () => advance(10));
    });
    await timedAsync('dependency files', async () => {
      advance(4);
      await Promise.resolve();
      advance(4);
    });
    advance(9); // after the last phase: counted in the total only
    const report = stopTiming();
    expect(report.startUp).toEqual({ name: 'start-up', cpuMs: 100, wallMs: 200 });
    expect(report.phases.map((p) => [p.name, p.cpuMs])).toEqual([
      ['collect', 6],
      ['read', 7],
      ['parse', 50],
      ['deploy files', 0],
      ['rules', 35],
      ['dependency files', 8],
      ['report', 0],
    ]);
    expect(report.rules.map((r) => [r.name, r.cpuMs, r.wallMs])).toEqual([
      ['slow-rule', 30, 60],
      ['quick-rule', 2, 4],
    ]);
    expect(report.total.cpuMs).toBe(215);
  });

  it('counts the phase a rule throws from, and goes back to the enclosing one', () => {
    const { clock, advance } = fakeClock();
    startTiming(clock);
    timed('rules', () => {
      expect(() => timedRule('failing', () => {
        advance(3);
        throw new Error('boom');
      })).toThrow('boom');
      advance(1);
    });
    const report = stopTiming();
    expect(report.rules.map((r) => [r.name, r.cpuMs])).toEqual([['failing', 3]]);
    expect(cpuOf(report, 'rules')).toBe(4);
  });

  it('counts nothing when off, and starts afresh', () => {
    const { clock, advance } = fakeClock();
    startTiming(clock);
    timed('parse', () => advance(5));
    stopTiming();
    timed('parse', () => advance(5));
    startTiming(clock);
    timed('read', () => advance(1));
    const report = stopTiming();
    expect(cpuOf(report, 'parse')).toBe(0);
    expect(cpuOf(report, 'read')).toBe(1);
  });

  it('prints a table with the slowest rules under rules, and the rest counted', () => {
    const { clock, advance } = fakeClock();
    startTiming(clock);
    timed('rules', () => {
      advance(1);
      timedRule('a', () => advance(4));
      timedRule('b', () => advance(3));
      timedRule('c', () => advance(2));
    });
    const lines = formatTiming(stopTiming(), 'table', 2).split('\n').map((l) => l.split(/\s{2,}/).filter(Boolean));
    expect(lines.map((l) => l[0])).toEqual([
      'phase', 'start-up', 'collect', 'read', 'parse', 'deploy files', 'rules',
      '(decoding, scopes, findings)', 'a', 'b', '… 1 more rules (FLASKGUARD_TIMING=all lists them)',
      'dependency files', 'report', 'total (the process so far)', undefined,
    ]);
    expect(lines.find((l) => l[0] === 'rules')?.slice(1)).toEqual(['10', '100.0', '20']);
    expect(lines.find((l) => l[0] === '(decoding, scopes, findings)')?.slice(1)).toEqual(['1', '10.0', '2']);
  });
});
