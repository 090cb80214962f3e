import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const API_KEY_ROLES = ['admin', 'compliance_officer', 'auditor'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * A credential of the REST API. Only a SHA-256 of its secret is kept: the key is shown once, when created.
 * Keys are revoked, never deleted, so audit entries always name a key that can still be looked up.
 */
@Entity({ name: 'api_keys' })
@Check('ck_api_keys_role', "role IN ('admin', 'compliance_officer', 'auditor')")
@Index('ix_api_keys_created', ['createdAt', 'id'])
export class ApiKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_api_keys' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: ApiKeyRole;

  @Column({ name: 'secret_sha256', type: 'char', length: 64, select: false })
  secretSha256!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Who created it: `key:<id>` of an admin key, or `cli:<user>@<host>`. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy!: string | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
