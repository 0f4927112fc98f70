/**
 * `.flaskguard.yml` from the base branch, with the contents API: a pull request cannot switch
 * rules off for itself. (Probot's context.config() reads only `.github/` of the default branch.)
 */
import { CONFIG_FILE } from '../config/load.js';
import type { GitHub, RepoRef } from './client.js';
import { httpStatus } from './errors.js';

/** The file's text, or null when the branch has none. */
export async function readConfigText(github: GitHub, repo: RepoRef, ref: string): Promise<string | null> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path: CONFIG_FILE, ref });
    if (Array.isArray(data) || data.type !== 'file') throw new Error(`${CONFIG_FILE} on ${ref} is not a file`);
    if (!('content' in data) || data.encoding !== 'base64') throw new Error(`${CONFIG_FILE} on ${ref} is too large to be a configuration file`);
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}
