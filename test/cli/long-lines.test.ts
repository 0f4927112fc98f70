/** A minified template: thousands of findings on one very long line. */
import { describe, expect, it } from '@jest/globals';
import { project, run } from './helpers.js';

describe('text output of a finding on a very long line', () => {
  it('shows a window of the line around the finding, with the caret under it', async () => {
    const line = `<p>${'{{ a|safe }}'.repeat(20_000)}</p>`;
    const root = project({ 'templates/page.html': `${line}\n` });
    const { stdout } = await run(['scan', root, '--fail-on', 'none'], root);
    const lines = stdout.split('\n');
    const headers = lines.flatMap((l, i) => (l.startsWith('templates/page.html:1:') ? [i] : []));
    expect(headers.length).toBe(20_000);
    const at = headers[10_000] as number;
    const column = Number(/^templates\/page\.html:1:(\d+) /.exec(lines[at] as string)?.[1]);
    const from = column - 1 - 40;
    expect(lines[at + 1]).toBe(`  1 | …${line.slice(from, from + 160)}…`);
    expect(lines[at + 2]).toBe(`    | ${' '.repeat(41)}^^^^^^`);
  });
});
