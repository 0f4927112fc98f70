/** What kind of file a repository path is, and how its bytes become text. */

/** `package`: packaging metadata that tells a library from an application (see package-metadata.ts). */
export type FileKind = 'python' | 'template' | 'deploy' | 'requirements' | 'package';

export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  content: string | Uint8Array;
}

const TEMPLATE_EXTENSIONS = /\.(jinja2?|j2)$/i;
const HTML_IN_TEMPLATES = /(^|\/)templates\/.*\.(html?|xml|txt)$/i;
/** HTML anywhere else: a template when the project says so or its text is Jinja (see template-files.ts). */
const HTML_ELSEWHERE = /\.(html?|xhtml)$/i;
const REQUIREMENTS =
  /(^|\/)((requirements|constraints)[^/]*\.(txt|in)|requirements\/[^/]+\.(txt|in)|pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|uv\.lock)$/i;
const DOCKERFILE = /(^|\/)(Dockerfile|Containerfile)([.-][^/]*)?$|\.dockerfile$/i;
const SHELL = /\.(sh|bash)$/i;
const YAML = /\.ya?ml$/i;
const PROCFILE = /(^|\/)Procfile([.-][^/]*)?$/;
/** Committed dotenv files; examples and templates are documentation, not configuration. */
const DOTENV = /(^|\/)(\.env(\.[\w-]+)?|\.flaskenv)$/;
const PACKAGE_METADATA = /^(PKG-INFO|METADATA|setup\.cfg|[^/]+\.(?:egg|dist)-info\/(?:PKG-INFO|METADATA))$/;
const DOTENV_EXAMPLE = /(^|\/)\.env\.(example|sample|template|dist|defaults?)$/i;

export function fileKind(path: string): FileKind | null {
  if (path.endsWith('.py')) return 'python';
  if (PACKAGE_METADATA.test(path)) return 'package';
  if (REQUIREMENTS.test(path)) return 'requirements';
  if (isTemplateByPath(path) || HTML_ELSEWHERE.test(path)) return 'template';
  if (DOTENV.test(path)) return DOTENV_EXAMPLE.test(path) ? null : 'deploy';
  if (DOCKERFILE.test(path) || SHELL.test(path) || YAML.test(path) || PROCFILE.test(path)) return 'deploy';
  return null;
}

/** A template by its path alone: `.jinja`/`.j2` files, and HTML, XML and text files in a `templates/` folder. */
export function isTemplateByPath(path: string): boolean {
  return TEMPLATE_EXTENSIONS.test(path) || HTML_IN_TEMPLATES.test(path);
}

export type DecodedSource =
  | { ok: true; text: string; note?: string }
  | { ok: false; reason: string };

const BINARY_PROBE_BYTES = 8000;

/** Text of a file: binary files are refused, invalid UTF-8 is decoded best-effort with a note. */
export function decodeSource(content: string | Uint8Array): DecodedSource {
  if (typeof content === 'string') return { ok: true, text: stripBom(content) };
  const probe = content.subarray(0, BINARY_PROBE_BYTES);
  if (probe.includes(0)) return { ok: false, reason: 'binary file' };
  try {
    return { ok: true, text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(content)) };
  } catch {
    return {
      ok: true,
      text: stripBom(new TextDecoder('utf-8').decode(content)),
      note: 'not valid UTF-8: analyzed with the undecodable bytes replaced',
    };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}
