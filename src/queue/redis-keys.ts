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
 * BullMQ does not allow ':' in custom ids.
 */
export function taskJobId(task: Task): string {
  const base = `${task.kind}|${taskLine(task)}|${taskVersion(task)}`.replaceAll(':', '|');
  return task.kind === 'review' && task.rerun ? `${base}|rerun|${task.deliveryId}` : base;
}

export interface SupersededMessage {
  line: string;
  by: string;
}
