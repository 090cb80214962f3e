import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A channel as the channel endpoints describe it (REFERENCE §2 Channel). */
@Entity({ name: 'channels' })
export class Channel {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_channels' })
  id!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  @Column({ type: 'text', default: '' })
  name!: string;

  /** Zoom's 0..5 channel type; null until a channel endpoint has been read. */
  @Column({ type: 'integer', nullable: true })
  type!: number | null;

  @Column({ type: 'text', default: 'active' })
  status!: string;

  @Column({ type: 'jsonb', nullable: true })
  settings!: Record<string, unknown> | null;

  /** When the last complete member listing ended; removals it implied are as of then. */
  @Column({ name: 'members_synced_at', type: 'timestamptz', nullable: true })
  membersSyncedAt!: Date | null;

  /** Why the last sync of the channel read nothing (no member could see it, a permanent error); null after a good one. */
  @Column({ type: 'text', nullable: true })
  warning!: string | null;

  @Column({ name: 'warning_at', type: 'timestamptz', nullable: true })
  warningAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
