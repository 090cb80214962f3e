import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One access to the archive or change of its configuration (DESIGN invariant 5). Append-only — the database
 * rejects UPDATE, DELETE and TRUNCATE — and hash-chained: `hash` covers the entry's fields and
 * `previous_hash`, so an entry altered, removed or inserted behind the API's back breaks the chain.
 */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_occurred', ['occurredAt'])
@Index('ix_audit_log_actor_key', ['actorKeyId', 'id'])
@Index('ix_audit_log_action', ['action', 'id'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_log' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /** Null for actions outside the API (the CLI). */
  @Column({ name: 'actor_key_id', type: 'uuid', nullable: true })
  actorKeyId!: string | null;

  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ type: 'text' })
  action!: string;

  /** What was acted on: the route parameters. */
  @Column({ type: 'jsonb' })
  target!: Record<string, unknown>;

  /** How: the query parameters, and the body of a write with secrets redacted. */
  @Column({ type: 'jsonb' })
  query!: Record<string, unknown>;

  @Column({ name: 'result_count', type: 'integer', nullable: true })
  resultCount!: number | null;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'client_address', type: 'text', nullable: true })
  clientAddress!: string | null;

  @Column({ name: 'previous_hash', type: 'char', length: 64 })
  previousHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
