/**
 * Which HTML files are Jinja templates the project renders. Files in a `templates/` folder and
 * `.jinja`/`.j2` files always are; any other `.html` file is when it lies in a folder the
 * project's Python gives Flask or Jinja as a template folder (a blueprint's `template_folder`,
 * a `FileSystemLoader` or `PackageLoader` search path), or when its text uses Jinja statements.
 * Other `.html` files (static pages, Angular or Vue templates) are left alone: their `{{ }}` is
 * not Jinja's.
 */
import { decodeSource, isTemplateByPath, type SourceFile } from './files.js';

const FOLDER_SETTINGS = [
  /\btemplate_folder\s*=\s*["']([^"']+)["']/g,
  /\bFileSystemLoader\s*\(\s*\[?\s*["']([^"']+)["']/g,
  /\bPackageLoader\s*\(\s*["'][^"']*["']\s*,\s*["']([^"']+)["']/g,
];
/** Jinja's statements (Django's look alike, but Django projects are no Flask projects). */
const JINJA_SYNTAX = /\{%[-+]?\s*(extends|block|if|for|macro|include|import|from|set|with|autoescape|filter|call|trans)\b|\{\{[^}]*\burl_for\s*\(/;

/** The folders (as path segments, `views` or `admin/pages`) the project's Python names as template folders. */
export function templateFolders(files: readonly SourceFile[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    if (!file.path.endsWith('.py') || !mentionsFolders(file.content)) continue;
    const decoded = decodeSource(file.content);
    if (!decoded.ok || !/template_folder|Loader\s*\(/.test(decoded.text)) continue;
    for (const pattern of FOLDER_SETTINGS) {
      for (const match of decoded.text.matchAll(pattern)) {
        const folder = (match[1] as string).replace(/^\.?\//, '').replace(/\/+$/, '');
        if (folder && !folder.startsWith('..') && !folder.startsWith('/')) folders.add(folder);
      }
    }
  }
  return [...folders];
}

/** A cheap look at the bytes before decoding: most modules name no template folder. */
function mentionsFolders(content: string | Uint8Array): boolean {
  const raw = typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return raw.includes('template_folder') || raw.includes('Loader');
}

export function isRenderedTemplate(path: string, text: string, folders: readonly string[]): boolean {
  if (isTemplateByPath(path)) return true;
  if (folders.some((folder) => path.startsWith(`${folder}/`) || path.includes(`/${folder}/`))) return true;
  return JINJA_SYNTAX.test(text);
}
