import { rm } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import type { AuditLogRepository, ExportJobsRepository, ExportSchedulesRepository } from '#libs/archive';
import type { ExportQueue } from '#libs/sync';

export interface ExportScheduleDeps {
  schedules: ExportSchedulesRepository;
  jobs: ExportJobsRepository;
  queue: ExportQueue;
  audit: AuditLogRepository;
  /** Full path of an artifact in the export store. */
  artifactPath(name: string): string;
}

/** Schedule ticks, the reconciliation of schedules with their job schedulers, and retention. */
export class ExportScheduleService {
  private readonly logger = new Logger(ExportScheduleService.name);

  constructor(private readonly deps: ExportScheduleDeps) {}

  /**
   * One tick of a schedule: its run over the period before the tick, created once (the tick is part of the
   * run's key, so a second worker firing the same tick creates nothing), then rendered.
   */
  async fire(scheduleId: string, tick: Date): Promise<string | null> {
    const schedule = await this.deps.schedules.get(scheduleId);
    if (!schedule || !schedule.enabled) return null;
    const window = await this.deps.schedules.periodWindow(tick, schedule.timeZone, schedule.period);
    const run = await this.deps.jobs.createScheduledRun({
      format: schedule.format,
      filters: { ...schedule.filters, from: window.from.toISOString(), to: window.to.toISOString() },
      options: schedule.options,
      requestedByKeyId: null,
      requestedByName: `schedule:${schedule.name}`,
      requestedByRole: null,
      scheduleId: schedule.id,
      scheduledFor: tick,
      expiresAt: new Date(tick.getTime() + schedule.retentionDays * 86_400_000),
    });
    if (!run) return null;
    await this.deps.audit.append({
      requestId: null,
      actorKeyId: null,
      actorName: run.requestedByName,
      role: null,
      action: 'export.schedule.run',
      target: { schedule_id: schedule.id, export_id: run.id },
      query: { filters: run.filters, format: run.format, scheduled_for: tick.toISOString() },
      resultCount: null,
      statusCode: null,
      clientAddress: null,
    });
    await this.deps.queue.render(run.id);
    return run.id;
  }

  /** Job schedulers match the enabled schedules in Postgres (Redis holds only queue state). */
  async reconcile(): Promise<void> {
    const [enabled, scheduled] = await Promise.all([this.deps.schedules.enabled(), this.deps.queue.scheduledIds()]);
    const wanted = new Set(enabled.map((s) => s.id));
    for (const schedule of enabled) await this.deps.queue.upsertSchedule(schedule);
    for (const id of scheduled.filter((id) => !wanted.has(id))) await this.deps.queue.removeSchedule(id);
  }

  /** Deletes artifacts whose retention passed and marks their exports expired; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const expired = await this.deps.jobs.expired(now);
    for (const job of expired) {
      if (job.artifactName) await rm(this.deps.artifactPath(job.artifactName), { force: true });
      await this.deps.jobs.markExpired(job.id);
    }
    if (expired.length) this.logger.log(`Removed ${expired.length} expired export artifact(s)`);
    return expired.length;
  }
}
