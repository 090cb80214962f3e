import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { SyncConfig } from '#libs/sync';
import { SYNC_QUEUE, SyncQueue } from '#libs/sync';
import { SYNC_CONFIG } from '../worker.tokens.js';

/**
 * The sync tick. A BullMQ job scheduler produces one `plan` job per cron occurrence however many
 * worker processes upsert it (a cron in every process would plan once per process).
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(SyncScheduler.name);

  constructor(
    @InjectQueue(SYNC_QUEUE) private readonly queue: Queue,
    @Inject(SYNC_CONFIG) private readonly config: SyncConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'sync-tick',
      { pattern: this.config.syncCron, tz: 'UTC' },
      { name: 'plan', data: {} },
    );
    // A starting worker catches up at once rather than at the next tick; workers starting close together plan once.
    const queue = new SyncQueue(this.queue);
    await queue.startupPlan();
    // Files a killed worker left undownloaded are fetched at every start, whether or not this start planned.
    await queue.pendingFiles();
    this.logger.log(`Sync scheduled: ${this.config.syncCron} (UTC); catching up now`);
  }
}
