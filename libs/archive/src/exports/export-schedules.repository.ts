import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ExportSchedule } from '../entities/export-schedule.entity.js';
import type { ExportPeriod } from './export-format.types.js';

export type NewExportSchedule = Pick<
  ExportSchedule,
  'name' | 'cron' | 'timeZone' | 'period' | 'format' | 'filters' | 'options' | 'retentionDays' | 'enabled' | 'createdBy'
>;

export type ExportScheduleChanges = Partial<Omit<NewExportSchedule, 'createdBy'>>;

/** export_schedules: plain CRUD, newest first. */
export class ExportSchedulesRepository {
  constructor(private readonly db: DataSource) {}

  async create(input: NewExportSchedule): Promise<ExportSchedule> {
    const id = randomUUID();
    await this.db.getRepository(ExportSchedule).insert({ id, ...input });
    return (await this.get(id))!;
  }

  get(id: string): Promise<ExportSchedule | null> {
    return this.db.getRepository(ExportSchedule).findOneBy({ id });
  }

  async list(limit: number, after?: { createdAt: string; id: string }): Promise<ExportSchedule[]> {
    const qb = this.db
      .getRepository(ExportSchedule)
      .createQueryBuilder('s')
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit);
    if (after) {
      qb.where('(s.created_at, s.id) < (:createdAt::timestamptz, :id::uuid)', after);
    }
    return qb.getMany();
  }

  /** created_at to the microsecond, for a keyset cursor. */
  async createdKey(id: string): Promise<string | null> {
    const [row] = await this.db.query<{ key: string }[]>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS key FROM export_schedules WHERE id = $1`,
      [id],
    );
    return row?.key ?? null;
  }

  async enabled(): Promise<ExportSchedule[]> {
    return this.db.getRepository(ExportSchedule).find({ where: { enabled: true }, order: { createdAt: 'ASC' } });
  }

  async update(id: string, changes: ExportScheduleChanges): Promise<ExportSchedule | null> {
    if (Object.keys(changes).length) {
      await this.db.getRepository(ExportSchedule).update({ id }, { ...changes, updatedAt: () => 'now()' });
    }
    return this.get(id);
  }

  /**
   * The window of a period before a tick, in the schedule's zone: the previous calendar day, ISO week
   * (Monday to Monday) or month. Postgres does the calendar arithmetic on local times, so a day across a
   * daylight-saving change is 23 or 25 hours long, as it should be.
   */
  async periodWindow(tick: Date, timeZone: string, period: ExportPeriod): Promise<{ from: Date; to: Date }> {
    const unit = { previous_day: 'day', previous_week: 'week', previous_month: 'month' }[period];
    const [row] = await this.db.query<{ from: Date; to: Date }[]>(
      `WITH local AS (SELECT date_trunc($3, $1::timestamptz AT TIME ZONE $2) AS start)
       SELECT (start - ('1 ' || $3)::interval) AT TIME ZONE $2 AS "from", start AT TIME ZONE $2 AS "to" FROM local`,
      [tick, timeZone, unit],
    );
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.getRepository(ExportSchedule).delete({ id });
    return (result.affected ?? 0) > 0;
  }
}
