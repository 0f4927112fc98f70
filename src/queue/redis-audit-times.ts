/** The advisory monitoring's audit times in Redis: whichever worker runs the next tick knows which repositories are due. */
import type { Redis } from 'ioredis';
import type { AuditTimes } from '../monitor/audit-times.js';
import { auditedKey } from './redis-keys.js';

/** A little over the longest `monitor.interval_hours` (720): an older audit is due anyway. */
const AUDITED_TTL_SECONDS = 31 * 24 * 3600;

export class RedisAuditTimes implements AuditTimes {
  constructor(private readonly redis: Redis) {}

  async last(repository: string): Promise<number | undefined> {
    const at = await this.redis.get(auditedKey(repository));
    return at === null ? undefined : Number(at);
  }

  async record(repository: string, at: number): Promise<void> {
    await this.redis.set(auditedKey(repository), String(at), 'EX', AUDITED_TTL_SECONDS);
  }
}
