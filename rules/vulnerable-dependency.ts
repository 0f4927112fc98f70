/**
 * Metadata only: the detection needs every dependency file and asynchronous advisory lookups,
 * so it lives in src/deps (auditDependencies), which reports under this rule's id.
 */
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const vulnerableDependency: Rule = {
  meta: {
    id: 'vulnerable-dependency',
    code: 'FG601',
    category: 'dependencies',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: the pinned version is inside an advisory\'s affected range; low in a library\'s own development lock file (the repository publishes a package whose requirement admits a fixed release).',
    title: 'Pinned version with known security advisories',
    threats: [THREATS.knownVulnerabilities],
    why:
      'The pinned version of Flask, Werkzeug or another package of the Flask ecosystem has published advisories ' +
      '(CVE, GHSA, PYSEC): the fixes exist, and so do the descriptions attackers work from. The finding lists each ' +
      'advisory and the lowest version that clears all of them; its severity is the worst advisory\'s (from its CVSS ' +
      'vector, else GitHub\'s label; an unrated advisory counts as medium). The same pin in several files of a project (`pyproject.toml`, an ' +
      'exported `requirements.txt`, a lock file) is one finding, on the file a person edits, naming the others.',
    example: 'Werkzeug==2.2.2',
    useInstead: 'Werkzeug==3.0.6  # or later: the lowest version with none of the known advisories',
    references: [
      'https://flask.palletsprojects.com/en/stable/security/',
      'https://github.com/pypa/advisory-database',
      'https://github.com/advisories?query=ecosystem%3Apip',
      'https://pip.pypa.io/en/stable/topics/secure-installs/',
    ],
    cwe: [1395],
  },
};
