/**
 * Runs a command as the whole-run benchmark measures it: a fresh process, pinned to one core
 * (`taskset -c 0`, util-linux, when it works here), under GNU time, which reports the child's
 * rusage as the kernel keeps it: wall time, user + system CPU time and peak RSS.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
/** The core the runs are pinned to (BENCH_CPU, else 0). */
export const CPU = process.env.BENCH_CPU ?? '0';

export interface Measured {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  stdout: string;
  stderr: string;
}

function works(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** Installs Debian's `time` package when GNU time is missing (as root); throws when it cannot. */
export function ensureGnuTime(): void {
  if (works(GNU_TIME, ['-f', '%e', 'true'])) return;
  if (process.getuid?.() !== 0) throw new Error(`GNU time (${GNU_TIME}) is needed to read the child's rusage: apt-get install time`);
  console.log('installing GNU time (Debian package time) …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'time'], { stdio: 'inherit', env });
}

/** The command prefix that pins a run to one core; empty when taskset is missing or refuses. */
export function pinning(): string[] {
  return works('taskset', ['-c', CPU, 'true']) ? ['taskset', '-c', CPU] : [];
}

export function isInstalled(command: string): boolean {
  return works('sh', ['-c', `command -v ${command}`]);
}

/** Runs `command` (exit statuses other than `accept` throw) and returns what GNU time says of it. */
export function measure(command: readonly string[], pin: readonly string[], options: { env?: NodeJS.ProcessEnv; accept?: readonly number[] } = {}): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'flaskguard-bench-time-'));
  const timeFile = join(dir, 'time');
  try {
    const argv = [...pin, GNU_TIME, '-o', timeFile, '-f', '%e %U %S %M %x', ...command];
    const result = spawnSync(argv[0] as string, argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28, env: options.env ?? process.env });
    // GNU time writes "Command exited with non-zero status N" above the format's line.
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    const [wall, user, system, rssKb, status] = last.split(' ').map(Number);
    if (!(options.accept ?? [0]).includes(status as number)) throw new Error(`${command.join(' ')} exited ${status}: ${result.stderr.slice(-2000)}`);
    return { wallMs: (wall as number) * 1000, cpuMs: ((user as number) + (system as number)) * 1000, maxRssMb: (rssKb as number) / 1024, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
