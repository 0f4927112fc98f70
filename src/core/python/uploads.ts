/**
 * `FileStorage.save(...)` calls on files the client uploaded: from `request.files` or a Flask-WTF
 * file field (`form.photo.data`), directly or through variables, loops and helpers.
 */
import type { RequestSource } from './flow.js';
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { argument } from './syntax.js';

export interface UploadSave {
  call: SyntaxNode;
  /** `upload.save`, the attribute being called. */
  callee: SyntaxNode;
  /** Where the saved file came from in the request. */
  upload: RequestSource;
  /** The `dst` argument (the path), when given. */
  destination: SyntaxNode | null;
}

export function uploadSaves(module: PythonModule): UploadSave[] {
  const saves: UploadSave[] = [];
  for (const match of module.search(/\.save\s*\(/g)) {
    const callee = module.codeAt(match.index + 1, 4)?.parent;
    const call = callee?.parent;
    if (callee?.type !== 'attribute' || call?.type !== 'call') continue;
    const upload = module.flow.origin(callee.childForFieldName('object'));
    if (!upload?.upload) continue;
    saves.push({ call, callee, upload, destination: argument(call, 'dst', 0) });
  }
  return saves;
}
