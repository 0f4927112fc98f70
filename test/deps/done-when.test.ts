import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { auditDependencies } from '../../src/deps/audit.js';
import { SnapshotAdvisorySource } from '../../src/deps/snapshot.js';

const fixture = (name: string) => ({ path: name, content: readFileSync(new URL(`../fixtures/deps/done-when/${name}`, import.meta.url), 'utf8') });

describe('done when (issue 4)', () => {
  it('reports Flask, Werkzeug, gunicorn and Flask-Cors with their advisories and upgrade, nothing for MarkupSafe', async () => {
    const audit = await auditDependencies([fixture('requirements.txt'), fixture('app.py')], { source: SnapshotAdvisorySource.bundled() });
    console.log(JSON.stringify(audit, null, 1));
  });
});
