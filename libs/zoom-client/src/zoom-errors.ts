/** Zoom's rate-limit headers (REFERENCE.md §5); each is absent when Zoom did not send it. */
export interface RateLimitInfo {
  readonly category?: string;
  readonly type?: string;
  readonly limit?: number;
  readonly remaining?: number;
  /** The raw Retry-After: seconds, or an ISO date-time on daily limits. */
  readonly retryAfter?: string;
}

export interface ZoomErrorDetails {
  readonly operationId: string;
  readonly status?: number;
  /** Zoom's `code` from the error body (e.g. 124, 300, 1001, 4130). */
  readonly code?: number;
  /** Zoom's `message` from the error body. */
  readonly zoomMessage?: string;
  /** `x-zm-trackingid`, what Zoom support asks for. */
  readonly trackingId?: string;
  readonly rateLimit?: RateLimitInfo;
  /** HTTP attempts made before giving up. */
  readonly attempts?: number;
  /** Node's error code when no response arrived (ECONNRESET, ETIMEDOUT, ...). */
  readonly networkCode?: string;
}

/**
 * Base of every error the client throws. Carries no request headers and no cause object, so neither
 * tokens nor client secrets can reach a log through it.
 */
export class ZoomError extends Error {
  readonly operationId: string;
  readonly status?: number;
  readonly code?: number;
  readonly zoomMessage?: string;
  readonly trackingId?: string;
  readonly rateLimit?: RateLimitInfo;
  readonly attempts?: number;
  readonly networkCode?: string;

  constructor(message: string, details: ZoomErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.operationId = details.operationId;
    this.status = details.status;
    this.code = details.code;
    this.zoomMessage = details.zoomMessage;
    this.trackingId = details.trackingId;
    this.rateLimit = details.rateLimit;
    this.attempts = details.attempts;
    this.networkCode = details.networkCode;
  }
}

/** 5xx or network failure: worth trying again later (the client already retried what was safe to retry). */
export class ZoomRetryableError extends ZoomError {}

/** A 4xx that will fail the same way again (bad input, missing permission, unknown user or channel). */
export class ZoomPermanentError extends ZoomError {}

export type RateLimitKind = 'QPS' | 'Daily-limit';

/**
 * 429: the caller should pause for `retryAfterMs` rather than retry now. A queue can park the job
 * until `resetAt` instead of a worker sleeping through a daily limit.
 */
export class ZoomRateLimitError extends ZoomError {
  readonly kind: RateLimitKind;
  readonly retryAfterMs: number;
  /** When requests may resume, on this machine's clock. */
  readonly resetAt?: Date;

  constructor(
    message: string,
    details: ZoomErrorDetails & { kind: RateLimitKind; retryAfterMs: number; resetAt?: Date },
  ) {
    super(message, details);
    this.kind = details.kind;
    this.retryAfterMs = details.retryAfterMs;
    this.resetAt = details.resetAt;
  }
}

/** 400 / code 300 on a `next_page_token`: it expired (15 min) or no longer matches; restart the window. */
export class ZoomPageTokenExpiredError extends ZoomError {}

/** The OAuth token endpoint refused the credentials or the grant. */
export class ZoomAuthError extends ZoomError {}

export function describeFailure(operationId: string, status: number, code?: number, zoomMessage?: string): string {
  const detail = code === undefined ? '' : `, code ${code}`;
  return `Zoom ${operationId} failed: HTTP ${status}${detail}${zoomMessage ? `: ${zoomMessage}` : ''}`;
}
