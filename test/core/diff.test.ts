import { describe, expect, it } from '@jest/globals';
import { parseGitDiff, parsePatch, touchesChangedLines } from '../../src/core/diff.js';

describe('unified diffs', () => {
  it('finds added lines and the lines inside hunks (new side)', () => {
    const patch = ['@@ -1,4 +1,5 @@', ' a', '-b', '+B', '+C', ' d', '@@ -10,2 +11,3 @@ def f():', ' x', '+y', ' z', '\\ No newline at end of file'].join('\n');
    const changes = parsePatch(patch);
    expect([...changes.added]).toEqual([2, 3, 12]);
    expect([...changes.inHunks]).toEqual([1, 2, 3, 4, 11, 12, 13]);
    expect(touchesChangedLines(changes, 4, 4)).toBe(false);
    expect(touchesChangedLines(changes, 1, 2)).toBe(true);
  });

  it('splits git diff output by new path, without deleted files', () => {
    const diff = [
      'diff --git a/app.py b/app.py',
      'index 1..2 100644',
      '--- a/app.py',
      '+++ b/app.py',
      '@@ -1 +1,2 @@',
      ' x',
      '+y',
      'diff --git a/old.py b/new name.py',
      'similarity index 90%',
      'rename from old.py',
      'rename to new name.py',
      '--- a/old.py',
      '+++ b/new name.py',
      '@@ -3 +3 @@',
      '-a',
      '+b',
      'diff --git a/gone.py b/gone.py',
      'deleted file mode 100644',
      '--- a/gone.py',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      'diff --git a/bin.png b/bin.png',
      'Binary files a/bin.png and b/bin.png differ',
    ].join('\n');
    const files = parseGitDiff(diff);
    expect([...files.keys()]).toEqual(['app.py', 'new name.py']);
    expect([...(files.get('new name.py')?.added ?? [])]).toEqual([3]);
  });
});
