import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type {
  ExportFileEntry,
  ExportFormat,
  ExportOptions,
  ExportStatus,
  StoredExportFilters,
} from '../exports/export-format.types.js';
import { ExportSchedule } from './export-schedule.entity.js';

/**
 * One export: what was asked (filters, format, options, by whom), its progress, and its artifact — a zip in
 * the export store holding the data files and manifest.json. A scheduled run has its schedule and tick;
 * the unique pair makes a tick produce one run however many workers see it.
 */
@Entity({ name: 'export_jobs' })
@Check('ck_export_jobs_status', "status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'expired')")
@Check('ck_export_jobs_format', "format IN ('messages.csv', 'changes.csv', 'jsonl')")
@Unique('uq_export_jobs_schedule_tick', ['scheduleId', 'scheduledFor'])
@Index('ix_export_jobs_created', ['createdAt', 'id'])
@Index('ix_export_jobs_expires', ['expiresAt'], { where: "status = 'done'" })
export class ExportJob {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_export_jobs' })
  id!: string;

  @Column({ type: 'text' })
  format!: ExportFormat;

  @Column({ type: 'text', default: 'queued' })
  status!: ExportStatus;

  /** As requested (a scheduled run: the schedule's filters with the tick's window). */
  @Column({ type: 'jsonb' })
  filters!: StoredExportFilters;

  @Column({ type: 'jsonb' })
  options!: ExportOptions;

  /** Null for scheduled runs and the CLI. */
  @Column({ name: 'requested_by_key_id', type: 'uuid', nullable: true })
  requestedByKeyId!: string | null;

  @Column({ name: 'requested_by_name', type: 'text' })
  requestedByName!: string;

  @Column({ name: 'requested_by_role', type: 'text', nullable: true })
  requestedByRole!: string | null;

  @Column({ name: 'schedule_id', type: 'uuid', nullable: true })
  @ForeignKey(() => ExportSchedule, { name: 'fk_export_jobs_schedule', onDelete: 'SET NULL' })
  scheduleId!: string | null;

  @Column({ name: 'scheduled_for', type: 'timestamptz', nullable: true })
  scheduledFor!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'cancel_requested_at', type: 'timestamptz', nullable: true })
  cancelRequestedAt!: Date | null;

  /** When the artifact is deleted by retention; null keeps it. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'rows_written', type: 'bigint', default: 0 })
  rowsWritten!: string;

  @Column({ type: 'jsonb', default: [] })
  files!: ExportFileEntry[];

  @Column({ type: 'jsonb', default: [] })
  warnings!: string[];

  /** File name of the zip in the export store. */
  @Column({ name: 'artifact_name', type: 'text', nullable: true })
  artifactName!: string | null;

  @Column({ name: 'artifact_bytes', type: 'bigint', nullable: true })
  artifactBytes!: string | null;

  @Column({ name: 'artifact_sha256', type: 'char', length: 64, nullable: true })
  artifactSha256!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
