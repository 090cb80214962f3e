import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Message } from './message.entity.js';

/**
 * The reactions of a message as observed, one row per change. Append-only like message_versions.
 * sha256 covers the previous snapshot's hash too, so a return to an earlier state (a reaction added, then
 * removed) is a new snapshot instead of a duplicate of the first one.
 */
@Entity({ name: 'reaction_snapshots' })
@Unique('uq_reaction_snapshots_message_sha', ['messageId', 'sha256'])
export class ReactionSnapshot {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_reaction_snapshots' })
  id!: string;

  @Column({ name: 'message_id', type: 'text' })
  @ForeignKey(() => Message, { name: 'fk_reaction_snapshots_message' })
  messageId!: string;

  /** As Zoom sent them: {emoji, total_count, user_ids, member_ids}[]. */
  @Column({ type: 'jsonb' })
  reactions!: unknown[];

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'previous_sha256', type: 'char', length: 64, nullable: true })
  previousSha256!: string | null;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;
}
