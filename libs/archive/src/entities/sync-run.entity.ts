import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SyncRunKind = 'scheduled' | 'manual';
export type SyncRunStatus = 'planning' | 'running' | 'done' | 'failed';

/** One sync run of an account: what was asked for and how it ended. Its windows are in sync_windows. */
@Entity({ name: 'sync_runs' })
@Check('ck_sync_runs_kind', "kind IN ('scheduled', 'manual')")
@Check('ck_sync_runs_status', "status IN ('planning', 'running', 'done', 'failed')")
@Index('ix_sync_runs_created', ['createdAt'])
@Index('ix_sync_runs_account_created', ['accountId', 'createdAt'])
export class SyncRun {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_sync_runs' })
  id!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  @Column({ type: 'text' })
  kind!: SyncRunKind;

  @Column({ name: 'requested_from', type: 'date', nullable: true })
  requestedFrom!: string | null;

  @Column({ name: 'requested_to', type: 'date', nullable: true })
  requestedTo!: string | null;

  @Column({ type: 'text', default: 'planning' })
  status!: SyncRunStatus;

  @Column({ name: 'windows_total', type: 'integer', default: 0 })
  windowsTotal!: number;

  @Column({ name: 'windows_done', type: 'integer', default: 0 })
  windowsDone!: number;

  @Column({ name: 'windows_failed', type: 'integer', default: 0 })
  windowsFailed!: number;

  @Column({ type: 'integer', default: 0 })
  messages!: number;

  @Column({ name: 'versions_added', type: 'integer', default: 0 })
  versionsAdded!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
