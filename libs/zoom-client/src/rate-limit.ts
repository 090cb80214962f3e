import type { RateLimitInfo, RateLimitKind } from './zoom-errors.js';

export type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

const DAY_MS = 86_400_000;
/** Zoom's QPS 429s documented so far carry no Retry-After (REFERENCE.md §5); one second is the QPS window. */
export const DEFAULT_QPS_WAIT_MS = 1000;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} /;
const isDate = (value: string) => ISO_DATE_TIME.test(value) || HTTP_DATE.test(value);

export function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function int(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Zoom sends the X-RateLimit-* headers on successes too; undefined when none is present. */
export function parseRateLimitHeaders(headers: HeaderBag): RateLimitInfo | undefined {
  const info: RateLimitInfo = {
    category: header(headers, 'x-ratelimit-category'),
    type: header(headers, 'x-ratelimit-type'),
    limit: int(header(headers, 'x-ratelimit-limit')),
    remaining: int(header(headers, 'x-ratelimit-remaining')),
    retryAfter: header(headers, 'retry-after'),
  };
  return Object.values(info).some((v) => v !== undefined) ? info : undefined;
}

/**
 * Retry-After as a wait in ms. Zoom sends an ISO date-time on daily limits (REFERENCE.md §5) where HTTP
 * would send seconds; both are read, and an HTTP-date too. `serverNow` is the response's Date, so a
 * skewed local clock does not stretch or shorten the wait. Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, serverNow: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Date.parse takes almost anything ("-3" is a year); only ISO date-times and HTTP-dates are dates here.
  if (!isDate(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - serverNow);
}

export function nextUtcMidnight(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
}

/**
 * Which limit a 429 hit. Zoom added X-RateLimit-Type later (REFERENCE.md §5), so without it an ISO
 * Retry-After or the daily wording of the message still mark a daily limit.
 */
export function rateLimitKind(info: RateLimitInfo | undefined, zoomMessage: string | undefined): RateLimitKind {
  const type = info?.type?.toLowerCase();
  if (type === 'daily-limit') return 'Daily-limit';
  if (type === 'qps') return 'QPS';
  if (info?.retryAfter && isDate(info.retryAfter.trim())) return 'Daily-limit';
  return /daily/i.test(zoomMessage ?? '') ? 'Daily-limit' : 'QPS';
}

/** How long to hold off after a 429; daily limits without Retry-After last until 00:00 UTC (REFERENCE.md §5). */
export function rateLimitWaitMs(kind: RateLimitKind, info: RateLimitInfo | undefined, serverNow: number): number {
  const stated = parseRetryAfter(info?.retryAfter, serverNow);
  if (stated !== undefined) return stated;
  return kind === 'Daily-limit' ? nextUtcMidnight(serverNow) - serverNow : DEFAULT_QPS_WAIT_MS;
}

/** The response's Date header when readable, else this machine's clock. */
export function serverNow(headers: HeaderBag, localNow: number): number {
  const date = Date.parse(header(headers, 'date') ?? '');
  return Number.isNaN(date) ? localNow : date;
}
