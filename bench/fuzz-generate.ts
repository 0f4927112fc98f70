/**
 * The fuzz harness's inputs: projects of generated and mutated files — Python, Jinja templates,
 * dependency files (requirements, constraints, pyproject, Pipfile, uv.lock, poetry.lock,
 * Pipfile.lock), deployment files (Dockerfile, compose, Procfile, .env, shell) and hostile
 * `.flaskguard.yml` files — seeded from the repository's own fixtures. Everything comes from one
 * seeded generator, so a seed and a project number give the same bytes on every machine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

/** mulberry32: small, fast, and the same sequence everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** The seed of one project of a run: runs with the same seed give the same projects. */
export function projectSeed(seed: number, project: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ project, 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

export interface GeneratedFile {
  path: string;
  content: Buffer;
}

type Kind = 'python' | 'template' | 'requirements' | 'pyproject' | 'pipfile' | 'uv' | 'poetry' | 'pipfile-lock' | 'deploy' | 'config';

export interface Seed {
  /** The fixture's file name, which decides how deployment files are read. */
  name: string;
  text: string;
}

export type Seeds = Map<Kind, Seed[]>;

/** The repository's fixtures, by kind: real shapes to mutate. */
export function loadSeeds(repository: string): Seeds {
  const seeds: Seeds = new Map();
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  for (const path of walk(join(repository, 'test/fixtures'))) {
    if (relative(repository, path).includes('realcode')) continue;
    const kind = seedKind(path);
    if (kind) seeds.set(kind, [...(seeds.get(kind) ?? []), { name: basename(path), text: readFileSync(path, 'utf8') }]);
  }
  return seeds;
}

function seedKind(path: string): Kind | undefined {
  if (path.endsWith('.py')) return 'python';
  if (/\.html?$/.test(path)) return 'template';
  if (/requirements.*\.txt$|constraints.*\.txt$/.test(path)) return 'requirements';
  if (path.endsWith('pyproject.toml')) return 'pyproject';
  if (path.endsWith('Pipfile')) return 'pipfile';
  if (path.endsWith('uv.lock')) return 'uv';
  if (path.endsWith('poetry.lock')) return 'poetry';
  if (path.endsWith('Pipfile.lock')) return 'pipfile-lock';
  if (/Dockerfile|Procfile|\.ya?ml$|\.sh$|\.env/.test(path)) return 'deploy';
  return undefined;
}

const PACKAGES = ['flask', 'Flask', 'werkzeug', 'jinja2', 'itsdangerous', 'flask-cors', 'Flask_WTF', 'flask-talisman', 'requests', 'django', 'pkg.with.dots', 'a', '123', 'é-pkg', ''];
const SPECIFIERS = ['==0.12', '==2.0.1', '==1.0.0', '>=1.0', '<2', '~=2.2', '!=2.0.0,>=1', '===weird', '==1.*', '>=', '==', '@ https://example.org/x.whl', '[extra]==1.0', ' ; python_version < "3.8"', '==1.0 --hash=sha256:abc', '', '*', '^1.2', '~1', '==2.0.1+local'];

const PYTHON_SNIPPETS = [
  'from flask import Flask, request, redirect, send_file, send_from_directory, render_template_string, Markup, session, make_response',
  'app = Flask(__name__)',
  'app.config["SECRET_KEY"] = "dev"',
  'app.secret_key = os.urandom(24)',
  'app.config.update(SESSION_COOKIE_SECURE=False, SESSION_COOKIE_HTTPONLY=False, SESSION_COOKIE_SAMESITE=None)',
  'app.run(debug=True)',
  'app.run(host="0.0.0.0", debug=os.environ.get("DEBUG", True))',
  '@app.route("/r")\ndef r():\n    return redirect(request.args.get("next"))',
  '@app.route("/f")\ndef f():\n    return send_file(request.args["p"])',
  '@app.route("/d/<path:p>")\ndef d(p):\n    return send_from_directory(request.args.get("dir"), p)',
  '@app.route("/t")\ndef t():\n    return render_template_string(request.form["t"])',
  '@app.route("/m")\ndef m():\n    return Markup("<b>%s</b>" % request.args.get("n"))',
  '@app.route("/h")\ndef h():\n    return "<p>" + request.args.get("q", "") + "</p>"',
  'CORS(app, origins="*", supports_credentials=True)',
  'csrf = CSRFProtect(app)\n@csrf.exempt\n@app.route("/pay", methods=["POST"])\ndef pay():\n    return "ok"',
  'app.config["WTF_CSRF_ENABLED"] = False',
  'Talisman(app, content_security_policy=None, force_https=False)',
  'from werkzeug.debug import DebuggedApplication\napp.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)',
  'resp = make_response("x")\nresp.set_cookie("sid", session.get("id"))',
  'PERMANENT_SESSION_LIFETIME = timedelta(days=3650)',
  'def f(x):\n    if x:\n        for i in range(10):\n            while True:\n                try:\n                    pass\n                except Exception:\n                    raise',
  'class Config:\n    DEBUG = True\n    SECRET_KEY = "changeme"',
  'lambda: (yield)',
  'async def a():\n    await b()',
  'x = f"{request.args!r:>{width}}"',
  '# flaskguard: ignore',
  '# flaskguard: ignore[flask-run-debug, ]',
];

const TEMPLATE_SNIPPETS = [
  '{{ name|safe }}',
  '{{ request.args.q|safe }}',
  '{% autoescape false %}{{ body }}{% endautoescape %}',
  '{% autoescape False %}',
  '{{ x|e|safe }}',
  '{% if a %}{% for i in items %}{{ i|safe }}{% endfor %}{% endif %}',
  '{% extends "base.html" %}{% block content %}{% endblock %}',
  '{# flaskguard: ignore #}',
  '{# flaskguard: ignore[jinja-safe-filter] #}',
  '{% raw %}{{ not_a_var|safe }}{% endraw %}',
  '<script>var x = {{ data|tojson|safe }};</script>',
  '{{ ',
  '{% ',
  '{#',
  '}}',
  '<p>text</p>',
];

const DEPLOY_TEMPLATES: ((r: Random) => [string, string])[] = [
  (r) => ['Dockerfile', ['FROM python:3.12', `ENV FLASK_DEBUG=${r.pick(['1', '0', 'true', '"1"', '$X'])}`, 'COPY . .', r.pick(['CMD flask run --debug --host 0.0.0.0', 'CMD ["flask", "run", "--debug"]', 'CMD ["gunicorn", "app:app"]', 'ENTRYPOINT python app.py', 'RUN \\\n  pip install -r requirements.txt \\'])].join('\n')],
  (r) => ['docker-compose.yml', ['services:', '  web:', '    build: .', '    environment:', `      - FLASK_DEBUG=${r.pick(['1', '0'])}`, `      FLASK_ENV: ${r.pick(['development', 'production'])}`, '    command: flask run --debug', 'x-common: &common', '  FLASK_DEBUG: 1', 'other:', '  <<: *common'].join('\n')],
  (r) => ['Procfile', r.pick(['web: flask run --debug', 'web: gunicorn app:app', 'web: python app.py --debug', 'release: ./manage.py migrate\nweb: FLASK_DEBUG=1 flask run'])],
  (r) => ['.env', `FLASK_DEBUG=${r.pick(['1', '0'])}\nSECRET_KEY=${r.pick(['changeme', 'a'.repeat(64), '"quoted"', ''])}\nexport FLASK_ENV=development`],
  (r) => ['run.sh', `#!/bin/sh\nexport FLASK_DEBUG=${r.pick(['1', '0'])}\nflask run ${r.pick(['--debug', '--reload', ''])} "$@"`],
  (r) => ['k8s/deploy.yaml', `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: FLASK_DEBUG\n              value: "${r.pick(['1', '0'])}"`],
];

const CONFIGS: ((r: Random) => string)[] = [
  (r) => `fail_on: ${r.pick(['high', 'none', 'bogus', '7', '[]'])}\n`,
  (r) => `rules:\n  ${r.pick(['flask-run-debug', 'no-such-rule', 'jinja-safe-filter'])}: ${r.pick(['off', 'low', 'critical', 'maybe', '{}'])}\n`,
  (r) => `paths:\n  exclude: [${Array.from({ length: r.int(50) }, (_, i) => `"x${i}/**"`).join(', ')}]\n`,
  (r) => `max_file_size_kb: ${r.pick(['1', '0', '-5', '2048', '"big"', '1e9'])}\n`,
  () => `a: &a [1, 2]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n`,
  (r) => `${'- '.repeat(1 + r.int(2000))}x\n`,
  (r) => `${'['.repeat(1 + r.int(5000))}\n`,
  () => 'settings: {session_lifetime_max_days: -1}\nreport: {min_confidence: sure}\n',
  () => '\u0000\u00ff\u00fe',
  () => 'fail_on: high\nfail_on: low\n',
  () => `${Array.from({ length: 60 }, (_, i) => `k${i}: &k${i} v`).join('\n')}\nall: [${Array.from({ length: 60 }, (_, i) => `*k${i}`).join(', ')}]\n`,
];

const TOKENS = ['"""', "'''", '{%', '{{', '}}', '%}', '\\\n', '[[package]]', '\n[project]\n', '-r ', '-c ', '&a ', '*a', '<<: *a', '\0', '\uFFFD', '\r\n', '\t', '(', ')', '[', ']', '{', '}', '#', '"', "'", '=', ':', ',', '\u202e', '😀'];

/** One generated file of a kind, before mutation. */
function fresh(kind: Exclude<Kind, 'deploy'>, r: Random, seeds: Seeds): string {
  const seeded = seeds.get(kind);
  if (seeded && r.chance(0.35)) return r.pick(seeded).text;
  const lines = (n: number, make: () => string) => Array.from({ length: n }, make).join('\n');
  const requirement = () => `${r.pick(PACKAGES)}${r.pick(SPECIFIERS)}`;
  switch (kind) {
    case 'python':
      return lines(1 + r.int(40), () => r.pick(PYTHON_SNIPPETS));
    case 'template':
      return lines(1 + r.int(30), () => lines(1 + r.int(4), () => r.pick(TEMPLATE_SNIPPETS)).replace(/\n/g, r.chance(0.5) ? '' : '\n'));
    case 'requirements':
      return lines(1 + r.int(60), () => r.pick([requirement(), requirement(), `-r ${r.pick(['base.txt', 'requirements.txt', '../outside.txt', '/etc/hosts', 'missing.txt', 'requirements/dev.txt', '.', 'https://x/y.txt'])}`, '-c constraints.txt', `-e ${r.pick(['.', 'git+https://x/y#egg=z'])}`, '--require-hashes', `${requirement()} \\`, '# comment', '--index-url https://x', '']));
    case 'pyproject':
      return [
        '[project]',
        'name = "app"',
        `dependencies = [${lines(r.int(30), () => JSON.stringify(requirement())).replace(/\n/g, ', ')}]`,
        '[project.optional-dependencies]',
        `dev = [${r.pick(["'pytest'", '"flask==0.12"', '{include-group = "x"}'])}]`,
        '[tool.poetry.dependencies]',
        lines(r.int(20), () => `${r.pick(PACKAGES) || 'x'} = ${r.pick(['"^2.0"', '"*"', '{version = "==1.0", optional = true}', '{git = "https://x"}', '["1", "2"]', '3'])}`),
      ].join('\n');
    case 'pipfile':
      return ['[packages]', lines(r.int(30), () => `${r.pick(PACKAGES) || '"quoted"'} = ${r.pick(['"*"', '"==0.12"', "'>=1'", '{version = "==1.0"}', '{git = "https://x", ref = "y"}', '"latest"'])}`), '[dev-packages]', 'pytest = "*"'].join('\n');
    case 'uv':
    case 'poetry':
      return [kind === 'uv' ? 'version = 1' : '', lines(r.int(30), () => `[[package]]\nname = "${r.pick(PACKAGES)}"\n${r.chance(0.9) ? `version = "${r.pick(['0.12', '2.0.1', '1.0', 'x.y', ''])}"\n` : ''}source = ${r.pick(['{ registry = "https://pypi.org/simple" }', '{ editable = "." }', '{ git = "https://x" }', '"weird"'])}\n`)].join('\n');
    case 'pipfile-lock':
      return JSON.stringify({ _meta: { hash: {} }, default: Object.fromEntries(Array.from({ length: r.int(30) }, () => [r.pick(PACKAGES), r.pick([{ version: r.pick(['==0.12', '==2.0.1', '1.0']) }, { git: 'https://x' }, null, 7, { version: 3 }])])), develop: r.pick([{}, [], null, 'x']) }, null, r.pick([0, 2, 4]));
    case 'config':
      return r.pick(CONFIGS)(r);
  }
}

/** Byte- and token-level damage: flips, insertions, deletions, duplications, huge lines, deep nesting. */
export function mutate(text: string, r: Random): Buffer {
  let out = text;
  const rounds = r.int(4);
  for (let i = 0; i < rounds; i++) {
    const at = r.int(out.length + 1);
    switch (r.int(9)) {
      case 0:
        out = out.slice(0, at) + r.pick(TOKENS) + out.slice(at);
        break;
      case 1:
        out = out.slice(0, at) + out.slice(at + r.int(40));
        break;
      case 2: {
        const piece = out.slice(at, at + 1 + r.int(200));
        out = out.slice(0, at) + piece.repeat(2 + r.int(r.chance(0.1) ? 2000 : 20)) + out.slice(at);
        break;
      }
      case 3:
        out = out.slice(0, at);
        break;
      case 4:
        out = out.replace(/\n/g, r.chance(0.5) ? ' ' : ';');
        break;
      case 5: {
        const [open, close] = r.pick([['(', ')'], ['[', ']'], ['{', '}'], ['{% if x %}', '{% endif %}'], ['if x:\n' + ' ', '']]) as [string, string];
        const depth = 1 + r.int(r.chance(0.2) ? 3000 : 100);
        out = out.slice(0, at) + open.repeat(depth) + 'x' + close.repeat(depth) + out.slice(at);
        break;
      }
      case 6:
        out = out.replace(/\n/g, '\r\n');
        break;
      case 7:
        out = out + '\n' + out;
        break;
      default:
        break;
    }
  }
  const bytes = Buffer.from(out, 'utf8');
  // Raw bytes: invalid UTF-8, NULs, a binary header.
  if (r.chance(0.15)) for (let i = 0; i < 1 + r.int(8) && bytes.length > 0; i++) bytes[r.int(bytes.length)] = r.int(256);
  if (r.chance(0.02)) return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), bytes]);
  return bytes;
}

