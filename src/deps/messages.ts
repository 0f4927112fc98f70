/** The text of dependency findings. */
import type { Advisory } from './advisory.js';
import { advisoryIds } from './advisory.js';
import type { Declaration } from './declaration.js';
import { severityRank } from '../core/types.js';

/** Advisories worst first, then by id. */
export function byWorst(advisories: readonly Advisory[]): Advisory[] {
  return [...advisories].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
}

function advisoryLine(advisory: Advisory): string {
  const [id, ...aliases] = advisoryIds(advisory);
  const also = aliases.length > 0 ? ` (${aliases.join(', ')})` : '';
  return `- ${id}${also}, ${advisory.severity} (${advisory.rating}): ${advisory.summary}`;
}

export function vulnerablePinMessage(declaration: Declaration, version: string, advisories: readonly Advisory[], upgrade: string | undefined): string {
  const count = advisories.length === 1 ? '1 known advisory' : `${advisories.length} known advisories`;
  let action: string;
  if (upgrade) {
    action = `upgrade ${declaration.name} ${version} → ${upgrade}`;
    if (declaration.pin?.notFixable) action += ` (${declaration.pin.notFixable})`;
  } else {
    const them = advisories.length === 1 ? 'it' : 'all of them';
    action = `no release is known to clear ${them} yet: follow the advisories (workarounds, or a release newer than this data)`;
  }
  return [`${declaration.name} ${version} has ${count}; ${action}.`, ...byWorst(advisories).map(advisoryLine)].join('\n');
}

/** The other files of the project that state the same pin, which change with the one reported. */
export function alsoPinnedMessage(others: readonly Declaration[]): string {
  return `The same pin is in ${others.map((o) => `${o.file}:${o.range.startLine}`).join(', ')}: update ${others.length === 1 ? 'it' : 'them'} with this one (or regenerate ${others.length === 1 ? 'it' : 'them'}).`;
}

export function libraryLockMessage(lock: Declaration, published: Declaration): string {
  return `This is the development lock file of the package this repository publishes, whose requirement \`${published.text}\` (${published.file}:${published.range.startLine}) lets its users install a fixed ${lock.name}: only the project's own development environment runs this version.`;
}

export function unpinnedMessage(declaration: Declaration, admitted: readonly Advisory[], suggestion: string | undefined): string {
  const ids = byWorst(admitted).map((a) => a.id);
  const listed = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
  const what =
    declaration.specifiers.every((s) => s === '')
      ? `\`${declaration.text}\` names no version, so any ${declaration.name} release can be installed, including ones with known advisories (${listed})`
      : `\`${declaration.text}\` admits ${declaration.name} versions with known advisories (${listed})`;
  const pin = suggestion ? ` (for example \`==${suggestion}\`)` : '';
  return `${what}; pin it${pin}, so the audited version is the deployed one.`;
}

export function undeclaredMessage(importer: string, name: string, suggestion: string | undefined): string {
  const pin = suggestion ? ` (for example \`${name}==${suggestion}\`)` : '';
  return `${importer} imports ${name.toLowerCase()}, but no dependency file lists ${name}: list it explicitly with a pinned version${pin}, so it is updated and audited.`;
}
