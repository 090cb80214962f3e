import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Channel } from './channel.entity.js';

/**
 * Membership of a channel over time: a removal sets removed_at instead of deleting the row, so a reviewer
 * can still show who could see a message when it was sent.
 */
@Entity({ name: 'channel_members' })
export class ChannelMember {
  @PrimaryColumn({ name: 'channel_id', type: 'text', primaryKeyConstraintName: 'pk_channel_members' })
  @ForeignKey(() => Channel, { name: 'fk_channel_members_channel' })
  channelId!: string;

  @PrimaryColumn({ name: 'member_id', type: 'text', primaryKeyConstraintName: 'pk_channel_members' })
  memberId!: string;

  @Column({ name: 'user_id', type: 'text', default: '' })
  userId!: string;

  @Column({ type: 'text', default: '' })
  email!: string;

  @Column({ name: 'display_name', type: 'text', default: '' })
  displayName!: string;

  @Column({ type: 'text', default: 'member' })
  role!: string;

  @Column({ name: 'is_external', type: 'boolean', default: false })
  isExternal!: boolean;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
