/**
 * pino JSON logs. Keys and tokens are never logged by FlaskGuard, and the fields through which
 * Probot's debug logging could print request bodies (review comments, check-run output, file
 * contents) or webhook payloads are redacted.
 */
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'body',
  'comments',
  'output',
  'content',
  'query',
  'variables',
  'event.payload',
  'payload',
  'privateKey',
  'token',
  'headers.authorization',
  'request.headers.authorization',
];

export function createLogger(level: string | undefined, destination?: pino.DestinationStream): Logger {
  const options = { name: 'flaskguard', level: level || 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
