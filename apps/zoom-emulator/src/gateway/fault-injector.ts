/** Failure drills, set through the control plane. Randomness here is deliberate: drills are not deterministic. */
export interface FaultSettings {
  /** Share of /v2 requests answered with a 5xx (0..1). */
  error_rate: number;
  /** Latency added to every /v2 request, in ms. */
  latency_ms: number;
  /** The next N /v2 requests are answered 429 (QPS). */
  rate_limit_burst: number;
  /** Seconds in Retry-After on burst 429s; 0 sends none, as Zoom's QPS 429s documented so far. */
  burst_retry_after_s: number;
  /** Revoke every token this often (ms); 0 is off. */
  revoke_tokens_every_ms: number;
}

export const NO_FAULTS: FaultSettings = {
  error_rate: 0,
  latency_ms: 0,
  rate_limit_burst: 0,
  burst_retry_after_s: 0,
  revoke_tokens_every_ms: 0,
};

export class FaultInjector {
  settings: FaultSettings = { ...NO_FAULTS };
  injected = { errors: 0, bursts: 0, revocations: 0 };

  update(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...patch };
    return this.settings;
  }

  reset(): void {
    this.settings = { ...NO_FAULTS };
  }

  shouldFail(): boolean {
    if (this.settings.error_rate > 0 && Math.random() < this.settings.error_rate) {
      this.injected.errors++;
      return true;
    }
    return false;
  }

  takeBurst(): boolean {
    if (this.settings.rate_limit_burst <= 0) return false;
    this.settings.rate_limit_burst--;
    this.injected.bursts++;
    return true;
  }
}
