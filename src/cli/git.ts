/** The few git questions `flaskguard diff` asks, through the git command line. */
import { execFileSync } from 'node:child_process';

export class GitError extends Error {}

function git(cwd: string, args: string[], maxBuffer = 512 * 1024 * 1024): Buffer {
  try {
    return execFileSync('git', ['-c', 'core.quotepath=false', ...args], { cwd, maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new GitError(stderr || (error as Error).message);
  }
}

export function gitRoot(cwd: string): string | null {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']).toString().trim();
  } catch {
    return null;
  }
}

export function verifyCommit(root: string, ref: string): void {
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new GitError(`'${ref}' is not a commit in this repository`);
  }
}

/** The diff a pull request from base to head would show (merge-base based); head omitted = working tree. */
export function diffText(root: string, base: string, head?: string): string {
  const range = head ? [`${base}...${head}`] : [base];
  return git(root, ['diff', '--no-color', '--no-ext-diff', '--find-renames', '--diff-filter=AMR', ...range, '--']).toString();
}

/** File contents at a commit. */
export function showFile(root: string, ref: string, path: string): Buffer {
  return git(root, ['show', `${ref}:${path}`]);
}

/** Paths of the repository's files at a commit, or in the working tree (tracked and untracked, not ignored). */
export function listFiles(root: string, ref?: string): string[] {
  const out = ref ? git(root, ['ls-tree', '-r', '-z', '--name-only', ref]) : git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  return out.toString().split('\0').filter(Boolean);
}
