/**
 * Reads git objects through one long-running `git cat-file --batch`, so that serving a thousand
 * blobs costs one process, not a thousand.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface GitObject {
  type: string;
  content: Buffer;
}

interface Pending {
  resolve(object: GitObject | null): void;
  reject(error: Error): void;
}

export class CatFile {
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private buffer = Buffer.alloc(0);
  private failure: Error | undefined;

  constructor(gitDir: string) {
    this.process = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.on('error', (error) => this.fail(error));
    this.process.on('exit', (code) => this.fail(new Error(`git cat-file exited with ${code}`)));
  }

  /** The object, or null when the repository has no object by that name. */
  read(name: string): Promise<GitObject | null> {
    if (this.failure) return Promise.reject(this.failure);
    if (!/^[0-9a-f]{4,40}$/.test(name)) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.process.stdin.write(`${name}\n`);
    });
  }

  close(): void {
    this.process.removeAllListeners('exit');
    this.process.stdin.end();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const newline = this.buffer.indexOf(0x0a);
      if (newline === -1) return;
      const header = this.buffer.subarray(0, newline).toString();
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.pending.shift()?.resolve(null);
        continue;
      }
      const [, type, size] = header.split(' ');
      const length = Number(size);
      // The content is followed by one newline.
      if (this.buffer.length < newline + 1 + length + 1) return;
      const content = Buffer.from(this.buffer.subarray(newline + 1, newline + 1 + length));
      this.buffer = this.buffer.subarray(newline + 1 + length + 1);
      this.pending.shift()?.resolve({ type: type as string, content });
    }
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const pending of this.pending.splice(0)) pending.reject(error);
  }
}
