import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { EndpointSpec, RateLimitLabel } from '#libs/zoom-contract';

/**
 * Zoom's limits by plan (REFERENCE §5) as calls per window: per second, except Resource-intensive, which
 * Zoom counts per minute. The file host has its own 20 req/s.
 */
const LIMITS: Record<'pro' | 'business', Record<RateLimitLabel, { calls: number; windowMs: number }>> = {
  pro: {
    Light: { calls: 30, windowMs: 1000 },
    Medium: { calls: 20, windowMs: 1000 },
    Heavy: { calls: 10, windowMs: 1000 },
    'Resource-intensive': { calls: 10, windowMs: 60_000 },
  },
  business: {
    Light: { calls: 80, windowMs: 1000 },
    Medium: { calls: 60, windowMs: 1000 },
    Heavy: { calls: 40, windowMs: 1000 },
    'Resource-intensive': { calls: 20, windowMs: 60_000 },
  },
};
const FILE_HOST = { calls: 20, windowMs: 1000 };

/**
 * A sliding window (a second, or a minute for Resource-intensive) per account and label, kept in Redis
 * so every worker process draws on one budget. Redis's clock decides, so process clocks do not matter. Returns 0 when admitted,
 * otherwise how many ms to wait; a pause set after a 429 holds every caller.
 *
 * Zoom counts a call when it arrives, somewhere between our sending it and our reading the answer;
 * counting it from admission would let a call delayed on the way land in the next second on top of
 * that second's full budget. So an admitted call holds its slot as if answered ARGV[4] ms from now,
 * RELEASE moves it back to when the answer came, and the slot frees a window after that: the calls
 * in any one-second window at Zoom then never outnumber the budget, however uneven the delays.
 *
 * Why exactly one window and no margin: a call arrives at Zoom after Redis admitted it and before Redis
 * records its answer, so its arrival lies inside its slot's [admitted, released] span on Redis's clock.
 * A slot leaves the window once released + window <= now; a call admitted now then arrives a full window
 * or more after every call whose slot has left, so any window of Zoom's holds only calls whose slots
 * were counted together, at most the budget. Only the length of the window matters, not where Zoom's
 * seconds begin; a margin on top would only lower the rate (by 5 % at 50 ms).
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pause = tonumber(redis.call('GET', KEYS[2]) or '0')
if pause > now then return pause - now end
local window = tonumber(ARGV[2])
local hold = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + hold, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2 + hold)
  return 0
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
-- Every slot is held by a call not answered yet: when one frees is unknown, so look again soon.
if oldest > now then return 50 end
return math.max(1, oldest + window - now)
`;

/** The call was answered: its slot counts from now (never later than its hold) instead of its hold. */
const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local held = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if held and now < held then redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1]) end
return 0
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
   * How long an unanswered call holds its slot at most: beyond any delay on the way to Zoom, so a call
   * whose worker died before the answer still counts while it may arrive.
   */
  static readonly HOLD_MS = 5_000;

  constructor(
    private readonly redis: Redis,
    private readonly options: RateGateOptions,
  ) {
    redis.defineCommand('zcaAcquire', { numberOfKeys: 2, lua: ACQUIRE });
    redis.defineCommand('zcaRelease', { numberOfKeys: 1, lua: RELEASE });
  }

  /** Calls per window for a label: the budget share of the plan's limit, at least one. */
  limit(label: RateLimitLabel | 'File'): number {
    return Math.max(1, Math.floor(this.zoomLimit(label).calls * this.options.budget));
  }

  /** The length of a label's window in ms: a second, or a minute for Resource-intensive. */
  windowMs(label: RateLimitLabel | 'File'): number {
    return this.zoomLimit(label).windowMs;
  }

  private zoomLimit(label: RateLimitLabel | 'File'): { calls: number; windowMs: number } {
    return label === 'File' ? FILE_HOST : LIMITS[this.options.plan][label];
  }

  private keys(label: string): [string, string] {
    const base = `${this.options.prefix}:rate:${this.options.accountId}`;
    return [`${base}:${label}`, `${base}:pause:${label}`];
  }

  /** Waits for a slot; the returned release marks the call answered (see ACQUIRE). */
  async acquire(endpoint: EndpointSpec): Promise<() => Promise<void>> {
    const label = endpoint.label ?? 'File';
    const [windowKey, pauseKey] = this.keys(label);
    const maxInline = this.options.maxInlineWaitMs ?? 5_000;
    const member = randomUUID();
    for (;;) {
      const wait = await this.command('zcaAcquire')(
        windowKey,
        pauseKey,
        this.limit(label),
        this.windowMs(label),
        member,
        RedisRateGate.HOLD_MS,
      );
      if (wait === 0) return async () => void (await this.command('zcaRelease')(windowKey, member));
      if (wait > maxInline) throw new RatePausedError(Date.now() + wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private command(name: 'zcaAcquire' | 'zcaRelease'): (...args: unknown[]) => Promise<number> {
    const fn = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<number>>)[name];
    return (...args) => fn.call(this.redis, ...args);
  }

  /** Holds every caller of a label on this account for the given time (after a 429). Never shortens a pause. */
  async pauseFor(label: RateLimitLabel | 'File', ms: number): Promise<void> {
    const [, pauseKey] = this.keys(label);
    await this.redis.eval(PAUSE, 1, pauseKey, String(Math.max(1, Math.ceil(ms))));
  }
}
