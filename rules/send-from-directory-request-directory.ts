import { findCalls } from '../src/core/python/calls.js';
import { argument } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const sendFromDirectoryRequestDirectory: Rule = {
  meta: {
    id: 'send-from-directory-request-directory',
    code: 'FG302',
    category: 'file-serving',
    severity: 'critical',
    confidence: 'high',
    confidenceNote:
      'High: a request value chooses the base directory; the file-name argument is safe by design.',
    title: 'send_from_directory() with a base directory the client controls',
    threats: [THREATS.directoryTraversal, THREATS.informationDisclosureFiles],
    why:
      '`send_from_directory(directory, path)` protects only the second argument: it keeps `path` inside ' +
      '`directory`. When the directory itself comes from request data, the client picks the root — `/etc`, the ' +
      "application's own source tree — and the check protects nothing. The seed strategy: never let the user " +
      'control the base path. A plain `<name>` URL parameter cannot contain a slash but can still be `..`, one ' +
      'level above the intended root, so it is reported at medium severity.',
    example: '@app.route("/files/<path:folder>/<name>")\ndef files(folder, name):\n    return send_from_directory(folder, name)',
    useInstead:
      'FOLDERS = {"docs": "/srv/app/docs", "media": "/srv/app/media"}\n\n@app.route("/files/<any(docs, media):folder>/<name>")\ndef files(folder, name):\n    return send_from_directory(FOLDERS[folder], name)',
    references: [
      'https://flask.palletsprojects.com/en/stable/api/#flask.send_from_directory',
      'https://owasp.org/www-community/attacks/Path_Traversal',
    ],
    cwe: [22, 73],
  },
  python(ctx) {
    const { module } = ctx;
    for (const call of findCalls(module, ['flask.send_from_directory'])) {
      const directory = argument(call, 'directory', 0);
      const source = module.flow.requestData(directory, 'path');
      if (!directory || !source) continue;
      const limited = source.converter === 'string';
      ctx.report({
        node: directory,
        severity: limited ? 'medium' : undefined,
        message: limited
          ? `The directory send_from_directory() serves from is built from ${source.description}: ".." moves the root one level up. Pick the directory from a fixed mapping.`
          : `The directory send_from_directory() serves from is built from ${source.description}: the client chooses the root, so the file-name check protects nothing. Pick the directory from a fixed mapping.`,
      });
    }
  },
};
