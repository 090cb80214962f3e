import type { MigrationInterface, QueryRunner } from 'typeorm';

const DIRECTORY = `
CREATE TABLE directory_users (
  member_id text NOT NULL,
  user_id text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  display_name text NOT NULL DEFAULT '',
  is_external boolean NOT NULL DEFAULT false,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_directory_users PRIMARY KEY (member_id)
);

CREATE TABLE chat_sessions (
  id text NOT NULL,
  account_id text NOT NULL,
  type text NOT NULL,
  name text NOT NULL DEFAULT '',
  channel_id text,
  status text,
  has_external_member boolean NOT NULL DEFAULT false,
  member_emails jsonb NOT NULL DEFAULT '[]',
  last_message_sent_at timestamptz,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_chat_sessions PRIMARY KEY (id)
);
CREATE INDEX ix_chat_sessions_account_last ON chat_sessions (account_id, last_message_sent_at);

CREATE TABLE channels (
  id text NOT NULL,
  account_id text NOT NULL,
  name text NOT NULL DEFAULT '',
  type integer,
  status text NOT NULL DEFAULT 'active',
  settings jsonb,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_channels PRIMARY KEY (id)
);

CREATE TABLE channel_members (
  channel_id text NOT NULL,
  member_id text NOT NULL,
  user_id text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  display_name text NOT NULL DEFAULT '',
  role text NOT NULL DEFAULT 'member',
  is_external boolean NOT NULL DEFAULT false,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  CONSTRAINT pk_channel_members PRIMARY KEY (channel_id, member_id),
  CONSTRAINT fk_channel_members_channel FOREIGN KEY (channel_id) REFERENCES channels (id)
);
`;

const MESSAGES = `
CREATE TABLE messages (
  id text NOT NULL,
  zoom_id text NOT NULL,
  account_id text NOT NULL,
  session_id text NOT NULL,
  sender_member_id text NOT NULL,
  sender_email text NOT NULL DEFAULT '',
  sender_display_name text NOT NULL DEFAULT '',
  receiver text,
  is_sender_external boolean NOT NULL DEFAULT false,
  is_bot boolean NOT NULL DEFAULT false,
  sent_at timestamptz NOT NULL,
  sent_ts bigint NOT NULL,
  reply_main_message_id text,
  forward_id text,
  current_text text NOT NULL DEFAULT '',
  original_text text,
  version_count integer NOT NULL DEFAULT 0,
  edit_count integer NOT NULL DEFAULT 0,
  deleted_at timestamptz,
  has_files boolean NOT NULL DEFAULT false,
  first_observed_at timestamptz NOT NULL,
  last_observed_at timestamptz NOT NULL,
  CONSTRAINT pk_messages PRIMARY KEY (id),
  CONSTRAINT fk_messages_session FOREIGN KEY (session_id) REFERENCES chat_sessions (id)
);
CREATE INDEX ix_messages_session_sent ON messages (session_id, sent_at, id);
CREATE INDEX ix_messages_sender_sent ON messages (sender_member_id, sent_at);
CREATE INDEX ix_messages_sent ON messages (sent_at, id);
CREATE INDEX ix_messages_deleted ON messages (sent_at, id) WHERE deleted_at IS NOT NULL;
CREATE INDEX ix_messages_edited ON messages (sent_at, id) WHERE edit_count > 0;

CREATE TABLE message_versions (
  id bigserial NOT NULL,
  message_id text NOT NULL,
  kind text NOT NULL,
  action_ts bigint NOT NULL,
  action_at timestamptz NOT NULL,
  text text NOT NULL,
  files jsonb NOT NULL DEFAULT '[]',
  raw jsonb NOT NULL,
  sha256 character(64) NOT NULL,
  observed_at timestamptz NOT NULL,
  sync_run_id uuid,
  search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(text, ''))) STORED,
  CONSTRAINT pk_message_versions PRIMARY KEY (id),
  CONSTRAINT uq_message_versions_message_sha UNIQUE (message_id, sha256),
  CONSTRAINT ck_message_versions_kind CHECK (kind IN ('original', 'edited', 'deleted')),
  CONSTRAINT fk_message_versions_message FOREIGN KEY (message_id) REFERENCES messages (id)
);
CREATE INDEX ix_message_versions_message_action ON message_versions (message_id, action_ts);
CREATE INDEX ix_message_versions_search ON message_versions USING gin (search);

CREATE TABLE reaction_snapshots (
  id bigserial NOT NULL,
  message_id text NOT NULL,
  reactions jsonb NOT NULL,
  sha256 character(64) NOT NULL,
  previous_sha256 character(64),
  observed_at timestamptz NOT NULL,
  CONSTRAINT pk_reaction_snapshots PRIMARY KEY (id),
  CONSTRAINT uq_reaction_snapshots_message_sha UNIQUE (message_id, sha256),
  CONSTRAINT fk_reaction_snapshots_message FOREIGN KEY (message_id) REFERENCES messages (id)
);

CREATE TABLE archived_files (
  file_id text NOT NULL,
  message_id text NOT NULL,
  file_name text NOT NULL DEFAULT '',
  file_size bigint,
  download_url text,
  content_sha256 character(64),
  status text NOT NULL DEFAULT 'pending',
  warning text,
  attempts integer NOT NULL DEFAULT 0,
  stored_at timestamptz,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_archived_files PRIMARY KEY (file_id),
  CONSTRAINT ck_archived_files_status CHECK (status IN ('pending', 'stored', 'too_large', 'failed')),
  CONSTRAINT fk_archived_files_message FOREIGN KEY (message_id) REFERENCES messages (id)
);
CREATE INDEX ix_archived_files_message ON archived_files (message_id);
CREATE INDEX ix_archived_files_todo ON archived_files (first_seen_at) WHERE status IN ('pending', 'failed');
`;

