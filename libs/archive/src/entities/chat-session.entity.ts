import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A session of the chat sessions report (#2): a 1:1 conversation, or a channel / group chat ('Group'). */
@Entity({ name: 'chat_sessions' })
@Index('ix_chat_sessions_account_last', ['accountId', 'lastMessageSentAt'])
export class ChatSession {
  /** 64 hex characters (REFERENCE §1.4). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_chat_sessions' })
  id!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  /** '1:1' or 'Group'; not constrained, so a new Zoom value is archived instead of rejected. */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', default: '' })
  name!: string;

  @Column({ name: 'channel_id', type: 'text', nullable: true })
  channelId!: string | null;

  @Column({ type: 'text', nullable: true })
  status!: string | null;

  @Column({ name: 'has_external_member', type: 'boolean', default: false })
  hasExternalMember!: boolean;

  @Column({ name: 'member_emails', type: 'jsonb', default: [] })
  memberEmails!: string[];

  @Column({ name: 'last_message_sent_at', type: 'timestamptz', nullable: true })
  lastMessageSentAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
