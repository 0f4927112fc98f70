/**
 * The advisory snapshot bundled with FlaskGuard (data/advisories/), as an AdvisorySource: the
 * CLI's default, and the App's fallback when the GitHub Advisory Database does not answer.
 * It is read when first asked, and its checking and indexing code (zod, CVSS) is imported then,
 * so that a run without dependency files never loads them.
 */
import { readFileSync } from 'node:fs';
import type { AdvisoryAnswer, AdvisorySource } from './advisory.js';
import { affects } from './advisory.js';
import { normalizePackageName } from './names.js';
import { projectFile } from './project-root.js';
import type { SnapshotData } from './snapshot-file.js';
import type { SnapshotIndex } from './snapshot-index.js';

export const SNAPSHOT_PATH = 'data/advisories/pypi-advisories.json';

export class SnapshotAdvisorySource implements AdvisorySource {
  private raw?: { generated?: unknown };
  private loaded?: Promise<SnapshotData>;
  private index?: Promise<SnapshotIndex>;

  /** The snapshot's data, or the file that holds it. */
  constructor(private readonly source: SnapshotData | { file: string }) {}

  static bundled(): SnapshotAdvisorySource {
    return new SnapshotAdvisorySource({ file: projectFile(SNAPSHOT_PATH) });
  }

  get name(): string {
    const generated = 'file' in this.source ? this.rawFile(this.source.file).generated : this.source.generated;
    return `FlaskGuard's bundled advisory snapshot (${String(generated)})`;
  }

  /** The snapshot's data, checked. */
  load(): Promise<SnapshotData> {
    const { source } = this;
    this.loaded ??= 'file' in source ? import('./snapshot-file.js').then(({ checkSnapshot }) => checkSnapshot(this.rawFile(source.file), source.file)) : Promise.resolve(source);
    return this.loaded;
  }

  private rawFile(file: string): { generated?: unknown } {
    this.raw ??= JSON.parse(readFileSync(file, 'utf8')) as { generated?: unknown };
    return this.raw;
  }

  private async current(pkg: string) {
    this.index ??= Promise.all([this.load(), import('./snapshot-index.js')]).then(([data, { indexSnapshot }]) => indexSnapshot(data));
    return ((await this.index).get(normalizePackageName(pkg)) ?? []).filter((e) => !e.withdrawn).map((e) => e.advisory);
  }

  async affecting(pkg: string, version: string): Promise<AdvisoryAnswer> {
    return { advisories: (await this.current(pkg)).filter((a) => affects(a, version)), source: this.name };
  }

  async ofPackage(pkg: string): Promise<AdvisoryAnswer> {
    return { advisories: await this.current(pkg), source: this.name };
  }
}
