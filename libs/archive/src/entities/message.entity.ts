import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ChatSession } from './chat-session.entity.js';

/**
 * The current view of a message. Every column after `forward_id` is derived from message_versions by the
 * writer and can be rebuilt from them at any time; the versions are the evidence.
 */
@Entity({ name: 'messages' })
@Index('ix_messages_session_sent', ['sessionId', 'sentAt', 'id'])
@Index('ix_messages_sender_sent', ['senderMemberId', 'sentAt'])
@Index('ix_messages_sent', ['sentAt', 'id'])
@Index('ix_messages_deleted', ['sentAt', 'id'], { where: 'deleted_at IS NOT NULL' })
@Index('ix_messages_edited', ['sentAt', 'id'], { where: 'edit_count > 0' })
@Index('ix_messages_reply', ['replyMainMessageId'], { where: 'reply_main_message_id IS NOT NULL' })
@Index('ix_messages_external', ['sentAt', 'id'], { where: 'is_sender_external' })
@Index('ix_messages_files', ['sentAt', 'id'], { where: 'has_files' })
@Index('ix_messages_id_sent', ['id', 'sentAt'])
export class Message {
  /** Zoom's message id without braces, upper-cased: Zoom sends the same GUID both ways (REFERENCE §1.4). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_messages' })
  id!: string;

  /** The id exactly as Zoom sent it, braces kept, for calls back to Zoom. */
  @Column({ name: 'zoom_id', type: 'text' })
  zoomId!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  @Column({ name: 'session_id', type: 'text' })
  @ForeignKey(() => ChatSession, { name: 'fk_messages_session' })
  sessionId!: string;

  @Column({ name: 'sender_member_id', type: 'text' })
  senderMemberId!: string;

  /** Empty when the sender is outside the account and not a contact (REFERENCE §3 #1). */
  @Column({ name: 'sender_email', type: 'text', default: '' })
  senderEmail!: string;

  @Column({ name: 'sender_display_name', type: 'text', default: '' })
  senderDisplayName!: string;

  @Column({ type: 'text', nullable: true })
  receiver!: string | null;

  @Column({ name: 'is_sender_external', type: 'boolean', default: false })
  isSenderExternal!: boolean;

  @Column({ name: 'is_bot', type: 'boolean', default: false })
  isBot!: boolean;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  /** Zoom's `timestamp` in epoch ms, kept exactly (timestamptz has microseconds, but this is the key Zoom uses). */
  @Column({ name: 'sent_ts', type: 'bigint' })
  sentTs!: string;

  @Column({ name: 'reply_main_message_id', type: 'text', nullable: true })
  replyMainMessageId!: string | null;

  @Column({ name: 'forward_id', type: 'text', nullable: true })
  forwardId!: string | null;

  @Column({ name: 'current_text', type: 'text', default: '' })
  currentText!: string;

  /** Null when the original was never observed (the message was first seen already edited or deleted). */
  @Column({ name: 'original_text', type: 'text', nullable: true })
  originalText!: string | null;

  @Column({ name: 'version_count', type: 'integer', default: 0 })
  versionCount!: number;

  @Column({ name: 'edit_count', type: 'integer', default: 0 })
  editCount!: number;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ name: 'has_files', type: 'boolean', default: false })
  hasFiles!: boolean;

  @Column({ name: 'first_observed_at', type: 'timestamptz' })
  firstObservedAt!: Date;

  @Column({ name: 'last_observed_at', type: 'timestamptz' })
  lastObservedAt!: Date;
}
