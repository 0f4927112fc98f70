/**
 * File contents at the head, through the git blob API by blob SHA (it serves files past the
 * contents API's 1 MB), a bounded number at a time; files over the size limit are skipped.
 */
import type { FileNote } from '../core/analyze.js';
import type { SourceFile } from '../core/files.js';
import type { GitHub, RepoRef } from './client.js';
import { step } from './errors.js';

export interface BlobRequest {
  path: string;
  sha: string;
  /** Size in bytes when known beforehand (from a tree listing): large files are not downloaded. */
  size?: number;
}

export interface BlobOptions {
  maxBytes: number;
  concurrency: number;
  signal: AbortSignal;
}

export interface BlobResult {
  files: SourceFile[];
  tooLarge: FileNote[];
}

export async function readBlobs(github: GitHub, repo: RepoRef, requests: readonly BlobRequest[], options: BlobOptions): Promise<BlobResult> {
  const result: BlobResult = { files: [], tooLarge: [] };
  const limitNote = `larger than ${Math.round(options.maxBytes / 1024)} KB (max_file_size_kb): not reviewed`;
  const contents = new Map<string, Uint8Array>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      options.signal.throwIfAborted();
      const request = requests[next++] as BlobRequest;
      if (request.size !== undefined && request.size > options.maxBytes) continue;
      const { data } = await step(`read ${request.path}`, () => github.rest.git.getBlob({ ...repo, file_sha: request.sha }));
      if (data.size !== undefined && data.size !== null && data.size > options.maxBytes) continue;
      contents.set(request.path, Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, requests.length) }, worker));
  // Results in request order, whatever order the downloads finished in.
  for (const request of requests) {
    const content = contents.get(request.path);
    if (content) result.files.push({ path: request.path, content });
    else result.tooLarge.push({ path: request.path, note: limitNote });
  }
  return result;
}
