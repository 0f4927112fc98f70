/** Scans one real project with every rule, as `flaskguard scan` would with the default config. */
import { RULES } from '../../rules/index.js';
import { analyze } from '../../src/core/analyze.js';
import { decodeSource } from '../../src/core/files.js';
import type { Finding } from '../../src/core/types.js';
import { projectFiles } from './assemble.js';
import type { RealProject } from './packages.js';

export interface ProjectScan {
  project: RealProject;
  files: number;
  lines: number;
  findings: Finding[];
  withheld: Finding[];
  /** The trimmed text of a finding's first line. */
  code(finding: Finding): string;
}

export function scanProject(project: RealProject): ProjectScan {
  const files = projectFiles(project);
  const result = analyze(files, { rules: RULES });
  const texts = new Map(files.map((f) => [f.path, decodeSource(f.content)]));
  return {
    project,
    files: result.filesAnalyzed,
    lines: result.linesAnalyzed,
    findings: result.findings,
    withheld: result.withheld,
    code: (finding) => {
      const decoded = texts.get(finding.file);
      return decoded?.ok ? (decoded.text.split('\n')[finding.startLine - 1] ?? '').trim() : '';
    },
  };
}
