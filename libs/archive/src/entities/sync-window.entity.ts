import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SyncWindowMode = 'sent' | 'modified';
export type SyncWindowStatus = 'pending' | 'running' | 'done' | 'failed';

/**
 * The state of one account × session × report window × mode (DESIGN invariant 4). `sent` windows select
 * messages by send time; `modified` windows by modification time (`query_all_modifications`, REFERENCE §7.6).
 */
@Entity({ name: 'sync_windows' })
@Check('ck_sync_windows_mode', "mode IN ('sent', 'modified')")
@Check('ck_sync_windows_status', "status IN ('pending', 'running', 'done', 'failed')")
@Index('ix_sync_windows_account_status', ['accountId', 'status'])
@Index('ix_sync_windows_account_from', ['accountId', 'windowFrom'])
@Index('ix_sync_windows_last_run', ['lastRunId'])
export class SyncWindow {
  @PrimaryColumn({ name: 'account_id', type: 'text', primaryKeyConstraintName: 'pk_sync_windows' })
  accountId!: string;

  @PrimaryColumn({ name: 'session_id', type: 'text', primaryKeyConstraintName: 'pk_sync_windows' })
  sessionId!: string;

  @PrimaryColumn({ name: 'window_from', type: 'date', primaryKeyConstraintName: 'pk_sync_windows' })
  windowFrom!: string;

  @PrimaryColumn({ name: 'window_to', type: 'date', primaryKeyConstraintName: 'pk_sync_windows' })
  windowTo!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_sync_windows' })
  mode!: SyncWindowMode;

  @Column({ type: 'text', default: 'pending' })
  status!: SyncWindowStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', default: 0 })
  pages!: number;

  @Column({ name: 'messages_seen', type: 'integer', default: 0 })
  messagesSeen!: number;

  @Column({ name: 'versions_added', type: 'integer', default: 0 })
  versionsAdded!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_run_id', type: 'uuid', nullable: true })
  lastRunId!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
