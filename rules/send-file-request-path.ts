import { findCalls } from '../src/core/python/calls.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { argument, unwrap } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const sendFileRequestPath: Rule = {
  meta: {
    id: 'send-file-request-path',
    code: 'FG301',
    category: 'file-serving',
    severity: 'critical',
    confidence: 'high',
    confidenceNote:
      'High: a request value reaches send_file(); silent after `secure_filename`, `safe_join` or a containment check.',
    title: 'send_file() with a path the client controls',
    threats: [THREATS.directoryTraversal, THREATS.informationDisclosureFiles],
    why:
      '`send_file()` serves whatever path it is given. A path built from request data — a query argument, a form ' +
      'field, an uploaded file name or a `<path:...>` URL parameter — reaches any file the process can read with ' +
      '`../` segments, and `os.path.join(BASE, name)` drops BASE entirely when `name` is absolute. ' +
      '`send_from_directory()` joins the name to a fixed directory with `safe_join` and refuses anything that ' +
      'escapes it. A plain `<name>` URL parameter cannot contain a slash, so it is reported at low severity: it ' +
      'is one converter change (or a Windows backslash) away from the same bug.',
    example: '@app.route("/download")\ndef download():\n    return send_file(os.path.join(UPLOADS, request.args["name"]))',
    useInstead: '@app.route("/download")\ndef download():\n    return send_from_directory(UPLOADS, request.args["name"])',
    references: [
      'https://flask.palletsprojects.com/en/stable/api/#flask.send_from_directory',
      'https://owasp.org/www-community/attacks/Path_Traversal',
    ],
    cwe: [22, 73],
  },
  python(ctx) {
    const { module } = ctx;
    for (const call of findCalls(module, ['flask.send_file'])) {
      const path = argument(call, 'path_or_file', 0) ?? argument(call, 'filename_or_fp');
      if (!path || isFileObject(module, path)) continue;
      const source = module.flow.requestData(path, 'path');
      if (!source) continue;
      const limited = source.converter === 'string';
      ctx.report({
        node: path,
        severity: limited ? 'low' : undefined,
        message: limited
          ? `send_file() serves a path built from ${source.description}, which cannot contain "/" today; serve it with send_from_directory(DIRECTORY, name) so that a later <path:...> converter cannot reach other files.`
          : `send_file() serves a path built from ${source.description}: "../" segments${joins(path) ? ' (or an absolute name, which os.path.join lets replace the base directory)' : ''} reach any readable file. Use send_from_directory(DIRECTORY, name).`,
      });
    }
  },
};

function joins(node: SyntaxNode): boolean {
  return /\bjoin\s*\(/.test(node.text);
}

/** `send_file(request.files["f"])`, `send_file(upload.stream)`, `send_file(form.photo.data)`: a file object is not a path. */
function isFileObject(module: PythonModule, node: SyntaxNode): boolean {
  const expr = unwrap(node);
  let value: SyntaxNode | null = expr;
  if (expr.type === 'identifier') {
    const binding = module.bindingAt(expr.text, expr);
    value = binding?.kind === 'assign' ? binding.value : null;
  }
  if (!value) return false;
  if (/\.stream$/.test(value.text) || /^(flask\.)?request\.files(\[[^\]]*\]|\.get\([^)]*\))$/.test(value.text.replace(/\s+/g, ''))) return true;
  return /\.data$/.test(value.text) && module.flow.origin(value)?.form?.field?.data === 'upload';
}
