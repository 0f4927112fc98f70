/** check_run.rerequested: the "Re-run" button on a FlaskGuard check reviews the same commit again. */
import { CHECK_NAME } from '../github/check-runs.js';
import { dispatchForCommit, firstDelivery, type AppServices, type EventContext } from './dispatch.js';

export interface CheckRunContext extends EventContext {
  payload: EventContext['payload'] & { check_run: { name: string; head_sha: string; pull_requests: Array<{ number: number }> } };
}

export async function onCheckRunRerequested(context: CheckRunContext, services: AppServices): Promise<void> {
  const run = context.payload.check_run;
  if (run.name !== CHECK_NAME || !(await firstDelivery(services, context))) return;
  dispatchForCommit(services, context, run.head_sha, run.pull_requests.map((p) => p.number), true);
}
