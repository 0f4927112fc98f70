/**
 * A real redis-server (Debian's package) for the tests of the BullMQ queue, on a free loopback
 * port, without persistence, stopped after the tests. Missing binary: under CI=true the tests
 * fail (.ci/run installs it); elsewhere they are skipped with a line saying why.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const REDIS_BINARY = 'redis-server';

export function redisServerAvailable(): boolean {
  return spawnSync(REDIS_BINARY, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** null: the tests skip (and say so); throws under CI, where a missing redis-server is a broken setup. */
export function redisOrSkip(): true | null {
  if (redisServerAvailable()) return true;
  const why = `${REDIS_BINARY} is not installed (Debian: apt-get install -y redis-server)`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${why}: the Redis queue tests cannot run`);
  console.warn(`Redis queue tests SKIPPED: ${why}`);
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** On a free port, or on `port` (a Redis started again where clients still point). */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  port ??= await freePort();
  const child: ChildProcess = spawn(REDIS_BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    child.once('error', reject);
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
