/**
 * The HTTP server of a worker-only process (FLASKGUARD_ROLE=worker), which receives no webhooks:
 * GET /health for liveness and readiness probes, the same answer as the web role's; 404 for
 * anything else.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { healthHandler, type HealthSource } from './health.js';

/** Where Probot listens, read the way Probot reads it: PORT (3000), HOST (localhost). */
export function listenAddress(env: NodeJS.ProcessEnv): { port: number; host: string } {
  return { port: Number(env.PORT) || 3000, host: env.HOST || 'localhost' };
}

export class HealthServer {
  private constructor(private readonly server: Server) {}

  static async start(source: HealthSource, address: { port: number; host: string }): Promise<HealthServer> {
    const health = healthHandler(source);
    const server = createServer((req, res) => {
      if (health(req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Not Found: a worker serves only GET /health' }));
    });
    server.listen(address.port, address.host);
    await once(server, 'listening'); // rejects on 'error' (the port is taken)
    return new HealthServer(server);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
