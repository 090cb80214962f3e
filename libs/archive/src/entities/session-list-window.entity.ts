import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { SyncWindowStatus } from './sync-window.entity.js';

/** The state of listing an account's sessions (#2) for one report window: the fan-out's first step. */
@Entity({ name: 'session_list_windows' })
@Check('ck_session_list_windows_status', "status IN ('pending', 'running', 'done', 'failed')")
export class SessionListWindow {
  @PrimaryColumn({ name: 'account_id', type: 'text', primaryKeyConstraintName: 'pk_session_list_windows' })
  accountId!: string;

  @PrimaryColumn({ name: 'window_from', type: 'date', primaryKeyConstraintName: 'pk_session_list_windows' })
  windowFrom!: string;

  @PrimaryColumn({ name: 'window_to', type: 'date', primaryKeyConstraintName: 'pk_session_list_windows' })
  windowTo!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: SyncWindowStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'sessions_found', type: 'integer', default: 0 })
  sessionsFound!: number;

  @Column({ type: 'integer', default: 0 })
  pages!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_run_id', type: 'uuid', nullable: true })
  lastRunId!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
