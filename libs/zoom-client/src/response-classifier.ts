import {
  type HeaderBag,
  header,
  parseRateLimitHeaders,
  parseRetryAfter,
  rateLimitKind,
  rateLimitWaitMs,
  serverNow,
} from './rate-limit.js';
import {
  type ZoomError,
  type ZoomErrorDetails,
  ZoomPageTokenExpiredError,
  ZoomPermanentError,
  ZoomRateLimitError,
  ZoomRetryableError,
  describeFailure,
} from './zoom-errors.js';

export type AttemptOutcome =
  | { readonly kind: 'success'; readonly body: unknown }
  /** 401 or code 124: the token expired or was revoked; refresh it and try once more. */
  | { readonly kind: 'refresh'; readonly error: ZoomError }
  /** Transient; `delayMs` is a server-stated wait (Retry-After on a 5xx) when there is one. */
  | { readonly kind: 'retry'; readonly error: ZoomRetryableError; readonly delayMs?: number }
  | { readonly kind: 'rate-limited'; readonly error: ZoomRateLimitError }
  | { readonly kind: 'fail'; readonly error: ZoomError };

export type AttemptFailure = Exclude<AttemptOutcome, { kind: 'success' }>;

export interface AttemptContext {
  readonly operationId: string;
  readonly method: string;
  readonly attempt: number;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: HeaderBag;
  readonly text: string;
}

const TOKEN_CODE = 124;
const PAGE_TOKEN = /next page token (is )?(either )?invalid or (has )?expired/i;
/** Failures where the request never left this machine, so even a POST cannot have taken effect. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * A POST creates something (a message, a channel, a file); after a 500 or a dropped connection it may
 * have, so repeating it could post twice. Only failures that prove nothing happened are retried for it.
 */
const safeToRepeat = (method: string) => method.toUpperCase() !== 'POST';

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function zoomBody(body: unknown): { code?: number; message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { code, message } = body as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'number' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

export function classifyResponse(ctx: AttemptContext, res: HttpResult, localNow = Date.now()): AttemptOutcome {
  if (res.status < 200 || res.status >= 300) return classifyFailure(ctx, res, localNow);
  const body = parseJson(res.text);
  if (typeof body === 'string') return retry(ctx, res, { zoomMessage: 'Response body is not JSON.' });
  return { kind: 'success', body };
}

/** What to do about a response outside 2xx. */
export function classifyFailure(ctx: AttemptContext, res: HttpResult, localNow = Date.now()): AttemptFailure {
  const { code, message } = zoomBody(parseJson(res.text));
  const details: ZoomErrorDetails = {
    operationId: ctx.operationId,
    status: res.status,
    code,
    zoomMessage: message,
    trackingId: header(res.headers, 'x-zm-trackingid'),
    rateLimit: parseRateLimitHeaders(res.headers),
    attempts: ctx.attempt,
  };
  const text = describeFailure(ctx.operationId, res.status, code, message);
  // The file host reports bad tokens as 400 / 124 (REFERENCE.md §1.3), the API as 401.
  if (res.status === 401 || code === TOKEN_CODE)
    return { kind: 'refresh', error: new ZoomPermanentError(text, details) };
  if (res.status === 429) return { kind: 'rate-limited', error: rateLimitError(details, res.headers, localNow) };
  if (res.status === 400 && code === 300 && PAGE_TOKEN.test(message ?? '')) {
    return { kind: 'fail', error: new ZoomPageTokenExpiredError(text, details) };
  }
  if (res.status >= 500 || res.status === 408) {
    const error = new ZoomRetryableError(text, details);
    // 503 says the request was not processed, so it is safe to repeat even for a POST.
    if (!safeToRepeat(ctx.method) && res.status !== 503) return { kind: 'fail', error };
    const stated = parseRetryAfter(details.rateLimit?.retryAfter, serverNow(res.headers, localNow));
    return { kind: 'retry', error, delayMs: stated };
  }
  return { kind: 'fail', error: new ZoomPermanentError(text, details) };
}

function retry(ctx: AttemptContext, res: HttpResult, extra: Partial<ZoomErrorDetails>): AttemptFailure {
  const details = { operationId: ctx.operationId, status: res.status, attempts: ctx.attempt, ...extra };
  const error = new ZoomRetryableError(
    describeFailure(ctx.operationId, res.status, undefined, extra.zoomMessage),
    details,
  );
  return safeToRepeat(ctx.method) ? { kind: 'retry', error } : { kind: 'fail', error };
}

function rateLimitError(details: ZoomErrorDetails, headers: HeaderBag, localNow: number): ZoomRateLimitError {
  const kind = rateLimitKind(details.rateLimit, details.zoomMessage);
  const retryAfterMs = rateLimitWaitMs(kind, details.rateLimit, serverNow(headers, localNow));
  return new ZoomRateLimitError(`Zoom ${details.operationId} rate-limited (${kind}); retry after ${retryAfterMs} ms`, {
    ...details,
    kind,
    retryAfterMs,
    resetAt: new Date(localNow + retryAfterMs),
  });
}

export function classifyNetworkError(ctx: AttemptContext, networkCode: string | undefined): AttemptFailure {
  const code = networkCode ?? 'EUNKNOWN';
  const error = new ZoomRetryableError(`Zoom ${ctx.operationId} failed: no response (${code})`, {
    operationId: ctx.operationId,
    attempts: ctx.attempt,
    networkCode: code,
  });
  return safeToRepeat(ctx.method) || NOT_SENT.has(code) ? { kind: 'retry', error } : { kind: 'fail', error };
}
