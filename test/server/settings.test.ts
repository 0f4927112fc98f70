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
    expect(settings).toEqual({ concurrency: 2, maxWaiting: 50, fetchConcurrency: 16, shutdownGraceSeconds: 20, writeIntervalMs: 250, serverErrorRetries: 1, connectionRetries: 5, monitorTickMinutes: 15 });
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
});
