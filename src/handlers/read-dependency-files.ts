/** The dependency files of a commit from its tree listing, and the files they include through `-r` / `-c` (whatever their names). */
import type { SourceFile } from '../core/files.js';
import type { FileNote } from '../core/analyze.js';
import { MAX_INCLUDE_DEPTH, missingDependencyFiles } from '../deps/index.js';
import { readBlobs, type BlobOptions } from '../github/blobs.js';
import type { GitHub, RepoRef } from '../github/client.js';
import type { DependencyListing } from '../github/tree.js';

export interface DependencyFilesRead {
  files: SourceFile[];
  tooLarge: FileNote[];
}

/** `already`: files read before (a scan reads the dependency files with the sources); only what is missing is downloaded. */
export async function readDependencyFiles(github: GitHub, repo: RepoRef, listing: DependencyListing, options: BlobOptions, already?: DependencyFilesRead): Promise<DependencyFilesRead> {
  const read = already ? { files: [...already.files], tooLarge: [...already.tooLarge] } : await readBlobs(github, repo, listing.files, options);
  // A level of the include chains per round.
  for (let depth = 0; depth < MAX_INCLUDE_DEPTH; depth++) {
    const included = missingDependencyFiles(read.files, read.tooLarge).flatMap((path) => listing.all.get(path) ?? []);
    if (included.length === 0) break;
    const more = await readBlobs(github, repo, included, options);
    read.files.push(...more.files);
    read.tooLarge.push(...more.tooLarge);
  }
  return read;
}