/**
 * Evidence tables refuse UPDATE, DELETE and TRUNCATE whoever asks (DESIGN invariant 1, SEC 17a-4(f)):
 * an application bug or a stray psql session cannot rewrite history. Removing this needs a migration,
 * which leaves its own trace.
 */
const APPEND_ONLY = `
CREATE FUNCTION archive_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Archived evidence is never changed; record a new version instead.';
END;
$$;

CREATE TRIGGER message_versions_append_only BEFORE UPDATE OR DELETE ON message_versions
  FOR EACH ROW EXECUTE FUNCTION archive_reject_change();
CREATE TRIGGER message_versions_no_truncate BEFORE TRUNCATE ON message_versions
  FOR EACH STATEMENT EXECUTE FUNCTION archive_reject_change();
CREATE TRIGGER reaction_snapshots_append_only BEFORE UPDATE OR DELETE ON reaction_snapshots
  FOR EACH ROW EXECUTE FUNCTION archive_reject_change();
CREATE TRIGGER reaction_snapshots_no_truncate BEFORE TRUNCATE ON reaction_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION archive_reject_change();
`;

const SYNC = `
CREATE TABLE sync_runs (
  id uuid NOT NULL,
  account_id text NOT NULL,
  kind text NOT NULL,
  requested_from date,
  requested_to date,
  status text NOT NULL DEFAULT 'planning',
  windows_total integer NOT NULL DEFAULT 0,
  windows_done integer NOT NULL DEFAULT 0,
  windows_failed integer NOT NULL DEFAULT 0,
  messages integer NOT NULL DEFAULT 0,
  versions_added integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  error text,
  CONSTRAINT pk_sync_runs PRIMARY KEY (id),
  CONSTRAINT ck_sync_runs_kind CHECK (kind IN ('scheduled', 'manual')),
  CONSTRAINT ck_sync_runs_status CHECK (status IN ('planning', 'running', 'done', 'failed'))
);
CREATE INDEX ix_sync_runs_created ON sync_runs (created_at);
CREATE INDEX ix_sync_runs_account_created ON sync_runs (account_id, created_at);

CREATE TABLE sync_windows (
  account_id text NOT NULL,
  session_id text NOT NULL,
  window_from date NOT NULL,
  window_to date NOT NULL,
  mode text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  pages integer NOT NULL DEFAULT 0,
  messages_seen integer NOT NULL DEFAULT 0,
  versions_added integer NOT NULL DEFAULT 0,
  last_error text,
  last_run_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  CONSTRAINT pk_sync_windows PRIMARY KEY (account_id, session_id, window_from, window_to, mode),
  CONSTRAINT ck_sync_windows_mode CHECK (mode IN ('sent', 'modified')),
  CONSTRAINT ck_sync_windows_status CHECK (status IN ('pending', 'running', 'done', 'failed'))
);
CREATE INDEX ix_sync_windows_account_status ON sync_windows (account_id, status);
CREATE INDEX ix_sync_windows_account_from ON sync_windows (account_id, window_from);
CREATE INDEX ix_sync_windows_last_run ON sync_windows (last_run_id);

CREATE TABLE session_list_windows (
  account_id text NOT NULL,
  window_from date NOT NULL,
  window_to date NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  sessions_found integer NOT NULL DEFAULT 0,
  pages integer NOT NULL DEFAULT 0,
  last_error text,
  last_run_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  CONSTRAINT pk_session_list_windows PRIMARY KEY (account_id, window_from, window_to),
  CONSTRAINT ck_session_list_windows_status CHECK (status IN ('pending', 'running', 'done', 'failed'))
);
`;

/**
 * TypeORM reads the expression of a generated column from its own typeorm_metadata table (keyed by database
 * name), not from the catalog; without this row its schema builder would report message_versions.search
 * as drifted. The shape is what TypeORM's createTypeormMetadataTable builds.
 */
const TYPEORM_METADATA = `
CREATE TABLE IF NOT EXISTS typeorm_metadata (
  type varchar NOT NULL,
  database varchar,
  schema varchar,
  "table" varchar,
  name varchar,
  value text
);
INSERT INTO typeorm_metadata (type, database, schema, "table", name, value)
VALUES ('GENERATED_COLUMN', current_database(), current_schema(), 'message_versions', 'search',
        'to_tsvector(''simple'', coalesce(text, ''''))');
`;

/** The whole archive schema, written by hand (no synchronize): what runs in production is what is reviewed. */
export class InitialArchiveSchema1795651200000 implements MigrationInterface {
  name = 'InitialArchiveSchema1795651200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [DIRECTORY, MESSAGES, APPEND_ONLY, SYNC, TYPEORM_METADATA]) {
      await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM typeorm_metadata WHERE type = 'GENERATED_COLUMN' AND "table" = 'message_versions';
      DROP TABLE session_list_windows, sync_windows, sync_runs, archived_files, reaction_snapshots,
        message_versions, messages, channel_members, channels, chat_sessions, directory_users;
      DROP FUNCTION archive_reject_change();
    `);
  }
}
