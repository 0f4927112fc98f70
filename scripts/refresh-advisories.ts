/**
 * npm run advisories:refresh -- <OSV file or directory>... [--output FILE] [--generated DATE] [--all-packages]
 *
 * Rebuilds the bundled advisory snapshot (data/advisories/pypi-advisories.json) from OSV data:
 * JSON or YAML files, each one OSV record, a list of records, or a snapshot-like file with an
 * `advisories` list; directories are read recursively. Zip exports must be unpacked first.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildSnapshot, inSnapshotScope, recordsOf, serializeSnapshot } from '../src/deps/osv-import.js';
import type { AdvisoryRecord } from '../src/deps/osv.js';
import { projectFile } from '../src/deps/project-root.js';
import { SNAPSHOT_PATH } from '../src/deps/snapshot.js';

interface Options {
  inputs: string[];
  output?: string;
  generated?: string;
  allPackages: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { inputs: [], allPackages: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--output' || arg === '--generated') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a value`);
      if (arg === '--output') options.output = value;
      else options.generated = value;
    } else if (arg === '--all-packages') options.allPackages = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.inputs.push(arg);
  }
  if (options.inputs.length === 0) throw new Error('name at least one OSV file or directory');
  return options;
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(path, entry.name)) : /\.(json|ya?ml)$/i.test(entry.name) ? [join(path, entry.name)] : []));
}

function readDocument(file: string): unknown {
  const content = readFileSync(file, 'utf8');
  return /\.ya?ml$/i.test(extname(file)) ? parseYaml(content, { schema: 'core', maxAliasCount: 50 }) : JSON.parse(content);
}

function main(argv: string[]): number {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`advisories:refresh: ${(error as Error).message}`);
    console.error('usage: npm run advisories:refresh -- <OSV file or directory>... [--output FILE] [--generated YYYY-MM-DD] [--all-packages]');
    return 2;
  }
  const wanted = options.allPackages ? () => true : inSnapshotScope;
  const records: AdvisoryRecord[] = [];
  let meta: { generated?: string; source?: string } = {};
  let skipped = 0;
  for (const input of options.inputs) {
    for (const file of filesUnder(input)) {
      let document: unknown;
      try {
        document = readDocument(file);
      } catch (error) {
        console.error(`skipped ${file}: ${(error as Error).message}`);
        skipped++;
        continue;
      }
      const found = recordsOf(document, file, wanted);
      records.push(...found.records);
      for (const reason of found.skipped) console.error(`skipped ${reason}`);
      skipped += found.skipped.length;
      const head = document as { generated?: unknown; source?: unknown };
      if (typeof head?.generated === 'string' && typeof head.source === 'string') meta = { generated: head.generated, source: head.source };
    }
  }
  const source = meta.source ?? `OSV records from ${options.inputs.map((i) => basename(i)).join(', ')}`;
  const snapshot = buildSnapshot(records, { generated: options.generated ?? meta.generated, source });
  const output = options.output ?? projectFile(SNAPSHOT_PATH);
  writeFileSync(output, serializeSnapshot(snapshot));
  const withdrawn = snapshot.advisories.filter((a) => a.withdrawn).length;
  console.log(`wrote ${output}: ${snapshot.count} advisories (${withdrawn} withdrawn) for ${new Set(snapshot.advisories.map((a) => a.package)).size} packages, data of ${snapshot.generated}; ${skipped} skipped`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
