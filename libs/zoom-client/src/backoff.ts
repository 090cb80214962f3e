export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly limit: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { limit: 4, baseDelayMs: 250, maxDelayMs: 10_000 };

/**
 * Delay before retry number `retry` (1-based): exponential, capped, with "equal jitter" — half the step
 * fixed, half random — so a fleet of workers spreads out but never hammers back at once.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Largest QPS wait the client sits out itself; longer waits go back to the caller as a rate-limit error. */
export const MAX_INTERNAL_QPS_WAIT_MS = 2000;

/** A little spread on top of a server-stated wait, so callers released together do not collide again. */
export function withJitter(waitMs: number, random: () => number = Math.random): number {
  return Math.round(waitMs + random() * Math.min(250, waitMs * 0.1));
}
