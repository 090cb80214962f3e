import type { MigrationInterface, QueryRunner } from 'typeorm';

const API_KEYS = `
CREATE TABLE api_keys (
  id uuid NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  secret_sha256 character(64) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  revoked_at timestamptz,
  revoked_by text,
  last_used_at timestamptz,
  CONSTRAINT pk_api_keys PRIMARY KEY (id),
  CONSTRAINT ck_api_keys_role CHECK (role IN ('admin', 'compliance_officer', 'auditor'))
);
CREATE INDEX ix_api_keys_created ON api_keys (created_at, id);
`;

/**
 * No foreign key to api_keys: an entry is evidence on its own and must not depend on another table's rows.
 * Append-only through the initial migration's archive_reject_change(), like message_versions.
 */
const AUDIT_LOG = `
CREATE TABLE audit_log (
  id bigserial NOT NULL,
  occurred_at timestamptz NOT NULL,
  request_id text,
  actor_key_id uuid,
  actor_name text NOT NULL,
  role text,
  action text NOT NULL,
  target jsonb NOT NULL,
  query jsonb NOT NULL,
  result_count integer,
  status_code integer,
  client_address text,
  previous_hash character(64) NOT NULL,
  hash character(64) NOT NULL,
  CONSTRAINT pk_audit_log PRIMARY KEY (id)
);
CREATE INDEX ix_audit_log_occurred ON audit_log (occurred_at);
CREATE INDEX ix_audit_log_actor_key ON audit_log (actor_key_id, id);
CREATE INDEX ix_audit_log_action ON audit_log (action, id);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION archive_reject_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION archive_reject_change();
`;

/** API keys of the REST API and its hash-chained audit log (issue #5). */
export class ApiKeysAndAuditLog1795737600000 implements MigrationInterface {
  name = 'ApiKeysAndAuditLog1795737600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [API_KEYS, AUDIT_LOG]) {
      await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_log, api_keys');
  }
}
