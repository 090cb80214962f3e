import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import {
  EXPORTS_QUEUE,
  EXPORT_JOB_NAMES,
  type ExportJobName,
  type FireScheduleJob,
  type RenderExportJob,
  type SyncConfig,
} from '#libs/sync';
import { SYNC_CONFIG } from '../worker.tokens.js';
import { EXPORT_RENDERER, EXPORT_SCHEDULES, EXPORT_JOBS } from './export.tokens.js';
import type { ExportRendererService } from './export-renderer.service.js';
import type { ExportScheduleService } from './export-schedule.service.js';
import type { ExportJobsRepository } from '#libs/archive';

type Handler = (job: Job) => Promise<unknown>;

/** Runs export jobs: renders, schedule ticks, the retention sweep. */
@Processor(EXPORTS_QUEUE)
export class ExportProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(ExportProcessor.name);
  private readonly handlers: Record<ExportJobName, Handler>;

  constructor(
    @Inject(EXPORT_RENDERER) private readonly renderer: ExportRendererService,
    @Inject(EXPORT_SCHEDULES) private readonly schedules: ExportScheduleService,
    @Inject(EXPORT_JOBS) private readonly jobs: ExportJobsRepository,
    @Inject(SYNC_CONFIG) private readonly config: SyncConfig,
  ) {
    super();
    this.handlers = {
      render: (job) => this.renderer.render((job.data as RenderExportJob).exportId),
      // The tick's planned time, not the time the job ran: a late job still exports the right period.
      fire: (job) =>
        this.schedules.fire((job.data as FireScheduleJob).scheduleId, new Date(job.opts.prevMillis ?? job.timestamp)),
      sweep: () => this.schedules.sweep(),
    };
    const missing = EXPORT_JOB_NAMES.filter((name) => !this.handlers[name]);
    if (missing.length) throw new Error(`No handler for export jobs: ${missing.join(', ')}`);
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.exportConcurrency;
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as ExportJobName];
    if (!handler) throw new UnrecoverableError(`Unknown export job "${job.name}"`);
    try {
      return await handler(job);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.error(`${job.name} ${job.id} failed${lastAttempt ? ' after its last attempt' : ''}: ${reason}`);
      // Never left "running" with no error (COMPLIANCE: jobs stuck in progress for weeks).
      if (job.name === 'render' && lastAttempt) await this.jobs.fail((job.data as RenderExportJob).exportId, reason);
      throw error;
    }
  }
}
