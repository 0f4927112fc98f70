/** GitHub failures as the sentences a check run shows: "FlaskGuard could not read app/views.py: 404 Not Found". */
import { connectionFailureOf } from './connection.js';

/** A step of a review that failed, with what FlaskGuard was doing. */
export class StepFailure extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`FlaskGuard could not ${step}: ${describeError(cause)}`, { cause });
    this.name = 'StepFailure';
  }
}

/** Runs one step against GitHub; a failure becomes a StepFailure naming the step. */
export async function step<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    throw new StepFailure(what, error);
  }
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** "404 Not Found", "403 You have exceeded a secondary rate limit", "could not connect to api.github.com (ECONNREFUSED)", or the error's message. */
export function describeError(error: unknown): string {
  const unconnected = connectionFailureOf(error);
  if (unconnected) return unconnected.message;
  const status = httpStatus(error);
  if (status === undefined) return error instanceof Error ? error.message : String(error);
  const data = (error as { response?: { data?: unknown } }).response?.data;
  const message = typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string'
    ? ((data as { message: string }).message)
    : undefined;
  return `${status} ${(message ?? STATUS_TEXT[status] ?? 'error').split('\n')[0]}`;
}

export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
