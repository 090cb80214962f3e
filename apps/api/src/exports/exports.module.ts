import { Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ExportJobsRepository, ExportSchedulesRepository } from '#libs/archive';
import { EXPORTS_QUEUE, ExportQueue, redisOptions } from '#libs/sync';
import { API_CONFIG, DATA_SOURCE } from '../api.tokens.js';
import type { ApiConfig } from '../config/api-config.js';
import { ExportValidationService } from './export-validation.service.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';
import { EXPORT_JOBS, EXPORT_QUEUE_PORT, EXPORT_SCHEDULES } from './exports.tokens.js';
import { TimeZonesRepository } from './time-zones.repository.js';

const BULL_EXPORTS_QUEUE = Symbol('BullExportsQueue');

@Injectable()
class ExportsQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(BULL_EXPORTS_QUEUE) private readonly queue: Queue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}

function exportsQueue(config: ApiConfig): Queue {
  // As the sync queue's: a request must not hang on a Redis that is down.
  const connection = { ...redisOptions(config.redisUrl), maxRetriesPerRequest: 1, connectTimeout: 5_000 };
  const queue = new Queue(EXPORTS_QUEUE, { connection, prefix: config.queuePrefix });
  const logger = new Logger('Connections');
  queue.on('error', (error) => logger.warn({ err: error, dependency: 'exports queue' }, 'exports queue error'));
  return queue;
}

/** POST/GET /exports, GET /exports/:id(/download), POST /exports/:id/cancel; shared by reports and schedules. */
@Module({
  controllers: [ExportsController],
  providers: [
    { provide: EXPORT_JOBS, inject: [DATA_SOURCE], useFactory: (db: DataSource) => new ExportJobsRepository(db) },
    {
      provide: EXPORT_SCHEDULES,
      inject: [DATA_SOURCE],
      useFactory: (db: DataSource) => new ExportSchedulesRepository(db),
    },
    { provide: BULL_EXPORTS_QUEUE, inject: [API_CONFIG], useFactory: exportsQueue },
    { provide: EXPORT_QUEUE_PORT, inject: [BULL_EXPORTS_QUEUE], useFactory: (queue: Queue) => new ExportQueue(queue) },
    ExportsQueueCloser,
    TimeZonesRepository,
    ExportValidationService,
    ExportsService,
  ],
  exports: [EXPORT_JOBS, EXPORT_SCHEDULES, EXPORT_QUEUE_PORT, ExportValidationService, ExportsService],
})
export class ExportsModule {}
