/**
 * Opt-in timing of a run's phases (`FLASKGUARD_TIMING=1`, as ESLint's `TIMING=1`): where a scan's
 * time goes. Each phase's time is its own: a parse a rule asks for counts as parse, not as that
 * rule's time, because entering a phase pauses the clock of the one it interrupts; so the phases
 * add up to the run. Global, as ESLint's is, so that the parser deep below the rules needs no
 * option threaded down to it; off, a hook costs one branch. Times are the process's CPU time
 * (user + system, every thread) and wall time.
 */
export const PHASES = ['collect', 'read', 'parse', 'deploy files', 'rules', 'dependency files', 'report'] as const;
export type Phase = (typeof PHASES)[number];

/** CPU and wall time in ms, since the process started. */
export interface Spent {
  cpu: number;
  wall: number;
}

const RULE = 'rule ';
let enabled = false;
let clock = processClock;
let current: string | undefined;
let mark: Spent = { cpu: 0, wall: 0 };
/** When the first phase began: everything before it is start-up. */
let firstMark: Spent | undefined;
const spent = new Map<string, Spent>();

function processClock(): Spent {
  const usage = process.cpuUsage();
  return { cpu: (usage.user + usage.system) / 1000, wall: performance.now() };
}

function switchTo(next: string | undefined): void {
  const at = clock();
  if (current !== undefined) {
    const total = spent.get(current) ?? { cpu: 0, wall: 0 };
    total.cpu += at.cpu - mark.cpu;
    total.wall += at.wall - mark.wall;
    spent.set(current, total);
  }
  firstMark ??= at;
  current = next;
  mark = at;
}

/** Starts counting afresh (tests give a fake clock). */
export function startTiming(by: () => Spent = processClock): void {
  enabled = true;
  clock = by;
  current = undefined;
  firstMark = undefined;
  spent.clear();
}

/** Stops counting; what was counted. */
export function stopTiming(): TimingReport {
  const report = timingReport();
  enabled = false;
  return report;
}

export function timed<T>(phase: Phase, work: () => T): T {
  return timedAs(phase, work);
}

/** An asynchronous phase; nothing else may run meanwhile (true of the command line), or it is counted in. */
export async function timedAsync<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  const outer = current;
  switchTo(phase);
  try {
    return await work();
  } finally {
    switchTo(outer);
  }
}

/** One rule on one file: counted in the phase `rules`, and listed by rule. */
export function timedRule<T>(ruleId: string, work: () => T): T {
  return timedAs(RULE + ruleId, work);
}

function timedAs<T>(key: string, work: () => T): T {
  if (!enabled) return work();
  const outer = current;
  switchTo(key);
  try {
    return work();
  } finally {
    switchTo(outer);
  }
}

export interface TimingRow {
  name: string;
  cpuMs: number;
  wallMs: number;
}

export interface TimingReport {
  /** Before the first phase: Node, loading the command line, its arguments and configuration. */
  startUp: TimingRow;
  phases: TimingRow[];
  /** The rules by time, slowest first; `rules` less their sum is the analysis's own bookkeeping. */
  rules: TimingRow[];
  /** The process so far (start-up and phases, and what lies between them). */
  total: TimingRow;
}

function timingReport(): TimingReport {
  const end = clock();
  const row = (name: string, s: Spent | undefined): TimingRow => ({ name, cpuMs: s?.cpu ?? 0, wallMs: s?.wall ?? 0 });
  const rules = [...spent].filter(([key]) => key.startsWith(RULE)).map(([key, s]) => row(key.slice(RULE.length), s));
  rules.sort((a, b) => b.cpuMs - a.cpuMs);
  const phases = PHASES.map((phase) => row(phase, spent.get(phase)));
  const ruleRow = phases.find((p) => p.name === 'rules') as TimingRow;
  for (const r of rules) {
    ruleRow.cpuMs += r.cpuMs;
    ruleRow.wallMs += r.wallMs;
  }
  return { startUp: row('start-up', firstMark ?? end), phases, rules, total: row('total', end) };
}

/**
 * The report as a table (`listRules` rules, slowest first; ESLint lists 10 by default), or as
 * JSON when `format` is `json`.
 */
export function formatTiming(report: TimingReport, format: 'table' | 'json', listRules = 10): string {
  if (format === 'json') return `${JSON.stringify(report)}\n`;
  const total = report.total.cpuMs || 1;
  const line = (name: string, r: TimingRow) =>
    `${name.padEnd(32)} ${r.cpuMs.toFixed(0).padStart(8)} ${((100 * r.cpuMs) / total).toFixed(1).padStart(6)} ${r.wallMs.toFixed(0).padStart(8)}\n`;
  let out = `${'phase'.padEnd(32)} ${'CPU ms'.padStart(8)} ${'%'.padStart(6)} ${'wall ms'.padStart(8)}\n`;
  out += line('start-up', report.startUp);
  for (const phase of report.phases) {
    out += line(phase.name, phase);
    if (phase.name !== 'rules') continue;
    const own = { ...phase };
    for (const rule of report.rules) {
      own.cpuMs -= rule.cpuMs;
      own.wallMs -= rule.wallMs;
    }
    out += line('  (decoding, scopes, findings)', own);
    for (const rule of report.rules.slice(0, listRules)) out += line(`  ${rule.name}`, rule);
    if (report.rules.length > listRules) out += `  … ${report.rules.length - listRules} more rules (FLASKGUARD_TIMING=all lists them)\n`;
  }
  return out + line('total (the process so far)', report.total);
}
