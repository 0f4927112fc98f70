/**
 * The FlaskGuard App's real HTTP server (`src/server/main.ts`) as its own process, pointed at the
 * simulator: `GHE_HOST` / `GHE_PROTOCOL` name it, a throwaway RSA key (made here, never written
 * to the repository) signs the App's JWTs, and webhooks are delivered to its Probot endpoint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GitHubSimulator } from './simulator.js';
import { deliver, type Delivery, type DeliveryOptions, type WebhookEvent } from './webhooks.js';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

/** A fresh RSA key pair for one run (GitHub Apps sign their JWTs with RS256). */
export function throwawayKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface AppProcessOptions {
  simulator: GitHubSimulator;
  privateKey: string;
  webhookSecret: string;
  /**
   * `source` runs src/server/main.ts through tsx (tests: always the code as it is); `build`
   * runs dist/src/server/main.js, what `npm start` runs (the benchmark).
   */
  entry?: 'source' | 'build';
  /** More environment (FLASKGUARD_CONCURRENCY, LOG_LEVEL...). */
  env?: Record<string, string>;
  /** How long the server may take to answer its first request. */
  startTimeoutMs?: number;
}

/** Environment variables of the caller that would point the App elsewhere. */
const SCRUBBED = ['PRIVATE_KEY_PATH', 'WEBHOOK_PROXY_URL', 'REDIS_URL', 'SENTRY_DSN', 'WEBHOOK_PATH', 'NODE_OPTIONS'];

/** One JSON log line of the App. */
export type LogEntry = Record<string, unknown>;

export class AppProcess {
  private readonly lines: string[] = [];
  private readonly lineListeners = new Set<(line: string) => void>();
  private exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly secret: string,
    private readonly cwd: string,
  ) {
    let partial = '';
    const collect = (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const parts = text.split('\n');
      partial = parts.pop() as string;
      for (const line of parts.filter(Boolean)) {
        this.lines.push(line);
        for (const listener of [...this.lineListeners]) listener(line);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = once(child, 'exit').then(([code]) => code as number | null);
  }

  static async start(options: AppProcessOptions): Promise<AppProcess> {
    const port = await freePort();
    // An empty working directory: Probot loads `.env` from it, over the environment given here.
    const cwd = mkdtempSync(join(tmpdir(), 'flaskguard-app-'));
    // As `npm start` runs it (--expose-gc: see src/server/main.ts).
    const args =
      options.entry === 'build'
        ? ['--expose-gc', join(ROOT, 'dist/src/server/main.js')]
        : ['--expose-gc', '--import', pathToFileURL(require.resolve('tsx')).href, join(ROOT, 'src/server/main.ts')];
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of SCRUBBED) delete env[name];
    Object.assign(env, {
      APP_ID: String(options.simulator.app.id),
      PRIVATE_KEY: options.privateKey,
      WEBHOOK_SECRET: options.webhookSecret,
      GHE_HOST: options.simulator.host,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...options.env,
    });
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // The App never outlives whoever started it (a test run or a demo that crashed or was interrupted).
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.off('exit', orphanGuard));
    const app = new AppProcess(child, `http://127.0.0.1:${port}`, options.webhookSecret, cwd);
    await app.ready(options.startTimeoutMs ?? 30_000);
    return app;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get webhookUrl(): string {
    return `${this.url}/api/github/webhooks`;
  }

  /** Everything the App printed, one log line each. */
  get logs(): readonly string[] {
    return this.lines;
  }

  /** Calls `listener` with each line the App prints from now on; returns what unsubscribes it. */
  onLine(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /** Resolves once the process has exited, with its exit code (null: killed by a signal). */
  get exit(): Promise<number | null> {
    return this.exited;
  }

  /** The first JSON log line, printed so far or later, that `match` accepts (see untilLogged). */
  async untilLog(match: (entry: LogEntry) => boolean, description: string, timeoutMs?: number): Promise<LogEntry> {
    return (await untilLogged([this], match, description, timeoutMs)).entry;
  }

  deliver(event: WebhookEvent, options?: DeliveryOptions): Promise<Delivery> {
    return deliver(this.webhookUrl, this.secret, event, options);
  }

  /** The largest resident set the process has had so far (Linux: VmHWM). */
  peakRssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    if (!kb) throw new Error('VmHWM is missing from /proc/<pid>/status');
    return Number(kb) * 1024;
  }

  /** The CPU time (user + system) the process has used so far, in seconds (Linux: /proc/<pid>/stat, 100 ticks a second). */
  cpuSeconds(): number {
    // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** SIGKILL, as the kernel's OOM killer ends it: no clean-up of any kind. Resolves once it has exited. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
    rmSync(this.cwd, { recursive: true, force: true });
  }

  /** SIGTERM, as a deployment stops it; SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.cwd, { recursive: true, force: true });
    return this.exited;
  }

  /** Waits for the server to answer GET /health (bounded), which every role serves; fails with the App's output if it exits first. */
  private async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < deadline && !exited) {
      try {
        const response = await fetch(`${this.url}/health`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.stop();
    throw new Error(`the App did not start${exited ? ' (it exited)' : ` within ${timeoutMs} ms`}:\n${this.lines.slice(-30).join('\n')}`);
  }
}

/**
 * The first JSON log line of any of these processes, printed so far or later, that `match` accepts,
 * and the process that printed it; rejects after `timeoutMs`, or once they have all exited first.
 */
export function untilLogged(apps: readonly AppProcess[], match: (entry: LogEntry) => boolean, description: string, timeoutMs = 20_000): Promise<{ app: AppProcess; entry: LogEntry }> {
  const parse = (line: string): LogEntry | undefined => {
    if (!line.startsWith('{')) return undefined;
    const entry = JSON.parse(line) as LogEntry;
    return match(entry) ? entry : undefined;
  };
  for (const app of apps) {
    for (const line of app.logs) {
      const entry = parse(line);
      if (entry) return Promise.resolve({ app, entry });
    }
  }
  return new Promise((resolve, reject) => {
    const stops: Array<() => void> = [];
    const done = () => {
      clearTimeout(timer);
      for (const stop of stops) stop();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no App process (pids ${apps.map((a) => a.pid).join(', ')}) logged ${description} within ${timeoutMs} ms`));
    }, timeoutMs);
    for (const app of apps) {
      stops.push(
        app.onLine((line) => {
          const entry = parse(line);
          if (!entry) return;
          done();
          resolve({ app, entry });
        }),
      );
    }
    void Promise.all(apps.map((app) => app.exit)).then(() => {
      done();
      reject(new Error(`every App process (pids ${apps.map((a) => a.pid).join(', ')}) exited before one logged ${description}`));
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
