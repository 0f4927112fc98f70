/**
 * A request that never reached GitHub (connection refused, no such host, unreachable network):
 * Octokit reports it as a "500" and the retry plugin retries it as a server error. Here it is
 * retried by its own policy — nothing was sent, so even a write is safe to send again — and
 * reported as what it is: "could not connect to api.github.com (ECONNREFUSED)".
 */

/** Errors of the connection phase, before any byte of the request was sent. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

export interface ConnectionPolicy {
  /** Attempts after the first when the connection fails. */
  retries: number;
  /** Wait before the n-th retry (0-based), in ms. */
  delayMs: (retry: number) => number;
}

/** 2 s, then 8 s: long enough for a restarting proxy or a DNS hiccup, short for a background review. */
export const DEFAULT_CONNECTION_POLICY: ConnectionPolicy = { retries: 2, delayMs: (retry) => 2000 * 4 ** retry };

export class ConnectionFailure extends Error {
  constructor(
    readonly host: string,
    readonly code: string,
  ) {
    super(`could not connect to ${host} (${code})`);
    this.name = 'ConnectionFailure';
  }
}

/** The error code of a connection-phase failure anywhere in an error's causes, or undefined. */
export function connectionErrorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_CONNECTED.has(code)) return code;
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) {
      const found = inner.map(connectionErrorCode).find((c) => c !== undefined);
      if (found) return found;
    }
  }
  return undefined;
}

/** The ConnectionFailure behind an Octokit error, if that is what it was. */
export function connectionFailureOf(error: unknown): ConnectionFailure | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ConnectionFailure) return e;
  }
  return undefined;
}

type Fetch = typeof fetch;

/**
 * A fetch that retries failed connections by the policy, then fails with a ConnectionFailure and
 * sets `requestOptions.retries` to 0 so that the retry plugin does not send it again as a server error.
 */
export function connectionRetryingFetch(base: Fetch, requestOptions: Record<string, unknown>, policy: ConnectionPolicy, sleep = defaultSleep): Fetch {
  return async (input, init) => {
    for (let retry = 0; ; retry++) {
      try {
        return await base(input, init);
      } catch (error) {
        const code = connectionErrorCode(error);
        if (!code) throw error;
        if (retry >= policy.retries) {
          requestOptions.retries = 0;
          throw new ConnectionFailure(hostOf(input), code);
        }
        await sleep(policy.delayMs(retry));
      }
    }
  };
}

function hostOf(input: Parameters<Fetch>[0]): string {
  try {
    return new URL(input instanceof Request ? input.url : String(input)).host;
  } catch {
    return 'GitHub';
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