const PATHS: Record<Exclude<Kind, 'deploy' | 'config'>, (r: Random, i: number) => string> = {
  python: (r, i) => r.pick([`app_${i}.py`, `pkg/views_${i}.py`, `tests/test_${i}.py`, `docs/example_${i}.py`, `pkg/__init__.py`, `config_${i}.py`, `settings/production_${i}.py`]),
  template: (r, i) => r.pick([`templates/page_${i}.html`, `pkg/templates/part_${i}.jinja2`, `templates/mail_${i}.txt`, `t_${i}.j2`]),
  requirements: (r, i) => r.pick(['requirements.txt', `requirements-${i}.txt`, `requirements/dev_${i}.txt`, 'constraints.txt', 'base.txt', `requirements-${i}.in`]),
  pyproject: (r, i) => r.pick(['pyproject.toml', `sub_${i}/pyproject.toml`]),
  pipfile: (r, i) => r.pick(['Pipfile', `svc_${i}/Pipfile`]),
  uv: (r, i) => r.pick(['uv.lock', `svc_${i}/uv.lock`]),
  poetry: (r, i) => r.pick(['poetry.lock', `svc_${i}/poetry.lock`]),
  'pipfile-lock': (r, i) => r.pick(['Pipfile.lock', `svc_${i}/Pipfile.lock`]),
};

