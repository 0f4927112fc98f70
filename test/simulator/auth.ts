/**
 * GitHub App authentication: the App signs a JWT (RS256, `iss` = App id) with its private key to
 * get an installation access token, then sends that token with every request.
 */
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GitHubError } from './http.js';

export class Authority {
  private readonly publicKey: KeyObject;
  private readonly tokens = new Map<string, number>();

  constructor(
    readonly appId: number,
    publicKeyPem: string,
    readonly installationId: number,
  ) {
    this.publicKey = createPublicKey(publicKeyPem);
  }

  /** Checks the App's JWT (signature, issuer, lifetime); throws GitHub's 401 otherwise. */
  verifyAppJwt(headers: IncomingHttpHeaders): void {
    const token = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!token) throw new GitHubError(401, 'A JSON web token could not be decoded');
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) throw new GitHubError(401, 'A JSON web token could not be decoded');
    const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, 'base64url'));
    if (!signed) throw new GitHubError(401, "A JSON web token could not be decoded: the signature does not match the App's public key");
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: unknown; iat?: number; exp?: number };
    const now = Date.now() / 1000;
    if (String(claims.iss) !== String(this.appId)) throw new GitHubError(401, `'Issuer' claim ('iss') must be an Integer: the App id is ${this.appId}`);
    if (typeof claims.exp !== 'number' || claims.exp < now) throw new GitHubError(401, "'Expiration time' claim ('exp') is too far in the past");
    if (claims.exp - (claims.iat ?? now) > 600 + 60) throw new GitHubError(401, "'Expiration time' claim ('exp') is too far in the future");
  }

  issueToken(installationId: number): { token: string; expiresAt: string } {
    const token = `ghs_${randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, installationId);
    return { token, expiresAt: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z') };
  }

  /** Checks an installation token; throws GitHub's 401 otherwise. */
  verifyInstallationToken(headers: IncomingHttpHeaders): void {
    const token = /^(?:token|bearer) (.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) throw new GitHubError(401, 'Bad credentials');
  }

  /** Every token handed out (to check that none of them reaches a log). */
  get issuedTokens(): string[] {
    return [...this.tokens.keys()];
  }
}
