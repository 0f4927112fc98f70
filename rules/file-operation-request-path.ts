import { findCalls } from '../src/core/python/calls.js';
import { isPathObject } from '../src/core/python/path-objects.js';
import { escapeRegExp, type PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { argument, callArguments, unwrap } from '../src/core/python/syntax.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

/** What a call does with its path arguments: the parameter names and positions, and the verb for each. */
interface Operation {
  paths: readonly { name: string; index: number; verb: string }[];
}

const DELETE = (name = 'path'): Operation => ({ paths: [{ name, index: 0, verb: 'deleted at' }] });
const MOVE: Operation = { paths: [{ name: 'src', index: 0, verb: 'moved from' }, { name: 'dst', index: 1, verb: 'moved to' }] };
const COPY: Operation = { paths: [{ name: 'src', index: 0, verb: 'copied from' }, { name: 'dst', index: 1, verb: 'copied to' }] };

const OPERATIONS: Record<string, Operation> = {
  'os.remove': DELETE(),
  'os.unlink': DELETE(),
  'os.rmdir': DELETE(),
  'os.removedirs': DELETE('name'),
  'shutil.rmtree': DELETE(),
  'os.rename': MOVE,
  'os.renames': { paths: [{ name: 'old', index: 0, verb: 'moved from' }, { name: 'new', index: 1, verb: 'moved to' }] },
  'os.replace': MOVE,
  'shutil.move': MOVE,
  'shutil.copy': COPY,
  'shutil.copy2': COPY,
  'shutil.copyfile': COPY,
  'shutil.copytree': COPY,
};
const TAR_OPENERS = ['tarfile.open', 'tarfile.TarFile', 'tarfile.TarFile.open'];
/** `tar.extractall(…)`, `tar.extract(…)`: member names from the archive decide where files go. */
const EXTRACT = /\.(extractall|extract)\s*\(/g;

/** pathlib methods: the receiver is the path; rename/replace also take the target. */
const PATH_METHODS = /\.(unlink|rmdir|rename|replace)\s*\(/g;

export const fileOperationRequestPath: Rule = {
  meta: {
    id: 'file-operation-request-path',
    code: 'FG306',
    category: 'file-serving',
    severity: 'critical',
    confidence: 'high',
    confidenceNote:
      'High: a request value (also from a Flask-RESTful/flask-restx parser, the request JSON or a GraphQL resolver\'s arguments) reaches the path; silent after `secure_filename`, `safe_join`, `os.path.basename` or a containment check, and for parser arguments converted to numbers or fixed choices.',
    title: 'File deleted, moved, copied or extracted at a path the client controls',
    threats: [THREATS.directoryTraversal, THREATS.informationDisclosureFiles],
    why:
      '`os.remove()`, `shutil.rmtree()`, `os.rename()`, `shutil.move()`, `shutil.copy()` and pathlib\'s ' +
      '`unlink()`/`rename()` act on whatever path they are given, and extracting a tar archive the client sent ' +
      'writes wherever its member names point (`tarfile` without `filter="data"`, `shutil.unpack_archive`). Built from request data, `../` segments or an ' +
      'absolute name let the client delete the application\'s files or its database, move them where they are ' +
      'served, or copy any file the process can read (configuration, keys) into a public folder. Clean the name ' +
      'with `werkzeug.utils.secure_filename`, join it with `werkzeug.utils.safe_join`, or resolve the path and ' +
      'check that it stays inside the allowed directory. A plain `<name>` URL parameter cannot contain a slash, ' +
      'so it is reported at low severity.',
    example: '@app.post("/files/delete")\ndef delete_file():\n    os.remove(os.path.join(UPLOADS, request.json["name"]))\n    return "", 204',
    useInstead:
      '@app.post("/files/delete")\ndef delete_file():\n    path = safe_join(UPLOADS, request.json["name"])\n    if path is None:\n        abort(404)\n    os.remove(path)\n    return "", 204',
    references: [
      'https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.utils.safe_join',
      'https://owasp.org/www-community/attacks/Path_Traversal',
    ],
    cwe: [22, 73],
  },
  python(ctx) {
    const { module } = ctx;
    for (const call of moduleFunctionCalls(module, Object.keys(OPERATIONS))) {
      const operation = OPERATIONS[module.callee(call) ?? ''];
      for (const path of operation?.paths ?? []) check(ctx, argument(call, path.name, path.index), path.verb);
    }
    // `.replace(` and `.rename(` are mostly string and dict methods: only modules that use pathlib are worth a look.
    const pathlib = /\bpathlib\b|\bPath\b/.test(module.text);
    for (const match of pathlib ? module.search(PATH_METHODS) : []) {
      const method = match[1] as string;
      const callee = module.codeAt(match.index + 1, method.length)?.parent;
      const call = callee?.parent;
      const receiver = callee?.childForFieldName('object') ?? null;
      if (callee?.type !== 'attribute' || call?.type !== 'call' || !isPathObject(module, receiver)) continue;
      const moves = method === 'rename' || method === 'replace';
      check(ctx, receiver, moves ? 'moved from' : 'deleted at');
      if (moves) check(ctx, argument(call, 'target', 0), 'moved to');
    }
    for (const call of findCalls(module, ['shutil.unpack_archive'])) checkArchive(ctx, call, argument(call, 'filename', 0));
    for (const match of module.text.includes('tarfile') ? module.search(EXTRACT) : []) {
      const callee = module.codeAt(match.index + 1, (match[1] as string).length)?.parent;
      const call = callee?.parent;
      if (callee?.type !== 'attribute' || call?.type !== 'call') continue;
      const opened = tarOpenedAt(module, callee.childForFieldName('object'));
      if (opened) checkArchive(ctx, call, opened);
    }
  },
};

/**
 * Calls of `os.remove`-like functions written as `os.remove(…)`, `shutil.move(…)` (or through an
 * alias of the module or the function): found in the text first, since their short names
 * (`remove`, `replace`, `copy`) are also the methods of lists, strings and dicts everywhere.
 */
function moduleFunctionCalls(module: PythonModule, qualified: readonly string[]): SyntaxNode[] {
  const modules = new Set(qualified.map((q) => q.slice(0, q.lastIndexOf('.'))));
  const prefixes = new Set(modules);
  const functions = new Set<string>();
  for (const alias of module.aliasesInText) {
    if (modules.has(alias.qualified)) prefixes.add(alias.local);
    if (qualified.includes(alias.qualified)) functions.add(alias.local);
  }
  const names = qualified.map((q) => q.slice(q.lastIndexOf('.') + 1));
  const alternatives = [`(?:${[...prefixes].map(escapeRegExp).join('|')})\\s*\\.\\s*(?:${names.join('|')})`, ...[...functions].map(escapeRegExp)];
  const pattern = new RegExp(`(?<![\\w.])(?:${alternatives.join('|')})\\s*\\(`);
  return pattern.test(module.text) ? findCalls(module, qualified) : [];
}

function check(ctx: PythonContext, path: SyntaxNode | null, verb: string): void {
  const source = ctx.module.flow.requestData(path, 'path');
  if (!path || !source) return;
  const limited = source.converter === 'string';
  ctx.report({
    node: path,
    severity: limited ? 'low' : undefined,
    message: limited
      ? `A file is ${verb} a path built from ${source.description}, which cannot contain "/" today but can be "..": clean it with secure_filename() or join it with safe_join().`
      : `A file is ${verb} a path built from ${source.description}: "../" segments or an absolute name reach any file the process can change. Clean it with secure_filename() or join it with safe_join().`,
  });
}

/**
 * A tar archive the client sent (uploaded, or at a path from the request), extracted without a
 * `filter=`: its member names (`../../app.py`, absolute paths, links) write anywhere. zipfile
 * strips such names itself; tarfile does only with `filter="data"` (Python 3.12+).
 */
function checkArchive(ctx: PythonContext, call: SyntaxNode, archive: SyntaxNode | null): void {
  if (callArguments(call).keywords.has('filter')) return;
  const source = archive ? ctx.module.flow.origin(archive) : null;
  if (!archive || !source) return;
  ctx.report({
    node: call.childForFieldName('function') ?? call,
    message: `An archive from ${source.description} is extracted without a filter: member names like "../../app.py", absolute paths and links write files anywhere the process can. Pass filter="data" (Python 3.12+), or check every member's resolved path first.`,
  });
}

/** The archive argument of the `tarfile.open(...)` the receiver was opened with (`tar = tarfile.open(fileobj=f)`, `with tarfile.open(p) as tar`). */
function tarOpenedAt(module: PythonModule, receiver: SyntaxNode | null): SyntaxNode | null {
  if (!receiver) return null;
  let opened: SyntaxNode | null = unwrap(receiver);
  if (opened.type === 'identifier') {
    const binding = module.bindingAt(opened.text, opened);
    if (binding?.kind !== 'assign') return null;
    const asPattern = binding.node.parent?.type === 'as_pattern_target' ? binding.node.parent.parent : null;
    opened = binding.value ?? asPattern?.namedChild(0) ?? null;
  }
  if (opened?.type !== 'call' || !module.isCallTo(opened, ...TAR_OPENERS)) return null;
  return argument(opened, 'fileobj') ?? argument(opened, 'name', 0);
}
