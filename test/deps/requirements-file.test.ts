import { describe, expect, it } from '@jest/globals';
import { logicalLines } from '../../src/deps/logical-lines.js';
import { parseRequirementsFile } from '../../src/deps/requirements-file.js';

const parse = (text: string) => parseRequirementsFile('requirements.txt', text, 'requirements');

describe('logical lines', () => {
  it('joins continuations, drops comments and blank lines, and maps characters back to the file', () => {
    const text = 'flask==2.0.1 \\\n    --hash=sha256:abc\n\n# comment\nwerkzeug  # why\nurl#egg=x\n';
    const lines = logicalLines(text);
    expect(lines.map((l) => [l.line, l.text])).toEqual([
      [1, 'flask==2.0.1     --hash=sha256:abc'],
      [5, 'werkzeug'],
      [6, 'url#egg=x'],
    ]);
    const first = lines[0] as (typeof lines)[number];
    expect(text[first.offsets[first.text.indexOf('--hash')] as number]).toBe('-');
    expect(text.slice(0, first.offsets[first.text.length])).toBe('flask==2.0.1 \\\n    --hash=sha256:abc');
  });

  it('a comment line ends a continuation (as in pip)', () => {
    expect(logicalLines('flask \\\n# a comment\nwerkzeug\n').map((l) => l.text)).toEqual(['flask', 'werkzeug']);
  });

  it('handles CRLF files', () => {
    expect(logicalLines('flask==1.0\r\nwerkzeug\r\n').map((l) => l.text)).toEqual(['flask==1.0', 'werkzeug']);
  });
});

