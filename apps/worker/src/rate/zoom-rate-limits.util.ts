import { ZoomRateLimitError } from '#libs/zoom-client';
import { endpointByOperationId } from '#libs/zoom-contract';
import { RatePausedError, type RedisRateGate } from './redis-rate-gate.js';

/** How many times one call is made again after short per-second 429s before the job gives up its slot. */
const QPS_RETRIES = 20;

/**
 * One Zoom call under the account's shared budget (the client's rate gate admits it by the endpoint's own
 * label). A 429 pauses that label for every worker: briefly for a per-second limit, until the reset for a
 * daily limit (RatePausedError delays the job) — never failing the job.
 */
export async function withZoomRateLimits<T>(
  gate: RedisRateGate,
  operationId: string,
  call: () => Promise<T>,
): Promise<T> {
  const endpoint = endpointByOperationId(operationId);
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ZoomRateLimitError)) throw error;
      if (error.kind === 'Daily-limit') {
        // The daily cap is shared by Heavy and Resource-intensive (REFERENCE §5).
        await gate.pauseFor('Heavy', error.retryAfterMs);
        await gate.pauseFor('Resource-intensive', error.retryAfterMs);
        if (endpoint.label) await gate.pauseFor(endpoint.label, error.retryAfterMs);
        throw new RatePausedError(Date.now() + error.retryAfterMs);
      }
      await gate.pauseFor(endpoint.label ?? 'File', Math.max(error.retryAfterMs, 1_000));
      if (attempt >= QPS_RETRIES) throw new RatePausedError(Date.now() + Math.max(error.retryAfterMs, 1_000));
    }
  }
}
