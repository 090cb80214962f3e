/**
 * What the emulator served, for tests and benchmarks: per bucket the requests, 429s, and the highest
 * number of requests admitted (not answered 429) within one second — by fixed wall-clock second and
 * by any sliding one-second window (arrivals t with end - 1000 < t <= end), counted on arrival times.
 */
export interface BucketStats {
  requests: number;
  admitted: number;
  http_429: number;
  max_per_second: number;
  max_per_sliding_second: number;
  by_status: Record<string, number>;
}

/** How long arrivals are kept for the peaks: far beyond any request's time in flight. */
const KEEP_MS = 60_000;

/**
 * Arrival times of one bucket's admitted requests, sorted, and the peaks over them. Requests are recorded
 * when they finish, not in the order they arrived: a slow answer is recorded after quicker ones that
 * arrived later, so each arrival is inserted in place and the windows it falls in are counted again.
 */
class Arrivals {
  private readonly times: number[] = [];
  private readonly perSecond = new Map<number, number>();

  /** Adds one arrival; returns the peaks of the fixed seconds and sliding seconds it belongs to. */
  add(atMs: number): { second: number; sliding: number } {
    const { times } = this;
    let at = times.length;
    while (at > 0 && times[at - 1] > atMs) at--;
    times.splice(at, 0, atMs);
    const second = Math.floor(atMs / 1000);
    const inSecond = (this.perSecond.get(second) ?? 0) + 1;
    this.perSecond.set(second, inSecond);

    // Sliding windows (t - 1000, t] holding atMs end at an arrival t in [atMs, atMs + 1000).
    let sliding = 0;
    let first = lowerBound(times, atMs - 999);
    for (let end = at; end < times.length && times[end] < atMs + 1000; end++) {
      while (times[first] <= times[end] - 1000) first++;
      sliding = Math.max(sliding, end - first + 1);
    }
    this.trim(times[times.length - 1] - KEEP_MS);
    return { second: inSecond, sliding };
  }

  private trim(before: number): void {
    let drop = 0;
    while (drop < this.times.length && this.times[drop] < before) drop++;
    if (drop) this.times.splice(0, drop);
    for (const second of this.perSecond.keys()) if (second * 1000 < before - 1000) this.perSecond.delete(second);
  }
}

/** Index of the first element of a sorted array that is at least `value`. */
function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class RequestStats {
  private buckets = new Map<string, BucketStats>();
  private operations = new Map<string, number>();
  private arrivals = new Map<string, Arrivals>();
  startedAt = Date.now();

  record(bucket: string, operation: string, status: number, admitted: boolean, atMs: number = Date.now()): void {
    const stats = this.bucket(bucket);
    stats.requests++;
    stats.by_status[status] = (stats.by_status[status] ?? 0) + 1;
    if (status === 429) stats.http_429++;
    this.operations.set(operation, (this.operations.get(operation) ?? 0) + 1);
    if (!admitted) return;
    stats.admitted++;
    let arrivals = this.arrivals.get(bucket);
    if (!arrivals) this.arrivals.set(bucket, (arrivals = new Arrivals()));
    const peaks = arrivals.add(atMs);
    stats.max_per_second = Math.max(stats.max_per_second, peaks.second);
    stats.max_per_sliding_second = Math.max(stats.max_per_sliding_second, peaks.sliding);
  }

  private bucket(name: string): BucketStats {
    let stats = this.buckets.get(name);
    if (!stats) {
      stats = { requests: 0, admitted: 0, http_429: 0, max_per_second: 0, max_per_sliding_second: 0, by_status: {} };
      this.buckets.set(name, stats);
    }
    return stats;
  }

  snapshot(): { since: string; labels: Record<string, BucketStats>; operations: Record<string, number> } {
    return {
      since: new Date(this.startedAt).toISOString(),
      labels: Object.fromEntries(this.buckets),
      operations: Object.fromEntries(this.operations),
    };
  }

  reset(): void {
    this.buckets = new Map();
    this.operations = new Map();
    this.arrivals = new Map();
    this.startedAt = Date.now();
  }
}