describe('requirements files', () => {
  it('reads names, specifiers, pins and positions', () => {
    const { declarations } = parse(
      [
        'Flask==2.0.1',
        'Werkzeug == 2.2.2  # comment',
        'flask-cors[test]>=3.0,<4 ; python_version >= "3.8"',
        'Jinja2 (>=2.0, ==2.11.3)',
        'gunicorn===21.2.0',
        'itsdangerous',
        'click~=8.0',
        'MarkupSafe==2.*',
        'Flask_Login!=0.6.0',
      ].join('\n'),
    );
    expect(declarations.map((d) => [d.name, d.package, d.specifiers, d.pin?.version, d.range.startLine, d.range.startColumn, d.range.endColumn])).toEqual([
      ['Flask', 'flask', ['==2.0.1'], '2.0.1', 1, 1, 13],
      ['Werkzeug', 'werkzeug', ['== 2.2.2'], '2.2.2', 2, 1, 18],
      ['flask-cors', 'flask-cors', ['>=3.0,<4'], undefined, 3, 1, 25],
      ['Jinja2', 'jinja2', ['>=2.0, ==2.11.3'], '2.11.3', 4, 1, 25],
      ['gunicorn', 'gunicorn', ['===21.2.0'], '21.2.0', 5, 1, 18],
      ['itsdangerous', 'itsdangerous', [''], undefined, 6, 1, 13],
      ['click', 'click', ['~=8.0'], undefined, 7, 1, 11],
      ['MarkupSafe', 'markupsafe', ['==2.*'], undefined, 8, 1, 16],
      ['Flask_Login', 'flask-login', ['!=0.6.0'], undefined, 9, 1, 19],
    ]);
    expect(declarations[1]?.pin).toMatchObject({ before: 'Werkzeug == ', after: '' });
    expect(declarations[3]?.pin).toMatchObject({ before: 'Jinja2 (>=2.0, ==', after: '' });
  });

  it('reads includes and constraints with every spelling', () => {
    const { includes, declarations } = parse('-r base.txt\n-rdev.txt\n--requirement=other.txt\n--requirement more.txt\n-c constraints.txt\n--constraint=c2.txt\n');
    expect(includes).toEqual([
      { kind: 'requirements', target: 'base.txt', line: 1 },
      { kind: 'requirements', target: 'dev.txt', line: 2 },
      { kind: 'requirements', target: 'other.txt', line: 3 },
      { kind: 'requirements', target: 'more.txt', line: 4 },
      { kind: 'constraints', target: 'constraints.txt', line: 5 },
      { kind: 'constraints', target: 'c2.txt', line: 6 },
    ]);
    expect(declarations).toEqual([]);
  });

  it('skips index options', () => {
    const text = '-i https://pypi.org/simple\n--index-url=https://x\n--extra-index-url https://y\n--no-index\n-f ./wheels\n--find-links=./w\n--pre\n--trusted-host h\n--prefer-binary\n--only-binary :all:\n--no-binary flask\n--use-feature=fast-deps\nflask\n';
    const { declarations, notes } = parse(text);
    expect(declarations.map((d) => d.name)).toEqual(['flask']);
    expect(notes).toEqual([]);
  });

  it('reads URL, VCS and editable requirements by their egg or PEP 508 name, with no version', () => {
    const { declarations } = parse(
      [
        'git+https://github.com/pallets/werkzeug.git@2.2.2#egg=werkzeug',
        'flask @ https://example.org/Flask-2.0.1-py3-none-any.whl ; python_version >= "3.8"',
        '-e git+https://github.com/lepture/flask-oauthlib.git#egg=Flask-OAuthlib',
        '--editable=./local#egg=mylib',
        'https://example.org/Flask_Cors-3.0.9.tar.gz#egg=Flask_Cors&subdirectory=x',
        './vendor/package',
        '-e .',
      ].join('\n'),
    );
    expect(declarations.map((d) => [d.package, d.url, d.specifiers, d.range.startLine])).toEqual([
      ['werkzeug', 'git+https://github.com/pallets/werkzeug.git@2.2.2#egg=werkzeug', [], 1],
      ['flask', 'https://example.org/Flask-2.0.1-py3-none-any.whl', [], 2],
      ['flask-oauthlib', 'git+https://github.com/lepture/flask-oauthlib.git#egg=Flask-OAuthlib', [], 3],
      ['mylib', './local#egg=mylib', [], 4],
      ['flask-cors', 'https://example.org/Flask_Cors-3.0.9.tar.gz#egg=Flask_Cors&subdirectory=x', [], 5],
    ]);
  });

  it('keeps a pin whose line continues, pointing at the physical line that declares it', () => {
    const text = 'gunicorn==21.2.0 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\nflask \\\n  ==2.0.1\n';
    const { declarations } = parse(text);
    expect(declarations.map((d) => [d.name, d.pin?.version, d.pin?.range, d.pin?.notFixable])).toEqual([
      ['gunicorn', '21.2.0', { startLine: 1, startColumn: 1, endLine: 1, endColumn: 17 }, 'its hashes must be regenerated with the new version'],
      // Name and version on two lines: the fix range is the version alone.
      ['flask', '2.0.1', { startLine: 5, startColumn: 5, endLine: 5, endColumn: 10 }, undefined],
    ]);
  });

  it('marks every pin of a --require-hashes file as not fixable in place', () => {
    const { declarations } = parse('--require-hashes\nflask==2.0.1\n');
    expect(declarations[0]?.pin?.notFixable).toBe('its hashes must be regenerated with the new version');
  });

  it('notes lines it cannot read, and keeps reading', () => {
    const { declarations, notes } = parse('flask==${FLASK_VERSION}\n$$$\nwerkzeug==2.2.2\nfoo bar\n');
    expect(declarations.map((d) => d.name)).toEqual(['werkzeug']);
    expect(notes).toEqual([
      { line: 1, note: '`==${FLASK_VERSION}` (flask) is not a PEP 440 version specifier; not audited' },
      { line: 2, note: '`$$$` is not a requirement pip understands; skipped' },
      { line: 4, note: '`foo bar` is not a requirement pip understands; skipped' },
    ]);
  });
});
