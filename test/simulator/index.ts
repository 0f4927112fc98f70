/** The GitHub simulator: tests, the demo and the benchmark import it from here. */
export { AppProcess, throwawayKeyPair, type AppProcessOptions, type KeyPair, type LogEntry, untilLogged } from './app-process.js';
export type { Fault, FaultRule } from './faults.js';
export type { CheckRunAnnotation, SimIssue, RecordedRequest, SimCheckRun, SimPullRequest, SimRepository, SimReview, SimReviewComment, SimReviewThread, Violation } from './model.js';
export type { AdvisoryRecord, AdvisoryTable } from './routes/advisories.js';
export { GitHubSimulator, type SimulatorOptions } from './simulator.js';
export type { PullRequestOptions, RepositoryOptions } from './store.js';
export { deliver, signature, type Delivery, type DeliveryOptions, type WebhookEvent } from './webhooks.js';
export { advisoryTableFromSnapshot, bundledAdvisoryTable } from './advisory-table.js';
export { SIMULATOR_ENV, Stack, type Reviewed, type StackOptions, type Wiring } from './stack.js';
export { Cluster, type ClusterOptions } from './cluster.js';
