/**
 * Reading a file of a checkout that may be hostile: only regular files, never more than a limit.
 * A FIFO would block forever and a device never end, so the file is opened without blocking and
 * checked on the open descriptor (what is checked is what is read), then read up to the limit.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

/** `bytes`: the size, when the file says it (a file that grows while read may not have). */
export type FileRead = { content: Buffer } | { tooLarge: true; bytes?: number } | { refused: string };

/** Is `path` (a real path) the real root or inside it? */
export function isInside(realRoot: string, path: string): boolean {
  return path === realRoot || path.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

/**
 * A file of the project by its repository path, read through its real path: refused when a
 * symbolic link takes it out of the project. `missing` when there is no such file at all.
 */
export function readProjectFile(realRoot: string, path: string, maxBytes: number): FileRead | { missing: true } {
  const absolute = join(realRoot, path);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { refused: cannotRead(error) };
    return isLink(absolute) ? { refused: 'a broken symbolic link' } : { missing: true };
  }
  if (!isInside(realRoot, real)) return { refused: 'outside the project through a symbolic link' };
  return readRegularFile(real, maxBytes);
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export function readRegularFile(path: string, maxBytes: number): FileRead {
  let fd: number;
  try {
    // Checked before opening too: a socket cannot be opened at all, and should be named.
    const before = statSync(path);
    if (!before.isFile()) return { refused: notRegular(before) };
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { refused: cannotRead(error) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { refused: notRegular(stats) };
    if (stats.size > maxBytes) return { tooLarge: true, bytes: stats.size };
    return readUpTo(fd, Math.min(stats.size, maxBytes) + 1, maxBytes);
  } catch (error) {
    return { refused: cannotRead(error) };
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, or to one byte past the limit: a file that grows while read stops there. */
function readUpTo(fd: number, initial: number, maxBytes: number): FileRead {
  let buffer = Buffer.allocUnsafe(initial);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return { tooLarge: true };
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return { content: buffer.subarray(0, length) };
    length += n;
  }
}

export function notRegular(stats: FileType): string {
  return `${specialKind(stats)}, not a regular file`;
}

function cannotRead(error: unknown): string {
  return `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
}

type FileType = Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

/** What a file that is not a regular file is, in words (from stat or a directory entry). */
export function specialKind(stats: FileType): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'a special file';
}
