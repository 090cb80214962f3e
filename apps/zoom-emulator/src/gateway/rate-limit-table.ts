import type { RateLimitLabel } from '#libs/zoom-contract';

export type RateLimitPlan = 'pro' | 'business';

/**
 * Zoom's published limits per account (REFERENCE §5). Resource-intensive is per minute; Heavy and
 * Resource-intensive share one daily cap. The two file-host endpoints have their own 20 req/s.
 */
export const PER_SECOND: Record<RateLimitPlan, Record<RateLimitLabel, number>> = {
  pro: { Light: 30, Medium: 20, Heavy: 10, 'Resource-intensive': 10 / 60 },
  business: { Light: 80, Medium: 60, Heavy: 40, 'Resource-intensive': 20 / 60 },
};

export const DAILY_SHARED_CAP: Record<RateLimitPlan, number> = { pro: 30_000, business: 60_000 };

export const FILE_HOST_PER_SECOND = 20;

/** Labels whose requests count against the shared daily cap. */
export const DAILY_CAPPED_LABELS: readonly RateLimitLabel[] = ['Heavy', 'Resource-intensive'];
