/**
 * When each repository's dependencies were last audited by the advisory monitoring (epoch ms),
 * so that a tick audits only the repositories whose `monitor.interval_hours` have passed. In the
 * process by default; with REDIS_URL in Redis (src/queue/redis-audit-times.ts), because each tick
 * may run on another worker.
 */
export interface AuditTimes {
  last(repository: string): Promise<number | undefined>;
  record(repository: string, at: number): Promise<void>;
}

export class MemoryAuditTimes implements AuditTimes {
  private readonly times = new Map<string, number>();

  async last(repository: string): Promise<number | undefined> {
    return this.times.get(repository);
  }

  async record(repository: string, at: number): Promise<void> {
    this.times.set(repository, at);
  }
}
