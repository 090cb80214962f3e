import { Inject, Injectable } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import type { ExportSchedule, ExportScheduleChanges, ExportSchedulesRepository } from '#libs/archive';
import type { ExportQueue } from '#libs/sync';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/api.error.js';
import { decodeCursor, encodeCursor } from '../common/cursor.util.js';
import { DEFAULT_PAGE_SIZE, type PageQueryDto } from '../common/page-query.dto.js';
import type { ExportDto } from '../exports/export.dto.js';
import { toExportOptions, toStoredFilters } from '../exports/export-request.util.js';
import { ExportValidationService } from '../exports/export-validation.service.js';
import { EXPORT_QUEUE_PORT, EXPORT_SCHEDULES } from '../exports/exports.tokens.js';
import { ExportsService, isExportPosition } from '../exports/exports.service.js';
import { type CreateExportScheduleDto, DEFAULT_CRON } from './create-export-schedule.dto.js';
import { ExportScheduleDto } from './export-schedule.dto.js';
import type { UpdateExportScheduleDto } from './update-export-schedule.dto.js';

/** Scheduled exports: rows in Postgres, one BullMQ job scheduler each while enabled. */
@Injectable()
export class ExportSchedulesService {
  constructor(
    @Inject(EXPORT_SCHEDULES) private readonly schedules: ExportSchedulesRepository,
    @Inject(EXPORT_QUEUE_PORT) private readonly queue: ExportQueue,
    private readonly validation: ExportValidationService,
    private readonly exports: ExportsService,
  ) {}

  async create(body: CreateExportScheduleDto, principal: Principal): Promise<ExportScheduleDto> {
    const fields = await this.fields(body);
    const schedule = await this.schedules.create({
      ...(fields as Required<ExportScheduleChanges>),
      enabled: body.enabled ?? true,
      createdBy: `key:${principal.keyId}`,
    });
    try {
      await this.sync(schedule);
    } catch (error) {
      await this.schedules.delete(schedule.id);
      throw error;
    }
    return ExportScheduleDto.from(schedule);
  }

  async list(query: PageQueryDto): Promise<{ data: ExportScheduleDto[]; next_cursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const position = query.cursor ? decodeCursor(query.cursor, isExportPosition) : undefined;
    const rows = await this.schedules.list(limit + 1, position && { createdAt: position.t, id: position.id });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const key = rows.length > limit && last ? await this.schedules.createdKey(last.id) : null;
    return {
      data: page.map((s) => ExportScheduleDto.from(s)),
      next_cursor: key && last ? encodeCursor({ k: 'export', t: key, id: last.id }) : null,
    };
  }

  async get(id: string): Promise<ExportScheduleDto> {
    return ExportScheduleDto.from(await this.schedule(id));
  }

  async update(id: string, body: UpdateExportScheduleDto): Promise<ExportScheduleDto> {
    const current = await this.schedule(id);
    const changes = await this.fields(body, current);
    if (body.enabled !== undefined) changes.enabled = body.enabled;
    const updated = (await this.schedules.update(id, changes)) ?? current;
    await this.sync(updated);
    return ExportScheduleDto.from(updated);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.schedules.delete(id))) throw ApiError.notFound(`No export schedule ${id}`);
    await this.queue.removeSchedule(id);
  }

  async runs(id: string, query: PageQueryDto): Promise<{ data: ExportDto[]; next_cursor: string | null }> {
    // A malformed cursor is a 400 whether or not the schedule exists.
    if (query.cursor) decodeCursor(query.cursor, isExportPosition);
    await this.schedule(id);
    return this.exports.list(query, id);
  }

  private async sync(schedule: ExportSchedule): Promise<void> {
    if (schedule.enabled) await this.queue.upsertSchedule(schedule);
    else await this.queue.removeSchedule(schedule.id);
  }

  /** The stored fields a body gives, checked: cron in its zone, the zone, the text query. */
  private async fields(body: UpdateExportScheduleDto, current?: ExportSchedule): Promise<ExportScheduleChanges> {
    const changes: ExportScheduleChanges = {};
    if (body.name !== undefined) changes.name = body.name;
    if (body.period !== undefined) changes.period = body.period;
    if (body.format !== undefined) changes.format = body.format;
    if (body.retention_days !== undefined) changes.retentionDays = body.retention_days;
    if (body.time_zone !== undefined || !current) changes.timeZone = body.time_zone ?? 'UTC';
    if (body.cron !== undefined || !current) changes.cron = (body.cron ?? DEFAULT_CRON).trim();
    if (body.filters !== undefined || !current) changes.filters = toStoredFilters(body.filters, 'filters.');
    if (body.options !== undefined || !current) {
      const { bom, formulaGuard, rowsPerFile } = toExportOptions(body.options);
      changes.options = { timeZone: changes.timeZone ?? current?.timeZone ?? 'UTC', bom, formulaGuard, rowsPerFile };
    } else if (changes.timeZone) {
      changes.options = { ...current.options, timeZone: changes.timeZone };
    }
    const timeZone = changes.timeZone ?? current!.timeZone;
    await this.validation.check(changes.filters ?? {}, { timeZone }, { q: 'filters.q', timeZone: 'time_zone' });
    validCron(changes.cron ?? current!.cron, timeZone);
    return changes;
  }

  private async schedule(id: string): Promise<ExportSchedule> {
    const schedule = await this.schedules.get(id);
    if (!schedule) throw ApiError.notFound(`No export schedule ${id}`);
    return schedule;
  }
}

/** BullMQ reads patterns with cron-parser: what it refuses, refuse here with a 400. */
function validCron(cron: string, timeZone: string): void {
  const fields = cron.split(/\s+/).length;
  try {
    if (fields < 5 || fields > 6) throw new Error('needs 5 or 6 fields');
    CronExpressionParser.parse(cron, { tz: timeZone });
  } catch (error) {
    throw ApiError.invalid('cron', `is not a cron pattern: ${error instanceof Error ? error.message : String(error)}`);
  }
}
