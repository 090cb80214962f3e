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

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
