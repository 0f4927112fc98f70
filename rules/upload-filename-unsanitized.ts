import { uploadSaves } from '../src/core/python/uploads.js';
import { importedName } from '../src/core/python/calls.js';
import type { PythonModule } from '../src/core/python/module.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

const SECURE_FILENAME = 'werkzeug.utils.secure_filename';

export const uploadFilenameUnsanitized: Rule = {
  meta: {
    id: 'upload-filename-unsanitized',
    code: 'FG304',
    category: 'file-serving',
    severity: 'critical',
    confidence: 'high',
    confidenceNote:
      'High: the client-chosen file name reaches the save path; silent after `secure_filename`.',
    title: 'Uploaded file saved under a path the client controls',
    threats: [THREATS.directoryTraversal, THREATS.informationDisclosureFiles],
    why:
      "`FileStorage.filename` is exactly what the client sent in the multipart header; Werkzeug does not clean it. " +
      '`file.save(os.path.join(UPLOADS, file.filename))` with a name like `../../app/templates/base.html` ' +
      "overwrites files outside the upload folder — the application's templates or code — and an absolute name " +
      'makes `os.path.join` drop UPLOADS altogether. `secure_filename()` reduces the name to safe characters.',
    example: 'file = request.files["doc"]\nfile.save(os.path.join(UPLOADS, file.filename))',
    useInstead: 'file = request.files["doc"]\nfile.save(os.path.join(UPLOADS, secure_filename(file.filename)))',
    references: [
      'https://flask.palletsprojects.com/en/stable/patterns/fileuploads/',
      'https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.utils.secure_filename',
    ],
    cwe: [22, 73],
  },
  python(ctx) {
    const { module } = ctx;
    for (const { destination } of uploadSaves(module)) {
      const source = module.flow.requestData(destination, 'path');
      if (!destination || !source) continue;
      const limited = source.converter === 'string';
      const filename = uploadFilenameIn(module, destination);
      const secure = filename ? importedName(module, SECURE_FILENAME, filename) : null;
      const origin = filename ? `${filename.text}, the name the client sent` : source.description;
      ctx.report({
        node: filename ?? destination,
        severity: limited ? 'low' : undefined,
        message: limited
          ? `The upload is saved at a path built from ${origin}, which cannot contain "/" today but can be "..". Clean it with secure_filename().`
          : `The upload is saved at a path built from ${origin}: a name with "../" (or an absolute name) writes outside the upload folder. Clean it with secure_filename().`,
        fix: filename && secure ? `${secure}(${filename.text})` : undefined,
      });
    }
  },
};

/** The receiver is an uploaded FileStorage (from `request.files` or a form's file field, directly or through variables, loops and helpers). */
function isUpload(module: PythonModule, receiver: SyntaxNode | null): boolean {
  return module.flow.origin(receiver)?.upload === true;
}

/** The one `<upload>.filename` inside the destination that still carries request data, to wrap in secure_filename(). */
function uploadFilenameIn(module: PythonModule, destination: SyntaxNode): SyntaxNode | null {
  const found: SyntaxNode[] = [];
  for (const match of module.search(/\.filename\b/g, destination)) {
    const attribute = module.codeAt(match.index + 1, 8)?.parent;
    if (attribute?.type === 'attribute' && isUpload(module, attribute.childForFieldName('object')) && module.flow.requestData(attribute, 'path'))
      found.push(attribute);
  }
  return found.length === 1 ? (found[0] as SyntaxNode) : null;
}
