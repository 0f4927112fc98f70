/** The names FlaskGuard uses in Redis, shared by the web role (which enqueues) and workers (which run). */
import type { Task } from '../review/task.js';

export const QUEUE_NAME = 'flaskguard-reviews';
/** Where the web role announces a newer head SHA, so the worker running an older one stops it. */
export const SUPERSEDED_CHANNEL = 'flaskguard:superseded';
/** GitHub lets a delivery be redelivered for days; a week of ids is a few MB for a busy organisation. */
export const DELIVERY_TTL_SECONDS = 7 * 24 * 3600;
export const REVIEWED_TTL_SECONDS = 30 * 24 * 3600;

export const deliveryKey = (id: string): string => `flaskguard:delivery:${id}`;
export const reviewedKey = (shaKey: string): string => `flaskguard:reviewed:${shaKey}`;
/** The newest head SHA of a pull request (or branch): older tasks of the same line are superseded. */
export const latestKey = (line: string): string => `flaskguard:latest:${line}`;

/** What runs one after the other: one pull request, or one branch. */
export function taskLine(task: Task): string {
  return task.kind === 'review' ? `${task.repository.fullName}#${task.pull.number}` : `${task.repository.fullName}:${task.branch}`;
}

export function taskVersion(task: Task): string {
  return task.kind === 'review' ? task.pull.headSha : task.sha;
}

/**
 * Repository + pull request (or branch) + head SHA: adding a job whose id exists is a no-op, so a
 * second event for the same commit enqueues nothing on any replica. A re-run gets its own id.
 */
export function taskJobId(task: Task): string {
  const base = versionJobId(task, taskVersion(task));
  return task.kind === 'review' && task.rerun ? `${base}|rerun|${task.deliveryId}` : base;
}

/** The job id of the first review of `version` on the task's pull request (or branch). BullMQ does not allow ':' in custom ids. */
export function versionJobId(task: Task, version: string): string {
  return `${task.kind}|${taskLine(task)}|${version}`.replaceAll(':', '|');
}

export interface SupersededMessage {
  line: string;
  by: string;
}

/** The advisory monitoring's ticks: a queue of their own, so that they never wait behind reviews nor count as waiting reviews. */
export const MONITOR_QUEUE_NAME = 'flaskguard-monitor';
/** The one job scheduler of the cluster that makes a tick every FLASKGUARD_MONITOR_TICK_MINUTES. */
export const MONITOR_SCHEDULER_ID = 'advisory-monitoring';
export const MONITOR_TICK_JOB = 'advisory-tick';

export interface TickJobData {
  /** SIGUSR2: audit every repository now, with advisories asked for again. */
  force: boolean;
}

/** When the monitoring last audited a repository (epoch ms). */
export const auditedKey = (repository: string): string => `flaskguard:audited:${repository}`;
