/**
 * check_suite.requested (a push) and rerequested ("Re-run all checks"). A push to a pull request
 * usually arrives as pull_request.synchronize too; the head-SHA memory keeps it to one review.
 */
import { dispatchForCommit, firstDelivery, type AppServices, type EventContext } from './dispatch.js';

export interface CheckSuiteContext extends EventContext {
  payload: EventContext['payload'] & {
    action: string;
    check_suite: { head_sha: string; pull_requests: Array<{ number: number }> };
  };
}

export async function onCheckSuite(context: CheckSuiteContext, services: AppServices): Promise<void> {
  if (!(await firstDelivery(services, context))) return;
  const suite = context.payload.check_suite;
  const rerun = context.payload.action === 'rerequested';
  if (!rerun && (await services.scheduler.isReviewed(context.payload.repository.full_name, suite.head_sha))) return;
  dispatchForCommit(services, context, suite.head_sha, suite.pull_requests.map((p) => p.number), rerun);
}
