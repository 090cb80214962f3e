import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEDULES = `
CREATE TABLE export_schedules (
  id uuid NOT NULL,
  name text NOT NULL,
  cron text NOT NULL,
  time_zone text NOT NULL,
  period text NOT NULL,
  format text NOT NULL,
  filters jsonb NOT NULL DEFAULT '{}',
  options jsonb NOT NULL DEFAULT '{}',
  retention_days integer NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_export_schedules PRIMARY KEY (id),
  CONSTRAINT ck_export_schedules_period CHECK (period IN ('previous_day', 'previous_week', 'previous_month')),
  CONSTRAINT ck_export_schedules_format CHECK (format IN ('messages.csv', 'changes.csv', 'jsonl')),
  CONSTRAINT ck_export_schedules_retention CHECK (retention_days > 0)
);
CREATE INDEX ix_export_schedules_created ON export_schedules (created_at, id);
`;

/** A deleted schedule leaves its runs (and their audit value) in place, unlinked. */
const JOBS = `
CREATE TABLE export_jobs (
  id uuid NOT NULL,
  format text NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  filters jsonb NOT NULL,
  options jsonb NOT NULL,
  requested_by_key_id uuid,
  requested_by_name text NOT NULL,
  requested_by_role text,
  schedule_id uuid,
  scheduled_for timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  cancel_requested_at timestamptz,
  expires_at timestamptz,
  rows_written bigint NOT NULL DEFAULT 0,
  files jsonb NOT NULL DEFAULT '[]',
  warnings jsonb NOT NULL DEFAULT '[]',
  artifact_name text,
  artifact_bytes bigint,
  artifact_sha256 character(64),
  error text,
  CONSTRAINT pk_export_jobs PRIMARY KEY (id),
  CONSTRAINT uq_export_jobs_schedule_tick UNIQUE (schedule_id, scheduled_for),
  CONSTRAINT ck_export_jobs_status CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'expired')),
  CONSTRAINT ck_export_jobs_format CHECK (format IN ('messages.csv', 'changes.csv', 'jsonl')),
  CONSTRAINT fk_export_jobs_schedule FOREIGN KEY (schedule_id) REFERENCES export_schedules (id) ON DELETE SET NULL
);
CREATE INDEX ix_export_jobs_created ON export_jobs (created_at, id);
CREATE INDEX ix_export_jobs_expires ON export_jobs (expires_at) WHERE status = 'done';
`;

/** Export jobs and scheduled exports (issue #6). */
export class Exports1796083200000 implements MigrationInterface {
  name = 'Exports1796083200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [SCHEDULES, JOBS]) {
      await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE export_jobs, export_schedules');
  }
}
