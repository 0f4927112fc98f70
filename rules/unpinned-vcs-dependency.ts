/** Metadata only: detected by src/deps (auditDependencies), like vulnerable-dependency. */
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const unpinnedVcsDependency: Rule = {
  meta: {
    id: 'unpinned-vcs-dependency',
    code: 'FG604',
    category: 'dependencies',
    severity: 'low',
    confidence: 'medium',
    confidenceNote:
      'Medium for a VCS requirement with no reference or a branch (`@main`, Poetry `branch =`); low for a tag, a short hash, or an archive URL without a hash; silent for a full commit hash, a `#sha256=` hash, local paths and lock files (which record the commit).',
    title: 'VCS or URL requirement not pinned to a commit',
    threats: [THREATS.knownVulnerabilities],
    why:
      'A requirement like `git+https://github.com/org/lib@master` (or with no `@ref` at all) installs whatever the ' +
      'branch holds on the day of the build: no advisory database can tell whether that tree is affected, two ' +
      'builds of the same commit of your app can ship different code, and a push to that branch — or a takeover of ' +
      'the repository — reaches production with the next deploy. A tag can be moved too. Pin the full commit hash ' +
      '(`@3f1c…` with 40 hex digits), or depend on a released version from the package index.',
    example: 'flask-extras @ git+https://github.com/example/flask-extras@main',
    useInstead: 'flask-extras @ git+https://github.com/example/flask-extras@6b0c3f2a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
    references: [
      'https://pip.pypa.io/en/stable/topics/vcs-support/',
      'https://pip.pypa.io/en/stable/topics/secure-installs/',
      'https://python-poetry.org/docs/dependency-specification/#git-dependencies',
    ],
    cwe: [1357, 829],
  },
};
