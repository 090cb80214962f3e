import {
  DEFAULT_QPS_WAIT_MS,
  nextUtcMidnight,
  parseRateLimitHeaders,
  parseRetryAfter,
  rateLimitKind,
  rateLimitWaitMs,
  serverNow,
} from './rate-limit.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads seconds, whole or fractional', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0.5 ', NOW)).toBe(500);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it("reads Zoom's ISO date-time of a daily limit against the server's clock", () => {
    expect(parseRetryAfter('2026-11-21T00:00:00Z', NOW)).toBe(12 * 3_600_000);
    expect(parseRetryAfter('2026-11-21T00:00:00.000Z', NOW)).toBe(12 * 3_600_000);
  });

  it('reads an HTTP-date too, and never returns a negative wait', () => {
    expect(parseRetryAfter('Fri, 20 Nov 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('2026-11-19T00:00:00Z', NOW)).toBe(0);
  });

  it('is undefined when absent or unreadable', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-3', NOW)).toBeUndefined();
  });
});

describe('rate-limit headers', () => {
  it('parses the X-RateLimit-* family, numbers as numbers', () => {
    expect(
      parseRateLimitHeaders({
        'x-ratelimit-category': 'Heavy',
        'x-ratelimit-type': 'Daily-limit',
        'x-ratelimit-limit': '60000',
        'x-ratelimit-remaining': '0',
        'retry-after': '2026-11-21T00:00:00Z',
      }),
    ).toEqual({
      category: 'Heavy',
      type: 'Daily-limit',
      limit: 60000,
      remaining: 0,
      retryAfter: '2026-11-21T00:00:00Z',
    });
  });

  it('is undefined when Zoom sent none', () => {
    expect(parseRateLimitHeaders({ 'content-type': 'application/json' })).toBeUndefined();
  });

  it("prefers the response's Date over the local clock", () => {
    expect(serverNow({ date: 'Fri, 20 Nov 2026 12:00:00 GMT' }, 0)).toBe(NOW);
    expect(serverNow({}, 42)).toBe(42);
  });
});

describe('rate-limit kind and wait', () => {
  it('follows X-RateLimit-Type when present', () => {
    expect(rateLimitKind({ type: 'QPS' }, 'daily')).toBe('QPS');
    expect(rateLimitKind({ type: 'Daily-limit' }, undefined)).toBe('Daily-limit');
  });

  it('recognises a daily limit without the type by its ISO Retry-After or its wording', () => {
    expect(rateLimitKind({ retryAfter: '2026-11-21T00:00:00Z' }, undefined)).toBe('Daily-limit');
    expect(rateLimitKind(undefined, 'You have reached the maximum daily rate limit for this API.')).toBe('Daily-limit');
    expect(rateLimitKind({ retryAfter: '2' }, 'per-second')).toBe('QPS');
    expect(rateLimitKind(undefined, undefined)).toBe('QPS');
  });

  it('waits about a second on a QPS 429 without Retry-After, and until 00:00 UTC on a daily one', () => {
    expect(rateLimitWaitMs('QPS', undefined, NOW)).toBe(DEFAULT_QPS_WAIT_MS);
    expect(rateLimitWaitMs('QPS', { retryAfter: '3' }, NOW)).toBe(3000);
    expect(rateLimitWaitMs('Daily-limit', { type: 'Daily-limit' }, NOW)).toBe(12 * 3_600_000);
    expect(nextUtcMidnight(Date.parse('2026-11-20T23:59:59.999Z'))).toBe(Date.parse('2026-11-21T00:00:00Z'));
    expect(nextUtcMidnight(Date.parse('2026-11-21T00:00:00Z'))).toBe(Date.parse('2026-11-22T00:00:00Z'));
  });
});
