import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../src/version.js';

const require = createRequire(import.meta.url);

/** Runs a script that writes to both streams, keeps a timer alive and then calls exitWhenFlushed(). */
function runExiting(body: string): { status: number | null; stdout: string; stderr: string } {
  const exit = pathToFileURL(join(PACKAGE_ROOT, 'src/cli/exit.ts')).href;
  const script = `import { exitWhenFlushed } from ${JSON.stringify(exit)}; setInterval(() => {}, 1000); ${body}`;
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  return spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
}

describe('exitWhenFlushed', () => {
  it('ends the process with the exit code after all the output queued for pipes has been written', () => {
    // Far more than a pipe holds: the writes are still queued when exitWhenFlushed() is called.
    const result = runExiting(`process.stdout.write('o'.repeat(5_000_000) + 'end'); process.stderr.write('e'.repeat(2_000_000) + 'end'); exitWhenFlushed(1);`);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('o'.repeat(5_000_000) + 'end');
    expect(result.stderr).toBe('e'.repeat(2_000_000) + 'end');
  });

  it('ends the process when nothing was written, with exit code 0', () => {
    expect(runExiting('exitWhenFlushed(0);')).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });
});
