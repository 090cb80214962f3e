import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import {
  AuditLogRepository,
  ExportJobsRepository,
  ExportSchedulesRepository,
  ExportSourceRepository,
  ExportWarningsRepository,
  MessageFilterRepository,
} from '#libs/archive';
import { EXPORTS_QUEUE, ExportQueue, type SyncConfig } from '#libs/sync';
import { DATA_SOURCE } from '../worker.tokens.js';
import { EXPORT_JOBS, EXPORT_QUEUE_PORT, EXPORT_RENDERER, EXPORT_SCHEDULES } from './export.tokens.js';
import { ExportProcessor } from './export.processor.js';
import { ExportRendererService } from './export-renderer.service.js';
import { ExportScheduleService } from './export-schedule.service.js';
import { ExportScheduler } from './export-scheduler.js';

/** The worker's export side: the processor of the exports queue, its services and the schedulers. */
export function exportProviders(config: SyncConfig): Provider[] {
  return [
    { provide: EXPORT_JOBS, inject: [DATA_SOURCE], useFactory: (db: DataSource) => new ExportJobsRepository(db) },
    {
      provide: EXPORT_QUEUE_PORT,
      inject: [getQueueToken(EXPORTS_QUEUE)],
      useFactory: (queue: Queue) => new ExportQueue(queue),
    },
    {
      provide: EXPORT_RENDERER,
      inject: [DATA_SOURCE, EXPORT_JOBS],
      useFactory: (db: DataSource, jobs: ExportJobsRepository) =>
        new ExportRendererService({
          config,
          jobs,
          filters: new MessageFilterRepository(db),
          source: new ExportSourceRepository(db),
          warnings: new ExportWarningsRepository(db),
        }),
    },
    {
      provide: EXPORT_SCHEDULES,
      inject: [DATA_SOURCE, EXPORT_JOBS, EXPORT_QUEUE_PORT, EXPORT_RENDERER],
      useFactory: (db: DataSource, jobs: ExportJobsRepository, queue: ExportQueue, renderer: ExportRendererService) =>
        new ExportScheduleService({
          schedules: new ExportSchedulesRepository(db),
          jobs,
          queue,
          audit: new AuditLogRepository(db),
          artifactPath: (name) => renderer.artifactPath(name),
        }),
    },
    ExportProcessor,
    ExportScheduler,
  ];
}
