import { describe, expect, it } from '@jest/globals';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';

const RULES = ['flask-run-debug', 'hardcoded-secret-key'];

function error(text: string): string {
  try {
    parseConfig(text, '.flaskguard.yml', RULES);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('.flaskguard.yml', () => {
  it('fills defaults for an empty file', () => {
    expect(parseConfig('', '.flaskguard.yml', RULES)).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.fail_on).toBe('high');
    expect(DEFAULT_CONFIG.review).toEqual({ comments: true, max_comments: 25, event: 'COMMENT', min_confidence: 'medium' });
    expect(DEFAULT_CONFIG.report).toEqual({ min_confidence: 'low', show_dev: false });
    expect(DEFAULT_CONFIG.fail_min_confidence).toBe('medium');
  });

  it('reads every key', () => {
    const config = parseConfig(
      [
        'fail_on: medium',
        'fail_min_confidence: low',
        'report: { min_confidence: medium, show_dev: on }',
        'rules: { flask-run-debug: off, hardcoded-secret-key: low }',
        'paths: { include: ["src/**"], exclude: ["src/vendor/**"] }',
        'production_config: ["deploy/*.py"]',
        'settings: { session_lifetime_max_days: 7 }',
        'dependencies: { existing: annotate }',
        'review: { comments: off, max_comments: 5, event: REQUEST_CHANGES, min_confidence: high }',
        'annotations: { max: 100 }',
        'skip_drafts: true',
        'monitor: { advisories: on, issue: off, interval_hours: 6 }',
        'max_file_size_kb: 512',
      ].join('\n'),
      '.flaskguard.yml',
      RULES,
    );
    expect(config).toEqual({
      fail_on: 'medium',
      fail_min_confidence: 'low',
      report: { min_confidence: 'medium', show_dev: true },
      rules: { 'flask-run-debug': 'off', 'hardcoded-secret-key': 'low' },
      paths: { include: ['src/**'], exclude: ['src/vendor/**'] },
      production_config: ['deploy/*.py'],
      settings: { session_lifetime_max_days: 7 },
      dependencies: { existing: 'annotate' },
      review: { comments: false, max_comments: 5, event: 'REQUEST_CHANGES', min_confidence: 'high' },
      annotations: { max: 100 },
      skip_drafts: true,
      monitor: { advisories: true, issue: false, interval_hours: 6 },
      max_file_size_kb: 512,
    });
  });

  it('names the file, the key and what is allowed', () => {
    expect(error('fail_on: urgent')).toBe('Invalid FlaskGuard configuration in .flaskguard.yml: fail_on: got "urgent"; allowed: critical, high, medium, low, info, none.');
    expect(error('rules:\n  flask-run-debg: off')).toBe(
      'Invalid FlaskGuard configuration in .flaskguard.yml: rules.flask-run-debg: unknown rule id (did you mean flask-run-debug?); known rules: flask-run-debug, hardcoded-secret-key.',
    );
    expect(error('rules:\n  flask-run-debug: loud')).toBe(
      'Invalid FlaskGuard configuration in .flaskguard.yml: rules.flask-run-debug: got "loud"; allowed: off, critical, high, medium, low, info.',
    );
    expect(error('review:\n  max_coments: 3')).toBe(
      'Invalid FlaskGuard configuration in .flaskguard.yml: review.max_coments: unknown key; allowed keys here: comments, max_comments, event, min_confidence.',
    );
    expect(error('report: {min_confidence: sure}')).toBe(
      'Invalid FlaskGuard configuration in .flaskguard.yml: report.min_confidence: got "sure"; allowed: high, medium, low.',
    );
    expect(error('monitor: { interval_hours: 0 }')).toMatch(/^Invalid FlaskGuard configuration in \.flaskguard\.yml: monitor\.interval_hours: /);
    expect(error('monitor: { issues: off }')).toBe(
      'Invalid FlaskGuard configuration in .flaskguard.yml: monitor.issues: unknown key; allowed keys here: advisories, issue, interval_hours.',
    );
    expect(error('colour: red')).toContain('colour: unknown key; allowed keys here: fail_on, fail_min_confidence, report, rules, paths,');
    expect(error('paths: {include: "src"}')).toBe('Invalid FlaskGuard configuration in .flaskguard.yml: paths.include: got "src"; expected a list of glob patterns.');
    expect(error('review: {max_comments: 500}')).toBe('Invalid FlaskGuard configuration in .flaskguard.yml: review.max_comments: got 500; must be at most 100.');
  });

  it('parses YAML safely: no custom tags, no documents that are not mappings', () => {
    expect(error('fail_on: !!python/object/apply:os.system ["id"]')).toMatch(/^Invalid FlaskGuard configuration in \.flaskguard\.yml: not valid YAML \(/);
    expect(error('- a\n- b')).toBe('Invalid FlaskGuard configuration in .flaskguard.yml: must be a mapping of keys to values (for example `fail_on: high`).');
    expect(error('fail_on: high\nfail_on: low')).toMatch(/not valid YAML \(Map keys must be unique/);
  });

  it('turns whatever the YAML library throws into a configuration problem', () => {
    const aliases = `a: &a [x]\nrules:\n${Array.from({ length: 60 }, (_, i) => `  k${i}: *a`).join('\n')}\n`;
    expect(error(aliases)).toBe('Invalid FlaskGuard configuration in .flaskguard.yml: uses YAML aliases (*name) more than 50 times; write the values out instead.');
    expect(error(`paths: {exclude: ${'['.repeat(20_000)}${']'.repeat(20_000)}}`)).toMatch(
      /^Invalid FlaskGuard configuration in \.flaskguard\.yml: nested too deeply to read \(a configuration needs only a few levels\)( at line 1)?\.$/,
    );
  });

  it('bounds the file: its size, the entries of a list, the problems and unknown rule ids it spells out', () => {
    expect(error(`# ${'x'.repeat(70 * 1024)}\n`)).toBe('Invalid FlaskGuard configuration in .flaskguard.yml: is 71 KB; a configuration file may be at most 64 KB.');
    const globs = Array.from({ length: 1001 }, (_, i) => `g${i}`);
    expect(error(`paths: {exclude: [${globs.join(', ')}]}`)).toBe('Invalid FlaskGuard configuration in .flaskguard.yml: paths.exclude: has 1001 entries; at most 1000 allowed.');
    expect(parseConfig(`paths: {exclude: [${globs.slice(1).join(', ')}]}`, '.flaskguard.yml', RULES).paths.exclude).toHaveLength(1000);
    const empties = error(`production_config: [${Array.from({ length: 30 }, () => '""').join(', ')}]`);
    expect(empties.match(/production_config\.\d+: got ""; must be at least 1/g)).toHaveLength(20);
    expect(empties).toMatch(/; and 10 more problems\.$/);
    const unknown = error(`rules:\n${Array.from({ length: 25 }, (_, i) => `  no-rule-${i}: off`).join('\n')}\n  flask-run-debg: off\n`);
    expect(unknown).toBe(
      `Invalid FlaskGuard configuration in .flaskguard.yml: rules: unknown rule ids ${Array.from({ length: 20 }, (_, i) => `no-rule-${i}`).join(', ')}, and 6 more; known rules: flask-run-debug, hardcoded-secret-key.`,
    );
    expect(error('rules:\n  flask-run-debg: off\n  nope: low\n')).toBe(
      'Invalid FlaskGuard configuration in .flaskguard.yml: rules: unknown rule ids flask-run-debg (did you mean flask-run-debug?), nope; known rules: flask-run-debug, hardcoded-secret-key.',
    );
  });
});
