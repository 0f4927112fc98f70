/** Metadata only: detected by src/deps (auditDependencies), which sees every dependency file at once. */
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const undeclaredFlaskDependency: Rule = {
  meta: {
    id: 'undeclared-flask-dependency',
    code: 'FG603',
    category: 'dependencies',
    severity: 'low',
    confidence: 'medium',
    confidenceNote:
      'Medium: the requirement may be declared in a file FlaskGuard did not read (a parent project, an image).',
    title: 'Flask or Werkzeug imported but not listed in any dependency file',
    threats: [THREATS.knownVulnerabilities],
    why:
      'Code imports `flask` or `werkzeug`, but no requirements file, pyproject.toml, Pipfile or lock file lists it. ' +
      'Its version is then whatever the environment happens to have (Werkzeug arrives through Flask\'s own loose ' +
      'requirement), and no dependency scanner can check it. The seed strategy: "Ensure that Flask and Werkzeug are ' +
      'explicitly listed."',
    example: '# app.py\nfrom werkzeug.utils import secure_filename\n\n# requirements.txt\nFlask==3.1.3',
    useInstead: '# requirements.txt\nFlask==3.1.3\nWerkzeug==3.1.4',
    references: ['https://flask.palletsprojects.com/en/stable/installation/#dependencies', 'https://pip.pypa.io/en/stable/reference/requirements-file-format/'],
    cwe: [1395],
  },
};
