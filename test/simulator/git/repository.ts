/**
 * A bare git repository on disk that backs one simulated GitHub repository: commits are written
 * with `git fast-import` (one process per commit, any number of files), and everything GitHub
 * serves — diffs, trees, blobs — is read back from git.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CatFile } from './cat-file.js';
import { readDiff, type ChangedFile } from './diff.js';

const run = promisify(execFile);

/**
 * fast-import grows its heap in many small steps; where system calls are slow (sandboxes) a
 * 3000-file commit then takes seconds. A larger glibc top pad makes it a handful of steps.
 */
const GIT_ENV = { ...process.env, MALLOC_TOP_PAD_: String(256 * 1024 * 1024) };

export type FileContent = string | Uint8Array;

export interface CommitChanges {
  /** Files written (path → content); `null` deletes the file. */
  files?: Record<string, FileContent | null>;
  /** Renames (old path → new path), applied before `files` (so a renamed file can be edited too). */
  renames?: Record<string, string>;
  message?: string;
}

export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  /** Blobs only. */
  size?: number;
}

export interface Tree {
  sha: string;
  entries: TreeEntry[];
  byPath: Map<string, TreeEntry>;
}

/** Commit times start here and advance one minute a commit, so SHAs are the same on every run. */
const EPOCH_SECONDS = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;

export class GitRepository {
  private readonly catFile: CatFile;
  private readonly trees = new Map<string, Promise<Tree>>();
  /** Commits made here: a full SHA of one of them needs no `git rev-parse`. */
  private readonly made = new Set<string>();
  private commits = 0;

  private constructor(readonly dir: string) {
    this.catFile = new CatFile(dir);
  }

  static async create(): Promise<GitRepository> {
    const dir = mkdtempSync(join(tmpdir(), 'flaskguard-sim-repo-'));
    await run('git', ['init', '--quiet', '--bare', dir]);
    return new GitRepository(dir);
  }

  /** Commits the changes on `branch` (on top of `parent`, by default the branch's tip); returns the commit SHA. */
  async commit(branch: string, changes: CommitChanges, parent?: string): Promise<string> {
    const from = parent ?? (await this.resolve(`refs/heads/${branch}`));
    const time = EPOCH_SECONDS + 60 * this.commits++;
    const message = Buffer.from(`${changes.message ?? 'Change'}\n`);
    const chunks: Buffer[] = [
      Buffer.from(`commit refs/heads/${branch}\ncommitter FlaskGuard Simulator <simulator@example.com> ${time} +0000\ndata ${message.length}\n`),
      message,
    ];
    if (from) chunks.push(Buffer.from(`from ${from}\n`));
    for (const [oldPath, newPath] of Object.entries(changes.renames ?? {})) chunks.push(Buffer.from(`R ${quote(oldPath)} ${quote(newPath)}\n`));
    for (const [path, content] of Object.entries(changes.files ?? {})) {
      if (content === null) {
        chunks.push(Buffer.from(`D ${quote(path)}\n`));
        continue;
      }
      const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
      chunks.push(Buffer.from(`M 100644 inline ${quote(path)}\ndata ${bytes.length}\n`), bytes, Buffer.from('\n'));
    }
    await this.fastImport(Buffer.concat(chunks));
    const sha = (await this.resolve(`refs/heads/${branch}`)) as string;
    this.made.add(sha);
    return sha;
  }

  /** The commit a branch name, tag or (abbreviated) SHA names, or null. */
  async resolve(ref: string): Promise<string | null> {
    if (this.made.has(ref)) return ref;
    return this.revParse(`${ref}^{commit}`);
  }

  async mergeBase(a: string, b: string): Promise<string> {
    return (await this.git('merge-base', a, b)).trim();
  }

  /** The recursive listing of a tree (named by a commit, a tree SHA or a ref), or null when there is none. */
  async tree(treeish: string): Promise<Tree | null> {
    // A commit made here always has the same tree.
    const cached = this.made.has(treeish) ? this.trees.get(treeish) : undefined;
    if (cached) return cached;
    const sha = await this.revParse(`${treeish}^{tree}`);
    if (!sha) return null;
    let tree = this.trees.get(sha);
    if (!tree) {
      tree = this.listTree(sha);
      this.trees.set(sha, tree);
    }
    if (this.made.has(treeish)) this.trees.set(treeish, tree);
    return tree;
  }

  /** A blob's bytes, or null when there is no blob by that SHA. */
  async blob(sha: string): Promise<Buffer | null> {
    const object = await this.catFile.read(sha);
    return object?.type === 'blob' ? object.content : null;
  }

  /** The files that differ between two commits, as a pull request shows them. */
  async diff(base: string, head: string, maxPatchBytes: number): Promise<ChangedFile[]> {
    const [raw, numstat, patches] = await Promise.all([
      this.git('diff-tree', '-r', '-z', '--no-abbrev', '-M', base, head),
      this.git('diff-tree', '-r', '-z', '-M', '--numstat', base, head),
      this.git('diff-tree', '-r', '-M', '-p', '--no-color', base, head),
    ]);
    return readDiff(raw, numstat, patches, maxPatchBytes);
  }

  close(): void {
    this.catFile.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async listTree(sha: string): Promise<Tree> {
    const output = await this.git('ls-tree', '-r', '-t', '-l', '-z', '--full-tree', sha);
    const entries: TreeEntry[] = [];
    for (const record of output.split('\0')) {
      const match = /^(\d+) (blob|tree|commit) ([0-9a-f]{40}) +(-|\d+)\t(.+)$/s.exec(record);
      if (!match) continue;
      const entry: TreeEntry = { path: match[5] as string, mode: match[1] as string, type: match[2] as TreeEntry['type'], sha: match[3] as string };
      if (match[4] !== '-') entry.size = Number(match[4]);
      entries.push(entry);
    }
    return { sha, entries, byPath: new Map(entries.map((e) => [e.path, e])) };
  }

  private async revParse(spec: string): Promise<string | null> {
    try {
      return (await this.git('rev-parse', '--verify', '--quiet', spec)).trim() || null;
    } catch {
      return null;
    }
  }

  private async git(...args: string[]): Promise<string> {
    const { stdout } = await run('git', ['--git-dir', this.dir, ...args], { maxBuffer: 1 << 30, encoding: 'utf8', env: GIT_ENV });
    return stdout;
  }

  private fastImport(stream: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', ['--git-dir', this.dir, 'fast-import', '--quiet', '--date-format=raw'], { stdio: ['pipe', 'ignore', 'pipe'], env: GIT_ENV });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${stderr.trim()}`))));
      child.stdin.end(stream);
    });
  }
}

/** A path as fast-import reads it: C-style quoted. */
function quote(path: string): string {
  if (path === '' || path.startsWith('/') || [...path].some((c) => c.charCodeAt(0) < 0x20)) throw new Error(`not a repository path: ${JSON.stringify(path)}`);
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
