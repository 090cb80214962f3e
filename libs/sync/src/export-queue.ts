import type { JobsOptions, Queue } from 'bullmq';
import { EXPORT_RETRY_POLICY, EXPORT_SWEEP_SCHEDULER, exportSchedulerId } from './export-jobs.catalogue.js';

const SCHEDULER_PREFIX = exportSchedulerId('');

/** Enqueueing exports behind one class: job ids, schedulers and retry policy come from the catalogue. */
export class ExportQueue {
  constructor(private readonly queue: Queue) {}

  private options(name: keyof typeof EXPORT_RETRY_POLICY): JobsOptions {
    return { ...EXPORT_RETRY_POLICY[name], removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 } };
  }

  /** The job id is the export's: enqueueing the same export twice renders it once. */
  async render(exportId: string): Promise<void> {
    await this.queue.add('render', { exportId }, { ...this.options('render'), jobId: `render__${exportId}` });
  }

  /** One `fire` job per cron occurrence in the schedule's zone, however many processes upsert it. */
  async upsertSchedule(schedule: { id: string; cron: string; timeZone: string }): Promise<void> {
    await this.queue.upsertJobScheduler(
      exportSchedulerId(schedule.id),
      { pattern: schedule.cron, tz: schedule.timeZone },
      { name: 'fire', data: { scheduleId: schedule.id }, opts: this.options('fire') },
    );
  }

  async removeSchedule(scheduleId: string): Promise<void> {
    await this.queue.removeJobScheduler(exportSchedulerId(scheduleId));
  }

  /** Ids of the schedules that have a job scheduler in Redis. */
  async scheduledIds(): Promise<string[]> {
    const schedulers = await this.queue.getJobSchedulers(0, -1);
    return schedulers
      .map((s) => s.key)
      .filter((key) => key.startsWith(SCHEDULER_PREFIX))
      .map((key) => key.slice(SCHEDULER_PREFIX.length));
  }

  async upsertSweep(cron: string): Promise<void> {
    await this.queue.upsertJobScheduler(
      EXPORT_SWEEP_SCHEDULER,
      { pattern: cron, tz: 'UTC' },
      { name: 'sweep', data: {}, opts: this.options('sweep') },
    );
  }
}
