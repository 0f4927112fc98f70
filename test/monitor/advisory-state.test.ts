/** What the monitoring does with its issue, decided from the vulnerable set and the issue's recorded state. */
import { describe, expect, it } from '@jest/globals';
import type { Advisory } from '../../src/deps/advisory.js';
import { monitoredEntries, planIssue, stateKeys } from '../../src/monitor/advisory-state.js';
import { issueBody, issueState } from '../../src/report/advisory-issue.js';

const advisory = (id: string): Advisory => ({ id, aliases: [], package: 'werkzeug', summary: 's', severity: 'high', rating: 'CVSS 7.5', affected: { intervals: [], versions: ['2.2.2'] }, fixedIn: ['2.2.3'] });
const pin = (file: string, ids: string[], extra: object = {}) => ({ file, line: 1, name: 'Werkzeug', package: 'werkzeug', version: '2.2.2', text: 'Werkzeug==2.2.2', advisories: ids.map(advisory), ...extra });

describe('advisory monitoring state', () => {
  it('leaves out a library’s own development lock file, and keys ignore line numbers', () => {
    const entries = monitoredEntries({ vulnerable: [pin('requirements.txt', ['GHSA-1']), pin('uv.lock', ['GHSA-1'], { libraryLock: true })], admitted: [] });
    expect(entries.map((e) => e.file)).toEqual(['requirements.txt']);
    const moved = monitoredEntries({ vulnerable: [{ ...pin('requirements.txt', ['GHSA-1']), line: 7 }], admitted: [] });
    expect(stateKeys(moved)).toEqual(stateKeys(entries));
  });

  it('opens, updates, closes, reopens, or does nothing', () => {
    const one = monitoredEntries({ vulnerable: [pin('requirements.txt', ['GHSA-1'])], admitted: [] });
    const two = monitoredEntries({ vulnerable: [pin('requirements.txt', ['GHSA-1', 'GHSA-2'])], admitted: [] });
    const keys = stateKeys(one);
    expect(planIssue([], undefined)).toEqual({ action: 'none' });
    expect(planIssue(one, undefined)).toEqual({ action: 'open', keys });
    expect(planIssue(one, { number: 1, open: true, keys })).toEqual({ action: 'none' });
    expect(planIssue(two, { number: 1, open: true, keys })).toMatchObject({ action: 'update', added: [stateKeys(two)[1]], removed: [], reopen: false });
    expect(planIssue([], { number: 1, open: true, keys })).toEqual({ action: 'close', removed: keys });
    expect(planIssue([], { number: 1, open: false, keys })).toEqual({ action: 'none' });
    expect(planIssue(one, { number: 1, open: false, keys: [] })).toEqual({ action: 'update', keys, added: keys, removed: [], reopen: true });
  });

  it('reads back the state an issue body was written with; a body without one lists nothing', () => {
    const entries = monitoredEntries({ vulnerable: [pin('requirements.txt', ['GHSA-1'])], admitted: [] });
    const body = issueBody(entries, stateKeys(entries), { branch: 'main', sha: 'a'.repeat(40), repoUrl: 'https://github.com/o/r', intervalHours: 24, advisorySource: 'test', now: new Date('2026-11-29T10:00:00Z') });
    expect(issueState({ number: 4, state: 'open', body })).toEqual({ number: 4, open: true, keys: stateKeys(entries) });
    expect(issueState({ number: 4, state: 'closed', body: 'edited by hand' })).toEqual({ number: 4, open: false, keys: [] });
  });
});
