/** Requests and answers inside the simulator, and GitHub's error bodies. */
import type { IncomingHttpHeaders } from 'node:http';

/** A request after routing: its operation in GitHub's API description and its decoded parts. */
export interface SimRequest {
  method: string;
  /** The URL with the path as routed (no `/api/v3`, `/repositories/{id}` resolved). */
  url: URL;
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const DOCS = 'https://docs.github.com/rest';

/** A failure answered the way GitHub answers it. */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { errors?: unknown[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  toResponse(): SimResponse {
    const body = { message: this.message, ...(this.extra.errors && { errors: this.extra.errors }), documentation_url: DOCS, status: String(this.status) };
    return { status: this.status, body, ...(this.extra.headers && { headers: this.extra.headers }) };
  }
}

export const notFound = (): GitHubError => new GitHubError(404, 'Not Found');

/** GitHub's 422 for a request that is well-formed but cannot be done. */
export const unprocessable = (...errors: string[]): GitHubError => new GitHubError(422, 'Unprocessable Entity', { errors });

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, ...(headers && { headers }) };
}
