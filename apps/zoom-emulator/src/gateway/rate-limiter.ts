import type { RateLimitLabel } from '#libs/zoom-contract';
import type { Clock } from '../clock/clock.service.js';
import {
  DAILY_CAPPED_LABELS,
  DAILY_SHARED_CAP,
  FILE_HOST_PER_SECOND,
  PER_SECOND,
  type RateLimitPlan,
} from './rate-limit-table.js';

/** The bucket a request counts in: a label, or the file host's own limit. */
export type RateBucket = RateLimitLabel | 'File';

export interface RateDecision {
  readonly allowed: boolean;
  readonly type?: 'QPS' | 'Daily-limit';
  readonly headers: Record<string, string>;
}

interface Window {
  start: number;
  count: number;
}

const DAY_MS = 86_400_000;

/**
 * Zoom's per-account limits: per label a fixed budget per second (per minute for Resource-intensive),
 * and a daily cap shared by Heavy and Resource-intensive that resets at 00:00 UTC.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly daily = new Map<string, Window>();
  /** Overrides of the daily cap (tests make it small); undefined uses the plan's. */
  dailyCapOverride: number | undefined;

  constructor(
    private readonly clock: Clock,
    public plan: RateLimitPlan,
    /** Multiplies every limit; 0 switches limiting off. */
    public scale: number,
  ) {}

  now(): number {
    return this.clock.now();
  }

  limitPerWindow(bucket: RateBucket): { limit: number; windowMs: number } {
    if (bucket === 'File') return { limit: Math.max(1, Math.round(FILE_HOST_PER_SECOND * this.scale)), windowMs: 1000 };
    const perSecond = PER_SECOND[this.plan][bucket];
    if (perSecond < 1) return { limit: Math.max(1, Math.round(perSecond * 60 * this.scale)), windowMs: 60_000 };
    return { limit: Math.max(1, Math.round(perSecond * this.scale)), windowMs: 1000 };
  }

  dailyCap(): number {
    return this.dailyCapOverride ?? Math.max(1, Math.round(DAILY_SHARED_CAP[this.plan] * (this.scale || 1)));
  }

  check(accountId: string, bucket: RateBucket): RateDecision {
    const category = bucket === 'File' ? 'Light' : bucket;
    const { limit, windowMs } = this.limitPerWindow(bucket);
    if (this.scale === 0) return { allowed: true, headers: { 'X-RateLimit-Category': category } };
    const now = this.clock.now();
    const capped = bucket !== 'File' && DAILY_CAPPED_LABELS.includes(bucket);
    if (capped) {
      const day = this.window(this.daily, `${accountId}:daily`, now, DAY_MS);
      const cap = this.dailyCap();
      if (day.count >= cap) {
        return {
          allowed: false,
          type: 'Daily-limit',
          headers: {
            'X-RateLimit-Category': category,
            'X-RateLimit-Type': 'Daily-limit',
            'X-RateLimit-Limit': String(cap),
            'X-RateLimit-Remaining': '0',
            'Retry-After': new Date(day.start + DAY_MS).toISOString().replace('.000Z', 'Z'),
          },
        };
      }
    }
    const win = this.window(this.windows, `${accountId}:${bucket}`, now, windowMs);
    if (win.count >= limit) {
      return {
        allowed: false,
        type: 'QPS',
        headers: {
          'X-RateLimit-Category': category,
          'X-RateLimit-Type': 'QPS',
          'X-RateLimit-Limit': String(limit),
          'X-RateLimit-Remaining': '0',
        },
      };
    }
    win.count++;
    const headers: Record<string, string> = {
      'X-RateLimit-Category': category,
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(limit - win.count),
    };
    if (capped) {
      const day = this.window(this.daily, `${accountId}:daily`, now, DAY_MS);
      day.count++;
      headers['X-RateLimit-Limit'] = String(this.dailyCap());
      headers['X-RateLimit-Remaining'] = String(this.dailyCap() - day.count);
    }
    return { allowed: true, headers };
  }

  /** Fixed windows aligned to the clock (whole seconds, minutes, UTC days), as Zoom counts. */
  private window(map: Map<string, Window>, key: string, now: number, size: number): Window {
    const start = Math.floor(now / size) * size;
    let win = map.get(key);
    if (!win || win.start !== start) {
      win = { start, count: 0 };
      map.set(key, win);
    }
    return win;
  }

  reset(): void {
    this.windows.clear();
    this.daily.clear();
  }
}
