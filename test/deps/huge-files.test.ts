/** Dependency files of hundreds of thousands of entries (a 16 MB file under a raised max_file_size_kb) are read whole. */
import { describe, expect, it } from '@jest/globals';
import { collectDeclarations } from '../../src/deps/dependency-files.js';

describe('a requirements file of 200,000 lines', () => {
  it('gives every declaration (they were passed as 200,000 arguments, past the stack)', () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `pkg${i}==1.0\n`).join('');
    const collected = collectDeclarations(['requirements.txt'], (path) => (path === 'requirements.txt' ? text : undefined));
    expect([collected.declarations.length, collected.declarations.at(-1)?.range.startLine]).toEqual([200_000, 200_000]);
  });
});
