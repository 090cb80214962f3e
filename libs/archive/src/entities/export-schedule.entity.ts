import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ExportFormat, ExportOptions, ExportPeriod, StoredExportFilters } from '../exports/export-format.types.js';

/**
 * An export that runs on a cron in a time zone, over a window relative to each tick (the previous day,
 * week or month in that zone). Its runs are export_jobs rows with its id and the tick's time.
 */
@Entity({ name: 'export_schedules' })
@Check('ck_export_schedules_period', "period IN ('previous_day', 'previous_week', 'previous_month')")
@Check('ck_export_schedules_format', "format IN ('messages.csv', 'changes.csv', 'jsonl')")
@Check('ck_export_schedules_retention', 'retention_days > 0')
@Index('ix_export_schedules_created', ['createdAt', 'id'])
export class ExportSchedule {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_export_schedules' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  cron!: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ type: 'text' })
  period!: ExportPeriod;

  @Column({ type: 'text' })
  format!: ExportFormat;

  /** Search filters without from/to: the period gives the window. */
  @Column({ type: 'jsonb', default: {} })
  filters!: StoredExportFilters;

  @Column({ type: 'jsonb', default: {} })
  options!: ExportOptions;

  /** Days a run's artifact is kept; then it is deleted and the run marked expired. */
  @Column({ name: 'retention_days', type: 'integer' })
  retentionDays!: number;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
