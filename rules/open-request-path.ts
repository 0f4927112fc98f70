import { findCalls } from '../src/core/python/calls.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { isPathObject } from '../src/core/python/path-objects.js';
import { argument, stringValue } from '../src/core/python/syntax.js';
import type { PythonContext, Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

const OPENERS = ['builtins.open', 'io.open', 'codecs.open'];
const PATH_METHODS = /\.(open|read_text|read_bytes|write_text|write_bytes)\s*\(/g;

export const openRequestPath: Rule = {
  meta: {
    id: 'open-request-path',
    code: 'FG303',
    category: 'file-serving',
    severity: 'critical',
    confidence: 'high',
    confidenceNote:
      'High: a request value reaches a file path; silent after `secure_filename`, `safe_join` or a containment check.',
    title: 'File opened at a path the client controls',
    threats: [THREATS.directoryTraversal, THREATS.informationDisclosureFiles],
    why:
      '`open()` (and `Path.read_text()`, `write_bytes()`…) on a path built from request data lets the client ' +
      'read or overwrite any file the process can reach, with `../` segments or an absolute name that ' +
      '`os.path.join` lets replace the base directory. Clean the name with `werkzeug.utils.secure_filename` or ' +
      '`os.path.basename`, join it with `werkzeug.utils.safe_join`, or resolve the path and check that it stays ' +
      'inside the allowed directory (`os.path.realpath(p).startswith(BASE + os.sep)`). A plain `<name>` URL ' +
      'parameter cannot contain a slash, so it is reported at low severity.',
    example: '@app.route("/notes")\ndef note():\n    with open(os.path.join(NOTES, request.args["name"])) as f:\n        return f.read()',
    useInstead:
      '@app.route("/notes")\ndef note():\n    path = safe_join(NOTES, request.args["name"])\n    if path is None:\n        abort(404)\n    with open(path) as f:\n        return escape(f.read())',
    references: [
      'https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.utils.safe_join',
      'https://owasp.org/www-community/attacks/Path_Traversal',
    ],
    cwe: [22, 73],
  },
  python(ctx) {
    const { module } = ctx;
    for (const call of findCalls(module, [...OPENERS, 'os.open'])) {
      // os.open(path, flags): a write when the flags say so.
      if (module.isCallTo(call, 'os.open')) {
        check(ctx, argument(call, 'path', 0), /\bO_(WRONLY|RDWR|CREAT|APPEND|TRUNC)\b/.test(argument(call, 'flags', 1)?.text ?? ''));
        continue;
      }
      const mode = stringValue(argument(call, 'mode', 1)) ?? 'r';
      check(ctx, argument(call, 'file', 0) ?? argument(call, 'filename', 0), /[wax+]/.test(mode));
    }
    for (const match of module.search(PATH_METHODS)) {
      const method = module.codeAt(match.index + 1, match[1]?.length ?? 0);
      const callee = method?.parent;
      const receiver = callee?.childForFieldName('object') ?? null;
      if (callee?.type !== 'attribute' || callee.parent?.type !== 'call' || !isPathObject(module, receiver)) continue;
      check(ctx, receiver, /^write/.test(match[1] as string) || /[wax+]/.test(stringValue(argument(callee.parent, 'mode', 0)) ?? 'r'));
    }
  },
};

function check(ctx: PythonContext, path: SyntaxNode | null, writes: boolean): void {
  const source = ctx.module.flow.requestData(path, 'path');
  if (!path || !source) return;
  const limited = source.converter === 'string';
  const verb = writes ? 'written' : 'read';
  ctx.report({
    node: path,
    severity: limited ? 'low' : undefined,
    message: limited
      ? `A file is ${verb} at a path built from ${source.description}, which cannot contain "/" today but can be "..": clean it with secure_filename() or join it with safe_join().`
      : `A file is ${verb} at a path built from ${source.description}: "../" segments or an absolute name reach any file the process can ${writes ? 'write' : 'read'}. Clean it with secure_filename() or join it with safe_join().`,
  });
}
