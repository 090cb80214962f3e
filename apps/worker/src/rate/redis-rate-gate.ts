import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { EndpointSpec, RateLimitLabel } from '#libs/zoom-contract';

/** Zoom's per-second limits by plan (REFERENCE §5); the file host has its own 20 req/s. */
const PER_SECOND: Record<'pro' | 'business', Record<RateLimitLabel, number>> = {
  pro: { Light: 30, Medium: 20, Heavy: 10, 'Resource-intensive': 10 / 60 },
  business: { Light: 80, Medium: 60, Heavy: 40, 'Resource-intensive': 20 / 60 },
};

/**
 * A sliding one-second window per account and label, kept in Redis so every worker process draws
 * on one budget. Redis's clock decides, so process clocks do not matter. Returns 0 when admitted,
 * otherwise how many ms to wait; a pause set after a 429 holds every caller.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pause = tonumber(redis.call('GET', KEYS[2]) or '0')
if pause > now then return pause - now end
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > cur then redis.call('SET', KEYS[1], untilMs, 'PX', ARGV[1]) end
return untilMs
`;

/** Thrown when the budget is paused for longer than a request should wait in process (a daily limit). */
export class RatePausedError extends Error {
  constructor(readonly untilMs: number) {
    super(`Zoom rate budget paused until ${new Date(untilMs).toISOString()}`);
  }
}

export interface RateGateOptions {
  accountId: string;
  plan: 'pro' | 'business';
  budget: number;
  prefix: string;
  /** Waits longer than this are not slept through in process: RatePausedError lets the job be delayed. */
  maxInlineWaitMs?: number;
}

export class RedisRateGate {
  /**
   * The window is 1050 ms rather than 1000 so that network jitter between admission here and
   * arrival at Zoom cannot put more than the budget into any one-second window there.
   */
  static readonly WINDOW_MS = 1050;

  constructor(
    private readonly redis: Redis,
    private readonly options: RateGateOptions,
  ) {
    redis.defineCommand('zcaAcquire', { numberOfKeys: 2, lua: ACQUIRE });
  }

  /** Requests per window for a label: the budget share of the plan's limit, at least one. */
  limit(label: RateLimitLabel | 'File'): number {
    const perSecond = label === 'File' ? 20 : PER_SECOND[this.options.plan][label];
    return Math.max(1, Math.floor(perSecond * this.options.budget));
  }

  private keys(label: string): [string, string] {
    const base = `${this.options.prefix}:rate:${this.options.accountId}`;
    return [`${base}:${label}`, `${base}:pause:${label}`];
  }

  async acquire(endpoint: EndpointSpec): Promise<void> {
    const label = endpoint.label ?? 'File';
    const [windowKey, pauseKey] = this.keys(label);
    const maxInline = this.options.maxInlineWaitMs ?? 5_000;
    for (;;) {
      const acquire = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<number>>).zcaAcquire;
      const wait = await acquire.call(
        this.redis,
        windowKey,
        pauseKey,
        this.limit(label),
        RedisRateGate.WINDOW_MS,
        randomUUID(),
      );
      if (wait === 0) return;
      if (wait > maxInline) throw new RatePausedError(Date.now() + wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Holds every caller of a label on this account for the given time (after a 429). Never shortens a pause. */
  async pauseFor(label: RateLimitLabel | 'File', ms: number): Promise<void> {
    const [, pauseKey] = this.keys(label);
    await this.redis.eval(PAUSE, 1, pauseKey, String(Math.max(1, Math.ceil(ms))));
  }
}
