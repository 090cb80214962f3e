import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelayMs, type RetryPolicy } from './backoff.js';
import type { ZoomLogger } from './client-options.js';
import type { HttpTransport } from './http-transport.js';
import { ZoomAuthError, ZoomRetryableError } from './zoom-errors.js';

export const TOKEN_OPERATION = 'oauthToken';
/** Rivet refreshes when 60 s remain (REFERENCE.md §6); short-lived tokens refresh at half-life instead. */
const REFRESH_MARGIN_MS = 60_000;

export interface OAuthCredentials {
  readonly oauthUrl: string;
  readonly accountId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

interface CachedToken {
  readonly value: string;
  readonly refreshAt: number;
}

/**
 * Server-to-Server OAuth (REFERENCE.md §6): one cached account token per client, refreshed shortly
 * before expiry or when Zoom rejects it, with concurrent callers sharing a single token request.
 */
export class OAuthTokenProvider {
  private cached: CachedToken | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly transport: HttpTransport,
    private readonly credentials: OAuthCredentials,
    private readonly retry: RetryPolicy,
    private readonly logger: ZoomLogger,
  ) {}

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) return this.cached.value;
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Zoom rejected `token`. Forget it, unless another caller's refresh has already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    const { oauthUrl, accountId, clientId, clientSecret } = this.credentials;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const query = { grant_type: 'account_credentials', account_id: accountId };
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const result = await this.transport.postBasic(oauthUrl, query, basic);
      const status = result.ok ? result.res.status : 0;
      if (result.ok && status >= 200 && status < 300) return this.accept(result.res.text, started);
      if (result.ok && status < 500 && status !== 429) throw refused(status, result.res.text);
      const error = unavailable(attempt, status, result.ok ? undefined : result.code);
      if (attempt > this.retry.limit) throw error;
      const delayMs = backoffDelayMs(attempt, this.retry);
      this.logger.warn('Zoom token request failed; retrying', { status, attempt, delayMs });
      await sleep(delayMs);
    }
  }

  private accept(text: string, requestedAt: number): string {
    const body = safeJson(text) as { access_token?: unknown; expires_in?: unknown } | undefined;
    const value = body?.access_token;
    if (typeof value !== 'string' || value === '') {
      throw new ZoomAuthError('Zoom OAuth token response has no access_token', { operationId: TOKEN_OPERATION });
    }
    const lifetimeMs = (typeof body?.expires_in === 'number' ? body.expires_in : 3600) * 1000;
    // Counted from the request, not the answer: the token's clock started at Zoom before it arrived.
    this.cached = { value, refreshAt: requestedAt + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) };
    this.logger.debug('Zoom access token obtained', { expiresInS: lifetimeMs / 1000 });
    return value;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Zoom's OAuth errors are `{reason, error}` (REFERENCE.md §6); neither carries the credentials. */
function refused(status: number, text: string): ZoomAuthError {
  const body = safeJson(text) as { reason?: unknown; error?: unknown } | undefined;
  const error = typeof body?.error === 'string' ? body.error : undefined;
  const reason = typeof body?.reason === 'string' ? body.reason : undefined;
  const detail = [error, reason && `(${reason})`].filter(Boolean).join(' ');
  return new ZoomAuthError(`Zoom OAuth token request refused: HTTP ${status}${detail ? ` ${detail}` : ''}`, {
    operationId: TOKEN_OPERATION,
    status,
    zoomMessage: reason ?? error,
  });
}

function unavailable(attempts: number, status: number, networkCode: string | undefined): ZoomRetryableError {
  const what = networkCode ? `no response (${networkCode})` : `HTTP ${status}`;
  return new ZoomRetryableError(`Zoom OAuth token request failed: ${what}`, {
    operationId: TOKEN_OPERATION,
    status: status || undefined,
    attempts,
    networkCode,
  });
}
