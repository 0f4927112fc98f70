import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PatchLines } from './git/hunks.js';
import { GitRepository } from './git/repository.js';

describe('GitRepository', () => {
  let git: GitRepository;
  let base: string;
  let head: string;

  beforeAll(async () => {
    git = await GitRepository.create();
    base = await git.commit('main', {
      files: {
        'app/views.py': 'import os\n\n\ndef index():\n    return "hi"\n',
        'app/old_name.py': 'X = 1\nY = 2\nZ = 3\nW = 4\n',
        'gone.txt': 'bye\n',
        'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      },
    });
    head = await git.commit('feature', {
      renames: { 'app/old_name.py': 'app/new_name.py' },
      files: {
        'app/views.py': 'import os\n\n\ndef index():\n    return "hello"\n',
        'app/new_name.py': 'X = 1\nY = 2\nZ = 3\nW = 5\n',
        'gone.txt': null,
        'new file.py': 'print(1)',
        'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x02]),
      },
    }, base);
  });

  afterAll(() => git.close());

  it('diffs two commits the way pulls.listFiles reports them', async () => {
    const files = await git.diff(base, head, 1024 * 1024);
    expect(files.map((f) => [f.path, f.status, f.previousPath, f.additions, f.deletions])).toEqual([
      ['app/new_name.py', 'renamed', 'app/old_name.py', 1, 1],
      ['app/views.py', 'modified', undefined, 1, 1],
      ['gone.txt', 'removed', undefined, 0, 1],
      ['logo.png', 'modified', undefined, 0, 0],
      ['new file.py', 'added', undefined, 1, 0],
    ]);
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.get('app/views.py')?.patch).toBe('@@ -2,4 +2,4 @@ import os\n \n \n def index():\n-    return "hi"\n+    return "hello"');
    expect(byPath.get('new file.py')?.patch).toBe('@@ -0,0 +1 @@\n+print(1)\n\\ No newline at end of file');
    expect(byPath.get('gone.txt')?.patch).toBe('@@ -1 +0,0 @@\n-bye');
    expect(byPath.get('logo.png')?.patch).toBeUndefined();
    expect(byPath.get('gone.txt')?.newSha).toBe('0'.repeat(40));
  });

  it('leaves out patches larger than the limit', async () => {
    const files = await git.diff(base, head, 20);
    expect(files.filter((f) => f.patch !== undefined).map((f) => f.path)).toEqual(['gone.txt']);
  });

  it('serves blobs by SHA, trees by commit, tree or branch, and resolves refs', async () => {
    const files = await git.diff(base, head, 1024 * 1024);
    const views = files.find((f) => f.path === 'app/views.py');
    expect((await git.blob(views?.newSha as string))?.toString()).toContain('hello');
    expect(await git.blob('f'.repeat(40))).toBeNull();
    expect(await git.resolve('feature')).toBe(head);
    expect(await git.resolve('nope')).toBeNull();
    const tree = await git.tree('feature');
    expect(tree?.entries.map((e) => [e.path, e.type])).toEqual([
      ['app', 'tree'],
      ['app/new_name.py', 'blob'],
      ['app/views.py', 'blob'],
      ['logo.png', 'blob'],
      ['new file.py', 'blob'],
    ]);
    expect(tree?.byPath.get('new file.py')?.size).toBe(8);
    expect((await git.tree(tree?.sha as string))?.sha).toBe(tree?.sha);
    expect(await git.mergeBase(base, head)).toBe(base);
  });

  it('makes the same commits on every run', async () => {
    const other = await GitRepository.create();
    try {
      expect(await other.commit('main', { files: { 'app/views.py': 'import os\n\n\ndef index():\n    return "hi"\n', 'app/old_name.py': 'X = 1\nY = 2\nZ = 3\nW = 4\n', 'gone.txt': 'bye\n', 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) } })).toBe(base);
    } finally {
      other.close();
    }
  });
});

describe('PatchLines', () => {
  const patch = ['@@ -1,3 +1,4 @@', ' a', '-b', '+B', '+C', ' d', '@@ -10,2 +11,2 @@ def f():', ' x', '-y', '+Y'].join('\n');
  const lines = new PatchLines(patch);

  it('knows which hunk shows a line of either side', () => {
    expect([1, 2, 3, 4, 5, 11, 12, 13].map((n) => lines.hunkOf('RIGHT', n))).toEqual([0, 0, 0, 0, -1, 1, 1, -1]);
    expect([1, 2, 3, 4, 10, 11].map((n) => lines.hunkOf('LEFT', n))).toEqual([0, 0, 0, -1, 1, 1]);
  });

  it('maps positions, counted from the first hunk header, to lines and back', () => {
    expect(lines.atPosition(3)).toEqual({ side: 'RIGHT', line: 2 });
    expect(lines.atPosition(2)).toEqual({ side: 'LEFT', line: 2 });
    expect(lines.atPosition(6)).toBeNull();
    expect(lines.positionOf('RIGHT', 12)).toBe(9);
  });

  it("gives a comment's diff_hunk from its hunk header down to its line", () => {
    expect(lines.diffHunk('RIGHT', 3)).toBe('@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C');
    expect(lines.diffHunk('RIGHT', 12)).toBe('@@ -10,2 +11,2 @@ def f():\n x\n-y\n+Y');
  });
});
