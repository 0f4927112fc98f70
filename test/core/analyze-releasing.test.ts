/**
 * analyzeReleasingTrees frees each file's syntax trees before the next file: it must find exactly
 * what analyze() finds — over every rule fixture project, whose cross-module questions (imported
 * helpers, app setup, config objects) make it parse released modules again.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from '../../rules/index.js';
import { analyze, analyzeReleasingTrees } from '../../src/core/analyze.js';
import type { SourceFile } from '../../src/core/files.js';
import { PythonModule } from '../../src/core/python/module.js';

const ROOT = join(import.meta.dirname, '../fixtures/rules');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const projects = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory());

describe('analyzeReleasingTrees', () => {
  it('is tested on projects with findings', () => {
    const found = projects.map((p) => analyze(walk(join(ROOT, p)).map((path) => ({ path: relative(join(ROOT, p), path), content: readFileSync(path) })), { rules: RULES }).findings.length);
    expect(found.filter((n) => n > 0).length).toBeGreaterThan(projects.length / 2);
  });

  it.each(projects)('%s: the same result as analyze()', async (project) => {
    const dir = join(ROOT, project);
    const files: SourceFile[] = walk(dir).map((path) => ({ path: relative(dir, path), content: readFileSync(path) }));
    expect(await analyzeReleasingTrees(files, { rules: RULES })).toEqual(analyze(files, { rules: RULES }));
  });

  it('collects garbage once per collectEveryBytes of source, between files', async () => {
    const files = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ path: `${name}.py`, content: `${name.toUpperCase()} = 1\n`.padEnd(100, '#') }));
    const moments: string[] = [];
    await analyzeReleasingTrees(files, { rules: RULES, collectEveryBytes: 250, collectGarbage: () => moments.push('gc'), onFile: (path) => moments.push(path) });
    expect(moments).toEqual(['a.py', 'b.py', 'c.py', 'gc', 'd.py', 'e.py']);
  });
});

describe('PythonModule.release', () => {
  it('forgets the tree; the next question parses the text again and answers the same', () => {
    const module = new PythonModule('app/views.py', 'from flask import send_file as sf\n\nsf(path)\n');
    const call = () => module.nodeAt(module.text.indexOf('sf(path)'), module.text.indexOf('sf(path)') + 8);
    const before = module.tree;
    expect(module.callee(call())).toBe('flask.send_file');
    module.release();
    expect(module.tree).not.toBe(before);
    expect(module.callee(call())).toBe('flask.send_file');
  });
});
