/** GET /health: 200 while the App accepts work (with its queue's load), 503 once it is stopping. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WorkQueue } from '../review/queue.js';

export const HEALTH_PATH = '/health';

export function healthHandler(queue: WorkQueue) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== HEALTH_PATH) return false;
    const status = queue.accepting ? 200 : 503;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: queue.accepting ? 'ok' : 'stopping', ...queue.stats }));
    return true;
  };
}
