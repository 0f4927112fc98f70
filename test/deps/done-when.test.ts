/** The "done when": the four vulnerable pins are reported with advisories and upgrades; MarkupSafe is not. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { auditDependencies } from '../../src/deps/audit.js';
import { SnapshotAdvisorySource } from '../../src/deps/snapshot.js';

const fixture = (name: string) => ({ path: name, content: readFileSync(new URL(`../fixtures/deps/done-when/${name}`, import.meta.url), 'utf8') });

describe('done when (issue 4)', () => {
  it('reports Flask, Werkzeug, gunicorn and Flask-Cors with their advisories and upgrade, nothing for MarkupSafe', async () => {
    const audit = await auditDependencies([fixture('requirements.txt'), fixture('app.py')], { source: SnapshotAdvisorySource.bundled() });
    expect(audit.findings.map((f) => [f.ruleId, f.startLine, f.severity, f.fix])).toEqual([
      ['vulnerable-dependency', 1, 'medium', 'Flask==3.1.3'],
      ['vulnerable-dependency', 2, 'high', 'Werkzeug==3.1.9'],
      ['vulnerable-dependency', 3, 'high', 'gunicorn==22.0.0'],
      ['vulnerable-dependency', 4, 'high', 'Flask-Cors==6.0.0'],
    ]);
    const [flask, werkzeug, gunicorn, cors] = audit.findings.map((f) => f.message);
    expect(flask).toContain('upgrade Flask 2.0.1 → 3.1.3');
    expect(flask).toMatch(/PYSEC-2023-62 \(CVE-2023-30861, GHSA-m2qf-hxjv-5gpq\)/);
    expect(werkzeug).toContain('upgrade Werkzeug 2.1.0 → 3.1.9');
    for (const id of ['PYSEC-2022-203', 'PYSEC-2023-57', 'PYSEC-2023-58', 'PYSEC-2023-221', 'GHSA-2g68-c3qc-8985', 'GHSA-q34m-jh98-gwm2', 'GHSA-f9vj-2wh5-fj8j'])
      expect(werkzeug).toContain(id);
    expect(gunicorn).toContain('upgrade gunicorn 21.2.0 → 22.0.0');
    expect(gunicorn).toMatch(/GHSA-w3h3-4rj7-4ph4 \(CVE-2024-1135, PYSEC-2026-1434\), high \(CVSS 8\.2\): Request smuggling/);
    expect(cors).toContain('upgrade Flask-Cors 3.0.9 → 6.0.0');
    expect(audit.findings.some((f) => f.message.toLowerCase().includes('markupsafe'))).toBe(false);
    expect(audit.findings.every((f) => f.category === 'dependencies')).toBe(true);
    expect(audit.requirementFiles).toEqual(['requirements.txt']);
    expect(audit.advisorySource).toBe("FlaskGuard's bundled advisory snapshot (2026-11-29)");
  });
});
