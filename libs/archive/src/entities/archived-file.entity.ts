import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Message } from './message.entity.js';

export type ArchivedFileStatus = 'pending' | 'stored' | 'too_large' | 'failed';

/** A file attached to a message. The bytes live in the FileStore under content_sha256, not in the database. */
@Entity({ name: 'archived_files' })
@Check('ck_archived_files_status', "status IN ('pending', 'stored', 'too_large', 'failed')")
@Index('ix_archived_files_message', ['messageId'])
@Index('ix_archived_files_todo', ['firstSeenAt'], { where: "status IN ('pending', 'failed')" })
export class ArchivedFile {
  @PrimaryColumn({ name: 'file_id', type: 'text', primaryKeyConstraintName: 'pk_archived_files' })
  fileId!: string;

  /** The first message the file was seen on. */
  @Column({ name: 'message_id', type: 'text' })
  @ForeignKey(() => Message, { name: 'fk_archived_files_message' })
  messageId!: string;

  @Column({ name: 'file_name', type: 'text', default: '' })
  fileName!: string;

  @Column({ name: 'file_size', type: 'bigint', nullable: true })
  fileSize!: string | null;

  /** The download URL first seen; it carries a short-lived token, so a late retry may need a fresh one. */
  @Column({ name: 'download_url', type: 'text', nullable: true })
  downloadUrl!: string | null;

  @Column({ name: 'content_sha256', type: 'char', length: 64, nullable: true })
  contentSha256!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: ArchivedFileStatus;

  /** Why the bytes are missing (too large, last download error): a warning, never a failed run. */
  @Column({ type: 'text', nullable: true })
  warning!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'stored_at', type: 'timestamptz', nullable: true })
  storedAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;
}
