/** The dependencies audit: what the CLI and the App use from src/deps. */
export { auditDependencies, type AuditOptions, type DependencyAudit } from './audit.js';
export { affects, advisoryIds, type Advisory, type AdvisoryAnswer, type AdvisorySource, type AffectedVersions } from './advisory.js';
export { SnapshotAdvisorySource, SNAPSHOT_PATH } from './snapshot.js';
export { loadSnapshot, type SnapshotData } from './snapshot-file.js';
export { dependencyFileType, isDependencyFile, collectDeclarations, MAX_INCLUDE_DEPTH, type DependencyFileType } from './dependency-files.js';
export { missingDependencyFiles } from './missing.js';
export { rateAdvisory, cvssBaseScore, severityOfScore } from './severity.js';
export { normalizePackageName } from './names.js';
