import type { EndpointSpec } from '#libs/zoom-contract';
import { DEFAULT_RETRY, type RetryPolicy } from './backoff.js';
import type { RateLimitInfo } from './zoom-errors.js';

export interface ZoomLogger {
  debug(msg: string, meta?: object): void;
  warn(msg: string, meta?: object): void;
}

/** One HTTP attempt against a /v2 endpoint, for metrics. */
export interface ZoomResponseEvent {
  readonly operationId: string;
  readonly endpoint: EndpointSpec;
  /** 0 when no response arrived (connection failure or timeout; see `networkCode`). */
  readonly status: number;
  /** 1-based; retries and the retry after a token refresh count. */
  readonly attempt: number;
  readonly durationMs: number;
  readonly rateLimit?: RateLimitInfo;
  readonly trackingId?: string;
  readonly networkCode?: string;
}

/** Admits one HTTP attempt; the release it may return marks the attempt answered. */
export type RateGate = (endpoint: EndpointSpec) => Promise<void | (() => Promise<void>)>;

export interface ZoomClientOptions {
  apiUrl: string;
  oauthUrl: string;
  /** Host of #14 and #17 (https://file.zoom.us/v2 at Zoom); defaults to apiUrl. */
  fileApiUrl?: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Per HTTP attempt; default 30000. */
  timeoutMs?: number;
  retry?: { limit?: number; baseDelayMs?: number; maxDelayMs?: number };
  /**
   * Called before every HTTP attempt to a /v2 endpoint; a distributed limiter plugs in here. It may return
   * a release, called once the attempt's response (or network failure) is in.
   */
  rateGate?: RateGate;
  /** Called after every /v2 response (status, endpoint, rate-limit headers, attempt, duration) — metrics plug in here. */
  onResponse?: (event: ZoomResponseEvent) => void;
  /**
   * A user-level token provider for the user-managed-only endpoints (#3–#6, #29–#33, #36–#39); without it
   * those methods use the account token (and Zoom answers 4711). Called again after a 401, so it should
   * hand out a fresh token once its current one is rejected.
   */
  userToken?: () => Promise<string>;
  logger?: ZoomLogger;
}

export interface ResolvedOptions {
  readonly apiUrl: string;
  readonly oauthUrl: string;
  readonly fileApiUrl: string;
  readonly accountId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly rateGate?: RateGate;
  readonly onResponse?: (event: ZoomResponseEvent) => void;
  readonly userToken?: () => Promise<string>;
  readonly logger: ZoomLogger;
}

const SILENT: ZoomLogger = { debug: () => undefined, warn: () => undefined };
const trimSlash = (url: string) => url.replace(/\/+$/, '');

function number(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min)
    throw new RangeError(`ZoomClientOptions.${name} must be a number >= ${min}`);
  return value;
}

export function resolveOptions(options: ZoomClientOptions): ResolvedOptions {
  const apiUrl = trimSlash(options.apiUrl);
  return {
    apiUrl,
    oauthUrl: options.oauthUrl,
    fileApiUrl: trimSlash(options.fileApiUrl ?? apiUrl),
    accountId: options.accountId,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeoutMs: number('timeoutMs', options.timeoutMs, 30_000, 1),
    retry: {
      limit: Math.floor(number('retry.limit', options.retry?.limit, DEFAULT_RETRY.limit, 0)),
      baseDelayMs: number('retry.baseDelayMs', options.retry?.baseDelayMs, DEFAULT_RETRY.baseDelayMs, 0),
      maxDelayMs: number('retry.maxDelayMs', options.retry?.maxDelayMs, DEFAULT_RETRY.maxDelayMs, 0),
    },
    rateGate: options.rateGate,
    onResponse: options.onResponse,
    userToken: options.userToken,
    logger: options.logger ?? SILENT,
  };
}

export class ZoomConfigError extends Error {}

function url(env: NodeJS.ProcessEnv, name: string, fallback?: string): string | undefined {
  const raw = env[name] || fallback;
  if (raw === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ZoomConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return trimSlash(raw);
}

/** Basic auth splits on the first colon, and whitespace is always a paste error; the value is never echoed. */
function credential(env: NodeJS.ProcessEnv, name: string, fallback: string, colonAllowed: boolean): string {
  const value = env[name] || fallback;
  if (/\s/.test(value) || (!colonAllowed && value.includes(':'))) {
    throw new ZoomConfigError(`${name} is malformed: it must not contain whitespace${colonAllowed ? '' : ' or ":"'}`);
  }
  return value;
}

/** Options from ZOOM_* variables; the defaults address a local emulator with its demo app. */
export function zoomClientOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ZoomClientOptions {
  return {
    apiUrl: url(env, 'ZOOM_API_URL', 'http://127.0.0.1:9090/v2')!,
    oauthUrl: url(env, 'ZOOM_OAUTH_URL', 'http://127.0.0.1:9090/oauth/token')!,
    fileApiUrl: url(env, 'ZOOM_FILE_API_URL'),
    accountId: credential(env, 'ZOOM_ACCOUNT_ID', 'demo-account', true),
    clientId: credential(env, 'ZOOM_CLIENT_ID', 'demo-client', false),
    clientSecret: credential(env, 'ZOOM_CLIENT_SECRET', 'demo-secret', true),
  };
}
