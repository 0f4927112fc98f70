import type { Category, Threat } from './types.js';

/**
 * The threats of each mitigation strategy in mitigations.md, with the severities it gives.
 * Categories that are Flask neighbours rather than seed strategies (open-redirect, cors)
 * carry FlaskGuard's own rating; csrf reuses the seed's CSRF threat.
 */
export const THREATS = {
  informationDisclosureDebug: { name: 'Information Disclosure', severity: 'Critical' },
  remoteCodeExecution: { name: 'Remote Code Execution', severity: 'Critical' },
  debuggerDos: { name: 'Denial of Service', severity: 'Medium' },
  sessionHijackingKey: { name: 'Session Hijacking', severity: 'Critical' },
  csrfKey: { name: 'Cross-Site Request Forgery (CSRF)', severity: 'High' },
  dataTampering: { name: 'Data Tampering', severity: 'High' },
  directoryTraversal: { name: 'Directory Traversal', severity: 'Critical' },
  informationDisclosureFiles: { name: 'Information Disclosure', severity: 'High' },
  xss: { name: 'Cross-Site Scripting (XSS)', severity: 'High' },
  // Neighbour of the template strategy: request data compiled as a Jinja template runs code on the server.
  templateInjection: { name: 'Server-Side Template Injection (code execution)', severity: 'Critical' },
  sessionDataExposure: { name: 'Session Data Exposure', severity: 'Medium' },
  sessionHijacking: { name: 'Session Hijacking', severity: 'High' },
  csrfSession: { name: 'Cross-Site Request Forgery (CSRF)', severity: 'High' },
  knownVulnerabilities: { name: 'Exploitation of Known Vulnerabilities', severity: 'Critical' },
  phishingRedirect: { name: 'Phishing through an open redirect', severity: 'Medium' },
  crossOriginDataTheft: { name: 'Cross-origin reading of authenticated responses', severity: 'High' },
  // Without credentials a page of another site reads what the server answers anyone who can reach it.
  crossOriginReading: { name: 'Cross-origin reading of responses (network position, IP allow-lists)', severity: 'Medium' },
} as const satisfies Record<string, Threat>;

/** Which seed strategy (by its heading in mitigations.md) a category comes from, if any. */
export const SEED_STRATEGY: Partial<Record<Category, string>> = {
  'debug-mode': 'Disable Debug Mode in Production',
  'secret-key': 'Secure Secret Key Management',
  'file-serving': 'Safe File Handling with send_from_directory',
  'template-rendering': 'Secure Template Rendering',
  'session-cookies': 'Server-Side Session Management',
  dependencies: 'Keep Flask and Werkzeug Updated',
};
