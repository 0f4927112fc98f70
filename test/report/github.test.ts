import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/core/types.js';
import { toGithubCommands } from '../../src/report/github.js';
import type { RunReport } from '../../src/report/model.js';
import { RULES } from '../../rules/index.js';
import { project, run } from '../cli/helpers.js';

/** `::name key=value,...::message` split back into its parts, unescaped as the runner does. */
function parse(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (text: string) => text.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const properties = Object.fromEntries((match[2] as string).split(',').map((pair) => pair.split('=') as [string, string]).map(([k, v]) => [k, unescape(v)]));
  return { command: match[1] as string, properties, message: unescape(match[3] as string) };
}

function report(findings: Finding[]): RunReport {
  return {
    findings,
    suppressed: [],
    withheld: [],
    existing: [],
    existingMode: 'summary',
    skipped: [{ path: 'big.py', note: 'larger than 2048 KB (max_file_size_kb)' }],
    notes: [],
    filesAnalyzed: 1,
    files: { analyzed: ['app.py'], audited: [] },
    rules: RULES.map((r) => r.meta),
    fingerprints: new Map(),
    lineText: () => '',
  };
}

describe('--format github', () => {
  it('writes one workflow command per finding, at its range, with the level of its severity', async () => {
    const root = project({
      'app.py': 'from flask import Flask\napp = Flask(__name__)\napp.secret_key = "dev"\napp.run(debug=True)\n',
      'Dockerfile': 'FROM python:3.12\nENV FLASK_DEBUG=1\n',
      'templates/page.html': '{{ body|safe }}\n',
    });
    const { code, stdout } = await run(['scan', root, '--format', 'github'], root);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    const commands = lines.filter((l) => l.startsWith('::')).map(parse);
    expect(commands.map((c) => [c.command, c.properties.file, c.properties.line, c.properties.col, c.properties.title])).toEqual([
      ['error', 'Dockerfile', '2', '5', 'FG103 debug-in-deployment (high)'],
      ['error', 'app.py', '3', '1', 'FG201 hardcoded-secret-key (critical)'],
      ['error', 'app.py', '4', '9', 'FG101 flask-run-debug (high)'],
      ['warning', 'templates/page.html', '1', '4', 'FG405 jinja-safe-filter (medium, medium confidence)'],
      ['notice', 'app.py', undefined, undefined, 'FlaskGuard note'],
    ]);
    const debug = commands[2];
    expect(debug?.properties).toMatchObject({ endLine: '4', endColumn: '19' });
    expect(debug?.message).toMatch(/\nFix: debug=False$/);
    expect(lines.at(-1)).toMatch(/^FlaskGuard: 4 findings \(1 critical, 2 high, 1 medium\) in 3 files/);
  });

  it('escapes what would end a property or the message, gives no columns to a multi-line range, and makes low confidence a notice', () => {
    const finding: Finding = {
      ruleId: 'flask-run-debug',
      category: 'debug-mode',
      severity: 'high',
      confidence: 'low',
      file: 'odd,dir/a:b.py',
      startLine: 2,
      startColumn: 3,
      endLine: 4,
      endColumn: 1,
      message: '100% sure\r\nsecond line',
    };
    const [line, skipped] = toGithubCommands(report([finding])).split('\n');
    expect(line).toBe('::notice file=odd%2Cdir/a%3Ab.py,line=2,endLine=4,title=FG101 flask-run-debug (high%2C low confidence)::100%25 sure%0D%0Asecond line');
    expect(parse(line as string).properties.file).toBe('odd,dir/a:b.py');
    expect(skipped).toBe('::notice file=big.py,title=FlaskGuard skipped this file::larger than 2048 KB (max_file_size_kb)');
  });
});
