import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Message } from './message.entity.js';

/** Repeated verbatim in the initial migration: TypeORM compares the two strings, so the drift check sees a change. */
const SEARCH_EXPRESSION = "to_tsvector('simple', coalesce(text, ''))";

/**
 * One distinct observed state of a message: the original, each edit, the deletion. Append-only — the
 * database rejects UPDATE, DELETE and TRUNCATE (DESIGN invariant 1).
 */
@Entity({ name: 'message_versions' })
@Unique('uq_message_versions_message_sha', ['messageId', 'sha256'])
@Check('ck_message_versions_kind', "kind IN ('original', 'edited', 'deleted')")
@Index('ix_message_versions_message_action', ['messageId', 'actionTs'])
@Index('ix_message_versions_search', ['search'], { type: 'gin' })
export class MessageVersion {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_message_versions' })
  id!: string;

  @Column({ name: 'message_id', type: 'text' })
  @ForeignKey(() => Message, { name: 'fk_message_versions_message' })
  messageId!: string;

  @Column({ type: 'text' })
  kind!: 'original' | 'edited' | 'deleted';

  /** Zoom's `action_timestamp` (ms), or `timestamp` for rows from before Zoom added it (2025-07-07). */
  @Column({ name: 'action_ts', type: 'bigint' })
  actionTs!: string;

  @Column({ name: 'action_at', type: 'timestamptz' })
  actionAt!: Date;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'jsonb', default: [] })
  files!: { file_id: string; file_name: string; file_size: number | null }[];

  /** The Zoom row exactly as received. */
  @Column({ type: 'jsonb' })
  raw!: Record<string, unknown>;

  /** SHA-256 of canonicalVersion(): what makes two observations the same version. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  @Column({ name: 'sync_run_id', type: 'uuid', nullable: true })
  syncRunId!: string | null;

  @Column({
    type: 'tsvector',
    nullable: true,
    generatedType: 'STORED',
    asExpression: SEARCH_EXPRESSION,
    select: false,
    insert: false,
    update: false,
  })
  search!: string;
}
