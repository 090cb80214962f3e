import { DEFAULT_RETRY, backoffDelayMs, withJitter } from './backoff.js';

const policy = { limit: 10, baseDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelayMs', () => {
  it('doubles per retry, between half and all of the step', () => {
    for (const [retry, step] of [
      [1, 100],
      [2, 200],
      [3, 400],
      [4, 800],
    ]) {
      expect(backoffDelayMs(retry, policy, () => 0)).toBe(step / 2);
      expect(backoffDelayMs(retry, policy, () => 0.999_999)).toBe(step);
    }
  });

  it('never exceeds maxDelayMs, however many retries', () => {
    for (let retry = 1; retry <= 60; retry++) {
      const delay = backoffDelayMs(retry, policy);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
    }
    expect(backoffDelayMs(60, policy, () => 0)).toBe(500);
  });

  it('defaults to 4 retries from 250 ms up to 10 s', () => {
    expect(DEFAULT_RETRY).toEqual({ limit: 4, baseDelayMs: 250, maxDelayMs: 10_000 });
  });
});

describe('withJitter', () => {
  it('adds at most a tenth of the wait, and at most 250 ms', () => {
    expect(withJitter(1000, () => 0)).toBe(1000);
    expect(withJitter(1000, () => 1)).toBe(1100);
    expect(withJitter(60_000, () => 1)).toBe(60_250);
  });
});
