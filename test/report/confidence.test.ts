/** How confidence reaches the App's outputs: annotation levels, the conclusion, the summary's scope line. */
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/core/types.js';
import { annotationLevel } from '../../src/report/annotations.js';
import { scopeSentence } from '../../src/report/model.js';
import { conclusionFor } from '../../src/review/outcome.js';

function finding(overrides: Partial<Finding>): Finding {
  return { ruleId: 'flask-run-debug', category: 'debug-mode', severity: 'critical', file: 'app.py', startLine: 1, startColumn: 1, endLine: 1, endColumn: 5, message: 'Debugger on.', confidence: 'high', ...overrides };
}

describe('confidence in the check run', () => {
  it('makes audit findings notices, whatever their severity', () => {
    expect(annotationLevel(finding({}))).toBe('failure');
    expect(annotationLevel(finding({ confidence: 'medium', severity: 'medium' }))).toBe('warning');
    expect(annotationLevel(finding({ confidence: 'low' }))).toBe('notice');
  });

  it('fails only on findings at or above both fail_on and fail_min_confidence', () => {
    const config = { fail_on: 'high', fail_min_confidence: 'medium' } as const;
    expect(conclusionFor([finding({ confidence: 'low' })], config)).toBe('success');
    expect(conclusionFor([finding({ confidence: 'medium' })], config)).toBe('failure');
    expect(conclusionFor([finding({ confidence: 'low' })], { ...config, fail_min_confidence: 'low' })).toBe('failure');
    expect(conclusionFor([finding({})], { ...config, fail_on: 'none' })).toBe('success');
  });

  it('counts what scope withheld or lowered', () => {
    const withheld = [finding({ scope: 'testing' }), finding({ scope: 'development' })];
    const shown = [finding({ scope: 'library', confidence: 'low' }), finding({})];
    expect(scopeSentence(withheld, shown, '--show-dev')).toBe(
      '2 findings in development or test code not reported (--show-dev lists them); 1 finding in documentation, examples or library code reported at low confidence',
    );
    expect(scopeSentence([], [finding({})], '--show-dev')).toBe('');
  });
});
