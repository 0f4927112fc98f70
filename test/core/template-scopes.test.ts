import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/core/analyze.js';
import type { SourceFile } from '../../src/core/files.js';
import { RULES } from '../../rules/index.js';

const view = (folder: string, value: string): SourceFile => ({
  path: `${folder}/app.py`,
  content: ['from flask import Flask, render_template, request', 'app = Flask(__name__)', '', '@app.route("/")', 'def index():', `    return render_template("page.html", body=${value})`, ''].join('\n'),
});
const page = (path: string): SourceFile => ({ path, content: '<div>{{ body|safe }}</div>\n' });

/** The confidence of the |safe finding in each template. */
function safeFilterConfidence(files: SourceFile[]): Record<string, string> {
  const { findings } = analyze(files, { rules: RULES.filter((r) => r.meta.id === 'jinja-safe-filter') });
  return Object.fromEntries(findings.map((f) => [f.file, f.confidence]));
}

describe('the code that can give a template its values', () => {
  const shop = [view('shop', 'request.args.get("q")'), page('shop/templates/page.html')];
  const blog = [view('blog', 'load_body()'), page('blog/templates/page.html')];

  it('is its own application in a tree of applications: request data one gives a name is not another\'s', () => {
    expect(safeFilterConfidence([...shop, ...blog])).toEqual({ 'shop/templates/page.html': 'high', 'blog/templates/page.html': 'medium' });
  });

  it('is the whole input for a single project (a file at its root)', () => {
    expect(safeFilterConfidence([...shop, ...blog, { path: 'requirements.txt', content: 'flask\n' }])).toEqual({ 'shop/templates/page.html': 'high', 'blog/templates/page.html': 'high' });
  });

  it('is the whole input for a folder of templates its own modules do not render', () => {
    const theme = [page('theme/templates/page.html'), { path: 'theme/build.py', content: 'import shutil\n' }];
    expect(safeFilterConfidence([...shop, ...blog, ...theme])).toMatchObject({ 'theme/templates/page.html': 'high' });
  });

  it('is the whole input when only one folder holds templates it renders (an application and its scripts)', () => {
    const scripts = view('scripts', 'request.args.get("q")');
    expect(safeFilterConfidence([scripts, ...blog])).toEqual({ 'blog/templates/page.html': 'high' });
  });
});
