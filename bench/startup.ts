/**
 * `npm run bench` (first part), or `npm run bench:startup`: how long the command line takes to
 * start and finish small jobs, each run a fresh process, alternating between the commands:
 * `--version`, a scan of a one-file project, and a scan of a small project with a config file and
 * a requirements file; beside them Node's own start-up (`node -e 0`) and the same CLI from tsc's
 * unbundled output, which shows what the bundle saves. Wall time is a median; CPU time (user +
 * system of the child, from /proc on Linux) a mean, as the kernel counts it in 10 ms ticks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/version.js';
import { median } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TICKS_PER_SECOND = 100;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flaskguard-startup-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const APP = 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n';
const oneFile = project({ 'app.py': APP });
const small = project({ 'app.py': APP, 'requirements.txt': 'flask==3.1.1\nwerkzeug==3.1.3\n', '.flaskguard.yml': 'fail_on: critical\n' });

const bundled = [join(PACKAGE_ROOT, 'bin', 'flaskguard.js')];
const unbundled = ['--input-type=module', '-e', `import { main } from ${JSON.stringify(join(PACKAGE_ROOT, 'dist/src/cli.js'))}; process.exitCode = await main(process.argv.slice(1));`, '--'];

const COMMANDS: { name: string; args: string[] }[] = [
  { name: 'node -e 0 (Node itself)', args: ['-e', '0'] },
  { name: 'flaskguard --version', args: [...bundled, '--version'] },
  { name: 'flaskguard scan (one file)', args: [...bundled, 'scan', oneFile] },
  { name: 'flaskguard scan (app, requirements, config)', args: [...bundled, 'scan', small] },
  { name: 'unbundled --version', args: [...unbundled, '--version'] },
  { name: 'unbundled scan (one file)', args: [...unbundled, 'scan', oneFile] },
];

/** CPU seconds of this process's waited-for children (utime + stime fields of /proc/self/stat). */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 16 and 17 of the whole line (cutime, cstime) are 14 and 15 after "pid (comm) ".
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

const wall = new Map<string, number[]>(COMMANDS.map((c) => [c.name, []]));
const cpu = new Map<string, number>(COMMANDS.map((c) => [c.name, 0]));
for (let i = 0; i < RUNS; i++) {
  for (const command of COMMANDS) {
    const cpuBefore = childrenCpuMs();
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, command.args, { encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${command.name} exited ${result.status}: ${result.stderr}`);
    wall.get(command.name)?.push(ms);
    const cpuAfter = childrenCpuMs();
    if (cpuBefore !== undefined && cpuAfter !== undefined) cpu.set(command.name, (cpu.get(command.name) ?? 0) + cpuAfter - cpuBefore);
  }
}

console.log(`start-up: ${RUNS} runs of each, alternating (${cpus()[0]?.model ?? 'cpu'}, node ${process.version})`);
for (const command of COMMANDS) {
  const cpuMs = childrenCpuMs() === undefined ? '' : `  CPU ${((cpu.get(command.name) ?? 0) / RUNS).toFixed(0)} ms (mean)`;
  console.log(`${command.name.padEnd(46)} wall ${median(wall.get(command.name) ?? []).toFixed(0).padStart(4)} ms (median)${cpuMs}`);
}
