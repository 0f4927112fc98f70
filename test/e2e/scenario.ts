/**
 * The end-to-end tests' repository: a Flask app whose pull request hardcodes the secret key, starts
 * the debugger, and pins a Werkzeug with a known advisory (served by the simulator's advisory
 * table, so the App's live GitHub Advisory Database path answers).
 */
import type { AdvisoryTable } from '../simulator/index.js';

export const ADVISORIES: AdvisoryTable = [
  {
    ghsaId: 'GHSA-xg9f-g7g7-2323',
    cveId: 'CVE-2023-25577',
    summary: 'High resource usage when parsing multipart form data with many fields',
    severity: 'high',
    package: 'Werkzeug',
    vulnerabilities: [{ vulnerableVersionRange: '< 2.2.3', firstPatchedVersion: '2.2.3' }],
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
  },
];

const APP_BASE = [
  'import os',
  '',
  'from flask import Flask',
  '',
  'app = Flask(__name__)',
  'app.secret_key = os.environ["SECRET_KEY"]',
  '',
  '',
  '@app.route("/")',
  'def index():',
  '    return "shop"',
  '',
].join('\n');

export const BASE_FILES = {
  'app.py': APP_BASE,
  'requirements.txt': 'flask==3.1.3\nwerkzeug==3.1.9\n',
};

export const APP_HEAD = `${APP_BASE.replace('os.environ["SECRET_KEY"]', '"changeme"')}\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n`;

/** The pull request: three findings, on app.py lines 6 and 15 and requirements.txt line 2. */
export const HEAD_CHANGES = {
  files: {
    'app.py': APP_HEAD,
    'requirements.txt': 'flask==3.1.3\nwerkzeug==2.2.2\n',
  },
};

/** A later push that takes the suggestion for the debugger. */
export const DEBUG_FIX = { files: { 'app.py': APP_HEAD.replace('debug=True', 'debug=False') } };
