/** pull_request opened / synchronize / reopened / ready_for_review: review the head commit. */
import { pullRequestInfo } from '../github/pull-requests.js';
import { dispatchReview, firstDelivery, type AppServices, type EventContext } from './dispatch.js';

export interface PullRequestContext extends EventContext {
  payload: EventContext['payload'] & { pull_request: Parameters<typeof pullRequestInfo>[0] };
}

export async function onPullRequest(context: PullRequestContext, services: AppServices): Promise<void> {
  if (!(await firstDelivery(services, context))) return;
  await dispatchReview(services, context, pullRequestInfo(context.payload.pull_request), false);
}
