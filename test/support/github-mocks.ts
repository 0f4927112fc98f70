/**
 * Every test of a file that calls this fails on a request no nock mock matched and on a mock it
 * left unused; real network connections are refused while it runs.
 */
import { afterEach, beforeEach, expect } from '@jest/globals';
import nock from 'nock';

export function useGitHubMocks(): void {
  const unmatched: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string; href?: string; url?: string }) =>
    unmatched.push(`${req.method} ${req.href ?? req.url ?? req.path}`);
  beforeEach(() => {
    unmatched.length = 0;
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(unmatched).toEqual([]);
    expect(pending).toEqual([]);
  });
}
