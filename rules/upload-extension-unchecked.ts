import type { RequestSource } from '../src/core/python/flow.js';
import { hasFileAllowed, inlineValidator, isValidatedAt } from '../src/core/python/forms.js';
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
    confidence: 'low',
    confidenceNote:
      'Low (audit): many uploads are fine without an allow-list; it matters when the files are served back from this origin.',
    title: 'Upload saved under its own name without an extension allow-list',
    threats: [THREATS.informationDisclosureFiles, THREATS.xss],
    why:
      'An upload kept under the name the client gave it keeps its extension too. If the upload folder is served ' +
      'back (by Flask, nginx or a CDN), an `.html` or `.svg` file runs script in your origin, and `.php`, `.py` or ' +
      '`.cgi` files may be executed by a misconfigured server. The seed strategy recommends an extension ' +
      'allow-list where possible; Flask\'s upload pattern checks `ALLOWED_EXTENSIONS` before saving, and a ' +
      'Flask-WTF `FileField` gets one from `FileAllowed([...])` — which runs only when the form is validated ' +
      '(`form.validate_on_submit()`). Files saved under a name the application generates (a UUID without the ' +
      'client\'s extension) are not reported.',
    example: 'file = request.files["avatar"]\nfile.save(os.path.join(UPLOADS, secure_filename(file.filename)))',
    useInstead:
      'ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "gif"}\n\ndef allowed_file(name):\n    return "." in name and name.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS\n\nfile = request.files["avatar"]\nif not allowed_file(file.filename):\n    abort(400)\nfile.save(os.path.join(UPLOADS, secure_filename(file.filename)))',
    references: ['https://flask.palletsprojects.com/en/stable/patterns/fileuploads/'],
    cwe: [434],
  },
  python(ctx) {
    const { module } = ctx;
    for (const { call, callee, upload, destination } of uploadSaves(module)) {
      // Only names that keep the client's file name (and so its extension) matter.
      if (!destination || !module.flow.origin(destination)) continue;
      const form = formCheck(upload, call);
      if (form === 'checked' || form === 'not visible') continue;
      if (form === 'not validated') {
        const variable = upload.form?.instance.variable ?? 'form';
        ctx.report({
          node: callee,
          message: `The extension allow-list of ${variable}.${upload.form?.field?.name} runs only when the form is validated, and this upload is saved without ${variable}.validate_on_submit(): save it only when the form validates.`,
        });
        continue;
      }
      const handlers = [enclosingFunction(call), enclosingFunction(upload.node)];
      if (handlers.some((fn) => fn && checksType(module, fn))) continue;
      ctx.report({
        node: callee,
        message: upload.form
          ? `The upload from ${upload.description} is saved under the client's file name with any extension: give the field an allow-list, FileAllowed([...]), and save only when the form validates.`
          : `The upload from ${upload.description} is saved under the client's file name with any extension: check the extension against an allow-list before saving.`,
      });
    }
  },
};

/**
 * For an upload read from a Flask-WTF file field: `checked` when the field has an extension
 * allow-list (FileAllowed, or an inline `validate_<field>` that looks at the type) and the form is
 * validated before the save; `not validated` when it has one that never runs; `not visible` when the
 * form class is outside the analysis; `none` otherwise (and for request.files).
 */
function formCheck(upload: RequestSource, call: SyntaxNode): 'checked' | 'not validated' | 'not visible' | 'none' {
  const field = upload.form?.field;
  if (!upload.form || !field) return 'none';
  if (field.data === 'unknown') return 'not visible';
  const validator = inlineValidator(field);
  if (!hasFileAllowed(field) && !(validator && mentionsTypeCheck(validator.module, validator.node))) return 'none';
  const { variable } = upload.form.instance;
  return isValidatedAt(variable, call) || isValidatedAt(variable, upload.node) ? 'checked' : 'not validated';
}

/** Does the function, or a function of this module it calls, look at the file's type? */
function checksType(module: PythonModule, fn: SyntaxNode): boolean {
  if (mentionsTypeCheck(module, fn)) return true;
  for (const match of module.search(/\b([A-Za-z_]\w*)\s*\(/g, fn)) {
    const name = module.codeAt(match.index, (match[1] as string).length);
    const resolved = name ? module.resolve(name) : null;
    const helper = resolved ? module.definitionOf(resolved) : undefined;
    // Functions only: a form class that mentions FileAllowed checks only its own fields, and only when validated.
    if (helper?.node.type === 'function_definition' && helper.node.id !== fn.id && mentionsTypeCheck(helper.module, helper.node)) return true;
  }
  return false;
}

function mentionsTypeCheck(module: PythonModule, fn: SyntaxNode): boolean {
  return module.search(TYPE_CHECK, fn).some((m) => module.codeAt(m.index, m[0].length) !== null);
}
