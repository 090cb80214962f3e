import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ExportQueue, SyncConfig } from '#libs/sync';
import { SYNC_CONFIG } from '../worker.tokens.js';
import { EXPORT_QUEUE_PORT, EXPORT_SCHEDULES } from './export.tokens.js';
import type { ExportScheduleService } from './export-schedule.service.js';

/**
 * At start: one BullMQ job scheduler per enabled export schedule (the API upserts them on every change; this
 * restores them after a Redis loss) and the retention sweep's. Upserts are idempotent across workers.
 */
@Injectable()
export class ExportScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExportScheduler.name);

  constructor(
    @Inject(EXPORT_SCHEDULES) private readonly schedules: ExportScheduleService,
    @Inject(EXPORT_QUEUE_PORT) private readonly queue: ExportQueue,
    @Inject(SYNC_CONFIG) private readonly config: SyncConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.reconcile();
    await this.queue.upsertSweep(this.config.exportSweepCron);
    this.logger.log(`Export schedules reconciled; retention sweep ${this.config.exportSweepCron} (UTC)`);
  }
}
