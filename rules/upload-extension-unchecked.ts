import { uploadSaves } from '../src/core/python/uploads.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { enclosingFunction } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

/** Names (in code, not comments) that show the handler or a helper it calls looks at the file's type before keeping it. */
const TYPE_CHECK =
  /\b(allowed_files?|allowed_extensions?|ALLOWED_\w*|\w*_EXTENSIONS|extension|extensions|splitext|rsplit|endswith|suffix|suffixes|mimetype|content_type|guess_type|imghdr|filetype|magic|FileAllowed|UploadSet)\b/gi;

export const uploadExtensionUnchecked: Rule = {
  meta: {
    id: 'upload-extension-unchecked',
    code: 'FG305',
    category: 'file-serving',
    severity: 'low',
    title: 'Upload saved under its own name without an extension allow-list',
    threats: [THREATS.informationDisclosureFiles, THREATS.xss],
    why:
      'An upload kept under the name the client gave it keeps its extension too. If the upload folder is served ' +
      'back (by Flask, nginx or a CDN), an `.html` or `.svg` file runs script in your origin, and `.php`, `.py` or ' +
      '`.cgi` files may be executed by a misconfigured server. The seed strategy recommends an extension ' +
      'allow-list where possible; Flask\'s upload pattern checks `ALLOWED_EXTENSIONS` before saving. Files saved ' +
      'under a name the application generates (a UUID without the client\'s extension) are not reported.',
    example: 'file = request.files["avatar"]\nfile.save(os.path.join(UPLOADS, secure_filename(file.filename)))',
    useInstead:
      'ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "gif"}\n\ndef allowed_file(name):\n    return "." in name and name.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS\n\nfile = request.files["avatar"]\nif not allowed_file(file.filename):\n    abort(400)\nfile.save(os.path.join(UPLOADS, secure_filename(file.filename)))',
    references: ['https://flask.palletsprojects.com/en/stable/patterns/fileuploads/'],
  },
  python(ctx) {
    const { module } = ctx;
    for (const { call, callee, upload, destination } of uploadSaves(module)) {
      // Only names that keep the client's file name (and so its extension) matter.
      if (!destination || !module.flow.origin(destination)) continue;
      const handlers = [enclosingFunction(call), enclosingFunction(upload.node)];
      if (handlers.some((fn) => fn && checksType(module, fn))) continue;
      ctx.report({
        node: callee,
        message: `The upload from ${upload.description} is saved under the client's file name with any extension: check the extension against an allow-list before saving.`,
      });
    }
  },
};

/** Does the function, or a function of this module it calls, look at the file's type? */
function checksType(module: PythonModule, fn: SyntaxNode): boolean {
  if (mentionsTypeCheck(module, fn)) return true;
  for (const match of module.search(/\b([A-Za-z_]\w*)\s*\(/g, fn)) {
    const name = module.codeAt(match.index, (match[1] as string).length);
    const resolved = name ? module.resolve(name) : null;
    const helper = resolved ? module.definitionOf(resolved) : undefined;
    if (helper && helper.node.id !== fn.id && mentionsTypeCheck(helper.module, helper.node)) return true;
  }
  return false;
}

function mentionsTypeCheck(module: PythonModule, fn: SyntaxNode): boolean {
  return module.search(TYPE_CHECK, fn).some((m) => module.codeAt(m.index, m[0].length) !== null);
}
