import { Clock } from '../clock/clock.service.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  const clock = new Clock('2026-11-20T10:00:00.000Z');

  it('admits the plan limit per second per account and label, then answers QPS', () => {
    const limiter = new RateLimiter(clock, 'business', 1);
    clock.set('2026-11-20T10:00:00.000Z');
    const decisions = Array.from({ length: 61 }, () => limiter.check('a', 'Medium'));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(60);
    expect(decisions[60]).toMatchObject({ allowed: false, type: 'QPS' });
    expect(limiter.check('b', 'Medium').allowed).toBe(true);
    expect(limiter.check('a', 'Light').allowed).toBe(true);
    clock.advance(1000);
    expect(limiter.check('a', 'Medium').allowed).toBe(true);
  });

  it('counts Resource-intensive per minute', () => {
    const limiter = new RateLimiter(clock, 'pro', 1);
    const allowed = Array.from({ length: 12 }, () => limiter.check('a', 'Resource-intensive')).filter((d) => d.allowed);
    expect(allowed).toHaveLength(10);
  });

  it('shares the daily cap between Heavy and Resource-intensive and resets at midnight UTC', () => {
    const limiter = new RateLimiter(clock, 'pro', 1);
    limiter.dailyCapOverride = 2;
    clock.set('2026-11-20T23:59:58.000Z');
    expect(limiter.check('a', 'Heavy').allowed).toBe(true);
    expect(limiter.check('a', 'Resource-intensive').allowed).toBe(true);
    const refused = limiter.check('a', 'Heavy');
    expect(refused).toMatchObject({ allowed: false, type: 'Daily-limit' });
    expect(refused.headers['Retry-After']).toBe('2026-11-21T00:00:00Z');
    clock.set('2026-11-21T00:00:00.500Z');
    expect(limiter.check('a', 'Heavy').allowed).toBe(true);
  });

  it('scales limits and switches off at scale 0', () => {
    expect(new RateLimiter(clock, 'business', 0.5).limitPerWindow('Medium').limit).toBe(30);
    const off = new RateLimiter(clock, 'business', 0);
    expect(Array.from({ length: 500 }, () => off.check('a', 'Medium')).every((d) => d.allowed)).toBe(true);
  });
});
