/**
 * What the emulator served, for tests and benchmarks: per bucket the requests, 429s, and the highest
 * number of requests admitted (not answered 429) within one second — by fixed wall-clock second and
 * by any sliding one-second window.
 */
export interface BucketStats {
  requests: number;
  admitted: number;
  http_429: number;
  max_per_second: number;
  max_per_sliding_second: number;
  by_status: Record<string, number>;
}

export class RequestStats {
  private buckets = new Map<string, BucketStats>();
  private operations = new Map<string, number>();
  private readonly recent = new Map<string, number[]>();
  private readonly currentSecond = new Map<string, { second: number; count: number }>();
  startedAt = Date.now();

  record(bucket: string, operation: string, status: number, admitted: boolean, atMs: number = Date.now()): void {
    const stats = this.bucket(bucket);
    stats.requests++;
    stats.by_status[status] = (stats.by_status[status] ?? 0) + 1;
    if (status === 429) stats.http_429++;
    this.operations.set(operation, (this.operations.get(operation) ?? 0) + 1);
    if (!admitted) return;
    stats.admitted++;
    const second = Math.floor(atMs / 1000);
    const cur = this.currentSecond.get(bucket);
    if (!cur || cur.second !== second) this.currentSecond.set(bucket, { second, count: 1 });
    else cur.count++;
    stats.max_per_second = Math.max(stats.max_per_second, this.currentSecond.get(bucket)!.count);
    const times = this.recent.get(bucket) ?? [];
    times.push(atMs);
    while (times.length && times[0] <= atMs - 1000) times.shift();
    this.recent.set(bucket, times);
    stats.max_per_sliding_second = Math.max(stats.max_per_sliding_second, times.length);
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
    this.recent.clear();
    this.currentSecond.clear();
    this.startedAt = Date.now();
  }
}
