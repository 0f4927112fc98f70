/** Metadata only: detected by src/deps (auditDependencies), like vulnerable-dependency. */
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const unpinnedDependency: Rule = {
  meta: {
    id: 'unpinned-dependency',
    code: 'FG602',
    category: 'dependencies',
    severity: 'low',
    confidence: 'medium',
    confidenceNote:
      'Medium: the range admits vulnerable versions but an installer may pick a safe one; low in a library\'s own development lock file.',
    title: 'Version range that admits versions with known advisories',
    threats: [THREATS.knownVulnerabilities],
    why:
      'A range such as `flask>=1.0`, or a name with no version at all, lets an install pick a release with published ' +
      'advisories, and the version that is audited is not necessarily the one that is deployed. Pin the version (or ' +
      'pin it in a constraints or lock file), so that the audited version is the deployed one. Ranges that only admit ' +
      'versions without known advisories are not reported.',
    example: 'flask>=1.0',
    useInstead: 'flask==3.1.3',
    references: [
      'https://pip.pypa.io/en/stable/topics/repeatable-installs/',
      'https://pip.pypa.io/en/stable/user_guide/#constraints-files',
      'https://packaging.python.org/en/latest/specifications/version-specifiers/',
    ],
    cwe: [1395],
  },
};
