/**
 * Is the repository a Flask library — Flask itself, Werkzeug, or an extension — rather than an
 * application? Read from the packaging metadata at the root: `pyproject.toml`, `setup.cfg`,
 * `setup.py`, or an installed package's `PKG-INFO`/`METADATA`. A library's own source is not a
 * deployment: its findings are reported at low confidence.
 */
import { parse } from 'smol-toml';
import { fileKind } from './files.js';

export interface PackageIdentity {
  name: string;
  summary: string;
}

/** Flask's naming convention for extensions (`Flask-Login`, `flask_dance`) and the core packages. */
const LIBRARY_NAME = /^(flask|werkzeug|flask-.+|.+-flask)$/;
/** "A Flask extension …", "… for Flask applications", "… to your Flask application", "… from your flask project". */
const LIBRARY_SUMMARY = /\bflask extension\b|\bextension for flask\b|\b(?:for|to|into|from) (?:your )?flask (?:applications?|apps?|projects?)\b/i;

export function isPackageMetadataPath(path: string): boolean {
  return path === 'setup.py' || path === 'pyproject.toml' || fileKind(path) === 'package';
}

/** The package a metadata file describes, when it names one. */
export function packageIdentity(path: string, text: string): PackageIdentity | undefined {
  const file = path.slice(path.lastIndexOf('/') + 1);
  if (file === 'PKG-INFO' || file === 'METADATA') return fromFields(/^Name:[ \t]*(.+)$/m.exec(text)?.[1], /^Summary:[ \t]*(.+)$/m.exec(text)?.[1]);
  if (file === 'setup.cfg') return fromFields(/^name[ \t]*=[ \t]*(.+)$/m.exec(text)?.[1], /^description[ \t]*=[ \t]*(.+)$/m.exec(text)?.[1]);
  if (file === 'setup.py') return fromFields(/\bname\s*=\s*["']([^"']+)["']/.exec(text)?.[1], /\bdescription\s*=\s*["']([^"']+)["']/.exec(text)?.[1]);
  try {
    const toml = parse(text) as { project?: { name?: unknown; description?: unknown }; tool?: { poetry?: { name?: unknown; description?: unknown } } };
    const table = toml.project ?? toml.tool?.poetry;
    return fromFields(stringOrUndefined(table?.name), stringOrUndefined(table?.description));
  } catch {
    return undefined; // the dependency audit reports the syntax error
  }
}

export function isFlaskLibrary(identity: PackageIdentity): boolean {
  return LIBRARY_NAME.test(identity.name.toLowerCase().replace(/[-_.]+/g, '-')) || LIBRARY_SUMMARY.test(identity.summary);
}

function fromFields(name: string | undefined, summary: string | undefined): PackageIdentity | undefined {
  return name ? { name: name.trim(), summary: summary?.trim() ?? '' } : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