const MIX: Kind[] = ['python', 'python', 'python', 'python', 'template', 'template', 'requirements', 'requirements', 'pyproject', 'pipfile', 'uv', 'poetry', 'pipfile-lock', 'deploy', 'deploy'];

/** One project: `count` files (one `.flaskguard.yml` in some projects), paths unique, mutated about half the time. */
export function generateProject(seed: number, count: number, seeds: Seeds): GeneratedFile[] {
  const r = new Random(seed);
  const files = new Map<string, Buffer>();
  if (r.chance(0.25)) files.set('.flaskguard.yml', r.chance(0.5) ? mutate(fresh('config', r, seeds), r) : Buffer.from(fresh('config', r, seeds)));
  for (let i = 0; files.size < count && i < count * 4; i++) {
    const kind = r.pick(MIX);
    let path: string;
    let text: string;
    if (kind === 'deploy') {
      const seeded = seeds.get('deploy');
      const seed = seeded && r.chance(0.35) ? r.pick(seeded) : undefined;
      [path, text] = seed ? [seed.name, seed.text] : r.pick(DEPLOY_TEMPLATES)(r);
      if (r.chance(0.3)) path = `deploy_${i}/${path}`;
    } else if (kind === 'config') {
      continue;
    } else {
      path = PATHS[kind](r, i);
      text = fresh(kind, r, seeds);
    }
    if (files.has(path)) continue;
    files.set(path, r.chance(0.5) ? mutate(text, r) : Buffer.from(text));
  }
  return [...files].map(([path, content]) => ({ path, content }));
}
