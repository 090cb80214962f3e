import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EndpointSpec } from '#libs/zoom-contract';
import { MAX_INTERNAL_QPS_WAIT_MS, backoffDelayMs, withJitter } from './backoff.js';
import type { ResolvedOptions } from './client-options.js';
import { guardedBody } from './download-stream.js';
import { buildPath } from './endpoint-path.js';
import { type ExchangeResult, HttpTransport, type QueryValue } from './http-transport.js';
import { OAuthTokenProvider } from './oauth-token.provider.js';
import { header, parseRateLimitHeaders } from './rate-limit.js';
import {
  type AttemptContext,
  type AttemptFailure,
  classifyFailure,
  classifyNetworkError,
  classifyResponse,
} from './response-classifier.js';

export interface ZoomCall {
  readonly endpoint: EndpointSpec;
  readonly pathValues: readonly string[];
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly json?: unknown;
  readonly form?: FormData;
}

export const DOWNLOAD_OPERATION = 'downloadFile';

/** Where one call stands in its retry budget. */
interface CallState {
  retries: number;
  /** Tokens Zoom rejected during this call. */
  rejected: Set<string>;
}

/**
 * Runs Zoom calls: picks the token, passes the rate gate, sends, reports, and decides per outcome —
 * refresh the token once, back off and retry what is transient, sit out a short QPS wait, or throw.
 */
export class ZoomHttp {
  private readonly transport: HttpTransport;
  private readonly tokens: OAuthTokenProvider;

  constructor(private readonly options: ResolvedOptions) {
    this.transport = new HttpTransport(options.timeoutMs);
    this.tokens = new OAuthTokenProvider(this.transport, options, options.retry, options.logger);
  }

  async send(call: ZoomCall): Promise<unknown> {
    const { endpoint } = call;
    const base = endpoint.fileHost ? this.options.fileApiUrl : this.options.apiUrl;
    const url = base + buildPath(endpoint.path, call.pathValues);
    const state: CallState = { retries: 0, rejected: new Set() };
    for (let attempt = 1; ; attempt++) {
      const release = await this.options.rateGate?.(endpoint);
      let bearer: string;
      let result: ExchangeResult;
      const started = Date.now();
      try {
        // Taken after the gate: a wait there can outlast a revocation.
        bearer = await this.bearer(endpoint);
        const { query, json, form } = call;
        result = await this.transport.exchange({ method: endpoint.method, url, bearer, query, json, form });
      } finally {
        await this.release(release);
      }
      this.report(endpoint, attempt, Date.now() - started, result);
      const ctx = { operationId: endpoint.operationId, method: endpoint.method, attempt };
      const outcome = result.ok ? classifyResponse(ctx, result.res) : classifyNetworkError(ctx, result.code);
      if (outcome.kind === 'success') return outcome.body;
      await this.recover(outcome, state, endpoint.userLevelOnly, bearer);
    }
  }

  /** The bytes behind a message file's download_url, with the account token. */
  async download(url: string): Promise<Readable> {
    const state: CallState = { retries: 0, rejected: new Set() };
    for (let attempt = 1; ; attempt++) {
      const bearer = await this.tokens.token();
      const opened = await this.transport.openStream(url, bearer);
      const ctx: AttemptContext = { operationId: DOWNLOAD_OPERATION, method: 'GET', attempt };
      if (!('status' in opened)) {
        await this.recover(classifyNetworkError(ctx, opened.code), state, false, bearer);
        continue;
      }
      if (opened.status >= 200 && opened.status < 300) return guardedBody(opened.body, DOWNLOAD_OPERATION);
      // The error body is only for the message; losing it must not turn into a different failure.
      const text = await readText(opened.body).catch(() => '');
      await this.recover(classifyFailure(ctx, { ...opened, text }), state, false, bearer);
    }
  }

  close(): void {
    this.transport.close();
  }

  /** A limiter that cannot record the answer must not fail the request that got it. */
  private async release(release: void | (() => Promise<void>)): Promise<void> {
    if (!release) return;
    try {
      await release();
    } catch (error) {
      this.options.logger.warn('Rate gate release failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private bearer(endpoint: EndpointSpec): Promise<string> {
    const user = endpoint.userLevelOnly ? this.options.userToken : undefined;
    return user ? user() : this.tokens.token();
  }

  /** Returns when the call should be attempted again; throws when it should not. */
  private async recover(outcome: AttemptFailure, state: CallState, userLevel: boolean, bearer: string): Promise<void> {
    const { logger, retry } = this.options;
    const meta = (extra: object) => ({
      operationId: outcome.error.operationId,
      status: outcome.error.status,
      ...extra,
    });
    switch (outcome.kind) {
      case 'refresh':
        // Zoom can revoke tokens at any time, so a fresh token rejected later in a long call (retries,
        // rate waits) is a new revocation. The same token rejected twice, or more refreshes than the
        // retry budget, mean Zoom will not take this app's tokens: the call fails.
        if (state.rejected.has(bearer) || state.rejected.size > retry.limit) throw outcome.error;
        state.rejected.add(bearer);
        if (!userLevel || !this.options.userToken) this.tokens.invalidate(bearer);
        logger.debug('Zoom rejected the access token; refreshing', meta({ code: outcome.error.code }));
        return;
      case 'retry': {
        if (state.retries >= retry.limit) throw outcome.error;
        state.retries++;
        const backoff = backoffDelayMs(state.retries, retry);
        const delayMs = Math.min(retry.maxDelayMs, Math.max(backoff, outcome.delayMs ?? 0));
        logger.warn(
          'Zoom request failed; retrying',
          meta({ retry: state.retries, delayMs, network: outcome.error.networkCode }),
        );
        await sleep(delayMs);
        return;
      }
      case 'rate-limited': {
        const { kind, retryAfterMs } = outcome.error;
        if (kind !== 'QPS' || retryAfterMs > MAX_INTERNAL_QPS_WAIT_MS || state.retries >= retry.limit) {
          logger.warn('Zoom rate limit reached', meta({ kind, retryAfterMs }));
          throw outcome.error;
        }
        state.retries++;
        logger.debug('Zoom QPS limit; waiting', meta({ retryAfterMs, retry: state.retries }));
        await sleep(withJitter(retryAfterMs));
        return;
      }
      case 'fail':
        throw outcome.error;
    }
  }

  private report(endpoint: EndpointSpec, attempt: number, durationMs: number, result: ExchangeResult): void {
    const { onResponse, logger } = this.options;
    if (!onResponse) return;
    try {
      onResponse({
        operationId: endpoint.operationId,
        endpoint,
        attempt,
        durationMs,
        status: result.ok ? result.res.status : 0,
        rateLimit: result.ok ? parseRateLimitHeaders(result.res.headers) : undefined,
        trackingId: result.ok ? header(result.res.headers, 'x-zm-trackingid') : undefined,
        networkCode: result.ok ? undefined : result.code,
      });
    } catch (error) {
      // A broken metrics hook must not fail the archive's requests.
      logger.warn('onResponse hook threw', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

async function readText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
