import { describe, expect, it } from '@jest/globals';
import { settingsFromEnv, SettingsError } from '../../src/server/settings.js';

describe('settingsFromEnv', () => {
  it('has the documented defaults', () => {
    expect(settingsFromEnv({})).toEqual({
      concurrency: 4,
      maxWaiting: 200,
      fetchConcurrency: 8,
      shutdownGraceSeconds: 20,
      writeIntervalMs: 1000,
      serverErrorRetries: 3,
      connectionRetries: 2,
      monitorTickMinutes: 60,
      role: 'all',
      jobAttempts: 3,
      jobLockSeconds: 30,
    });
  });

  it('reads each variable; blank means the default', () => {
    const settings = settingsFromEnv({
      FLASKGUARD_CONCURRENCY: '2',
      FLASKGUARD_QUEUE_LIMIT: ' 50 ',
      FLASKGUARD_FETCH_CONCURRENCY: '16',
      FLASKGUARD_SHUTDOWN_GRACE_SECONDS: '',
      FLASKGUARD_WRITE_INTERVAL_MS: '250',
      FLASKGUARD_RETRIES: '1',
      FLASKGUARD_CONNECT_RETRIES: '5',
      FLASKGUARD_MONITOR_TICK_MINUTES: '15',
    });
    expect(settings).toEqual({ concurrency: 2, maxWaiting: 50, fetchConcurrency: 16, shutdownGraceSeconds: 20, writeIntervalMs: 250, serverErrorRetries: 1, connectionRetries: 5, monitorTickMinutes: 15, role: 'all', jobAttempts: 3, jobLockSeconds: 30 });
  });

  it('allows 0 for the write interval, the retries and the monitoring tick, and only there', () => {
    expect(settingsFromEnv({ FLASKGUARD_WRITE_INTERVAL_MS: '0', FLASKGUARD_RETRIES: '0', FLASKGUARD_MONITOR_TICK_MINUTES: '0' })).toMatchObject({ writeIntervalMs: 0, serverErrorRetries: 0, monitorTickMinutes: 0 });
    expect(() => settingsFromEnv({ FLASKGUARD_CONCURRENCY: '0' })).toThrow('FLASKGUARD_CONCURRENCY must be a whole number of at least 1, got "0"');
  });

  it.each([
    ['FLASKGUARD_WRITE_INTERVAL_MS', '-1', 0],
    ['FLASKGUARD_WRITE_INTERVAL_MS', '1.5', 0],
    ['FLASKGUARD_WRITE_INTERVAL_MS', '1s', 0],
    ['FLASKGUARD_WRITE_INTERVAL_MS', '1e3', 0],
    ['FLASKGUARD_RETRIES', 'three', 0],
    ['FLASKGUARD_QUEUE_LIMIT', '0x10', 1],
  ])('refuses %s=%s with a sentence naming it', (name, value, least) => {
    const attempt = () => settingsFromEnv({ [name]: value });
    expect(attempt).toThrow(SettingsError);
    expect(attempt).toThrow(`${name} must be a whole number of at least ${least}, got "${value}"`);
  });

  it('reads the role and REDIS_URL; web and worker need REDIS_URL', () => {
    expect(settingsFromEnv({ FLASKGUARD_ROLE: 'worker', REDIS_URL: 'redis://queue:6379', FLASKGUARD_JOB_ATTEMPTS: '5', FLASKGUARD_JOB_LOCK_SECONDS: '2' })).toMatchObject({
      role: 'worker',
      redisUrl: 'redis://queue:6379',
      jobAttempts: 5,
      jobLockSeconds: 2,
    });
    expect(() => settingsFromEnv({ FLASKGUARD_JOB_LOCK_SECONDS: '0' })).toThrow('FLASKGUARD_JOB_LOCK_SECONDS must be a whole number of at least 1, got "0"');
    expect(settingsFromEnv({ REDIS_URL: ' ' })).not.toHaveProperty('redisUrl');
    expect(() => settingsFromEnv({ FLASKGUARD_ROLE: 'web' })).toThrow('FLASKGUARD_ROLE=web needs REDIS_URL (the queue between web and worker processes); without it use FLASKGUARD_ROLE=all');
    expect(() => settingsFromEnv({ FLASKGUARD_ROLE: 'workers', REDIS_URL: 'redis://q' })).toThrow('FLASKGUARD_ROLE must be one of all, web, worker, got "workers"');
    expect(() => settingsFromEnv({ REDIS_URL: 'localhost:6379' })).toThrow('REDIS_URL must start with redis:// or rediss://, got "localhost:6379"');
  });
});
