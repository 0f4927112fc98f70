/** The FlaskGuard GitHub App (a Probot application function): only event wiring. */
import type { ApplicationFunction } from 'probot';
import { onCheckRunRerequested } from './handlers/check-run.js';
import { onCheckSuite } from './handlers/check-suite.js';
import { checkedDelivery, refuseNonObjectBodies } from './handlers/delivery.js';
import { onInstallation } from './handlers/installation.js';
import { onPullRequest } from './handlers/pull-request.js';
import { onPush } from './handlers/push.js';
import { AdvisoryMonitor } from './handlers/monitor.js';
import { createServices, DEFAULT_MONITOR_TICK_MINUTES, type FlaskGuardOptions } from './handlers/services.js';
import { intervalTicks } from './monitor/timer.js';
import { healthHandler } from './server/health.js';

export type { FlaskGuardOptions } from './handlers/services.js';

export function flaskGuard(options: FlaskGuardOptions = {}): ApplicationFunction {
  return (app, { addHandler }) => {
    const services = createServices(options, app.log);
    addHandler(healthHandler(services.scheduler));
    // Probot creates its webhooks receiver when the server first needs it, before it listens
    // (and logs it if that fails).
    app.ready().then(
      () => refuseNonObjectBodies(app.webhooks, app.log),
      () => undefined,
    );
    app.on(
      ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'],
      (context) => checkedDelivery(context, () => onPullRequest(context, services)),
    );
    app.on('check_run.rerequested', (context) => checkedDelivery(context, () => onCheckRunRerequested(context, services)));
    app.on(['check_suite.requested', 'check_suite.rerequested'], (context) => checkedDelivery(context, () => onCheckSuite(context, services)));
    app.on('push', (context) => onPush(context, services));
    app.on(['installation.created', 'installation_repositories.added'], (context) => onInstallation(context, services));
    const ticks = options.monitor?.ticks ?? intervalTicks;
    if (ticks !== false) {
      const monitor = new AdvisoryMonitor(services.env, { app: () => app.auth(), installation: (id) => app.auth(id) }, app.log.child({ name: 'advisory-monitor' }));
      ticks(() => monitor.tick(), (options.monitor?.everyMinutes ?? DEFAULT_MONITOR_TICK_MINUTES) * 60_000);
      const signal = options.monitor?.runNowSignal;
      if (signal) process.on(signal, () => void monitor.tick({ force: true }));
    }
  };
}

export default flaskGuard();
