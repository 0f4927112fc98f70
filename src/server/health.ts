/** GET /health: 200 while the App accepts work (with its queue's load), 503 once it is stopping or cannot reach Redis. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueueHealth } from '../review/scheduler.js';

export const HEALTH_PATH = '/health';

/** What answers: the web role's scheduler, or a worker-only process's worker. */
export interface HealthSource {
  health(): Promise<QueueHealth>;
}

export function healthHandler(scheduler: HealthSource) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== HEALTH_PATH) return false;
    void scheduler.health().then(({ accepting, ...load }) => {
      res.writeHead(accepting ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: accepting ? 'ok' : load.redis === 'unreachable' ? 'redis-unreachable' : 'stopping', ...load }));
    });
    return true;
  };
}
