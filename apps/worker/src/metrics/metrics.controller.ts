import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { SyncQueue } from '#libs/sync';
import { METRICS, SYNC_QUEUE_PORT, DATA_SOURCE } from '../worker.tokens.js';
import type { SyncMetrics } from './sync-metrics.js';
import type { DataSource } from 'typeorm';

@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: SyncMetrics,
    @Inject(SYNC_QUEUE_PORT) private readonly queue: SyncQueue,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
  ) {}

  /** Prometheus exposition; queue depth and sync lag are read at scrape time. */
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    for (const [state, count] of Object.entries(await this.queue.depth()))
      this.metrics.queueDepth.set({ state }, count);
    const rows: { lag: number | null }[] = await this.db.query(
      'SELECT EXTRACT(EPOCH FROM now() - max(completed_at))::float8 AS lag FROM sync_windows',
    );
    if (rows[0]?.lag !== null && rows[0]?.lag !== undefined) this.metrics.syncLag.set(rows[0].lag);
    return this.metrics.registry.metrics();
  }
}
