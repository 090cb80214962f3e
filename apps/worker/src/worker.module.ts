import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import {
  ArchiveWriter,
  ArchivedFilesRepository,
  ChannelArchiveRepository,
  FileStore,
  SyncStateRepository,
  archiveDataSourceOptions,
} from '#libs/archive';
import { ZoomClient, zoomClientOptionsFromEnv } from '#libs/zoom-client';
import type { SyncConfig } from '#libs/sync';
import { redisOptions } from '#libs/sync';
import { EXPORTS_QUEUE } from '#libs/sync';
import { exportProviders } from './exports/export.providers.js';
import { HealthController } from './health/health.controller.js';
import { SYNC_QUEUE } from '#libs/sync';
import { SyncQueue } from '#libs/sync';
import { MetricsController } from './metrics/metrics.controller.js';
import { SyncMetrics } from './metrics/sync-metrics.js';
import { RedisRateGate } from './rate/redis-rate-gate.js';
import { SyncProcessor } from './sync/sync.processor.js';
import { SyncScheduler } from './sync/sync-scheduler.js';
import { ChannelSyncService } from './sync/channel-sync.service.js';
import { SyncService } from './sync/sync.service.js';
import { ZoomChannelSource } from './sync/zoom-channel.source.js';
import { ZoomReportSource } from './sync/zoom-report.source.js';
import {
  CHANNEL_SYNC_SERVICE,
  DATA_SOURCE,
  METRICS,
  REDIS,
  SYNC_CONFIG,
  SYNC_QUEUE_PORT,
  SYNC_SERVICE,
  ZOOM_CLIENT,
} from './worker.tokens.js';

/** The worker process: sync and export jobs from their queues, the ticks, /metrics and /health. */
@Module({})
export class WorkerModule {
  static forConfig(config: SyncConfig, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const metrics = new SyncMetrics();
    const redis = new Redis(redisOptions(config.redisUrl));
    const gate = new RedisRateGate(redis, {
      accountId: config.accountId,
      plan: config.plan,
      budget: config.rateBudget,
      prefix: config.queuePrefix,
    });
    const client = new ZoomClient({
      ...zoomClientOptionsFromEnv(env),
      rateGate: (endpoint) => gate.acquire(endpoint),
      onResponse: (event) => {
        metrics.zoomRequests.inc({ label: event.endpoint.label ?? 'File', status: String(event.status) });
        if (event.status === 429) metrics.zoom429.inc({ type: event.rateLimit?.type ?? 'QPS' });
      },
    });
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot({ connection: redisOptions(config.redisUrl), prefix: config.queuePrefix }),
        BullModule.registerQueue({ name: SYNC_QUEUE }),
        BullModule.registerQueue({ name: EXPORTS_QUEUE }),
      ],
      controllers: [MetricsController, HealthController],
      providers: [
        { provide: SYNC_CONFIG, useValue: config },
        { provide: METRICS, useValue: metrics },
        { provide: REDIS, useValue: redis },
        { provide: ZOOM_CLIENT, useValue: client },
        {
          provide: DATA_SOURCE,
          useFactory: () => new DataSource(archiveDataSourceOptions(config.databaseUrl)).initialize(),
        },
        {
          provide: SYNC_QUEUE_PORT,
          inject: [getQueueToken(SYNC_QUEUE)],
          useFactory: (queue: Queue) => new SyncQueue(queue),
        },
        {
          provide: SYNC_SERVICE,
          inject: [DATA_SOURCE, SYNC_QUEUE_PORT],
          useFactory: (db: DataSource, queue: SyncQueue) =>
            new SyncService({
              config,
              state: new SyncStateRepository(db),
              writer: new ArchiveWriter(db),
              files: new ArchivedFilesRepository(db),
              channels: new ChannelArchiveRepository(db),
              fileStore: new FileStore(config.filesDir, config.fileMaxBytes),
              source: new ZoomReportSource(client, gate),
              client,
              queue,
              metrics,
            }),
        },
        {
          provide: CHANNEL_SYNC_SERVICE,
          inject: [DATA_SOURCE],
          useFactory: (db: DataSource) =>
            new ChannelSyncService({
              accountId: config.accountId,
              channels: new ChannelArchiveRepository(db),
              source: new ZoomChannelSource(client, gate),
              metrics,
            }),
        },
        SyncProcessor,
        SyncScheduler,
        ...exportProviders(config),
      ],
    };
  }
}
