import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { pgPool } from '../database/pg-pool.util.js';
import { ExportJob } from '../entities/export-job.entity.js';
import type { ExportFileEntry, ExportFormat, ExportOptions, StoredExportFilters } from './export-format.types.js';

export interface NewExportJob {
  format: ExportFormat;
  filters: StoredExportFilters;
  options: ExportOptions;
  requestedByKeyId: string | null;
  requestedByName: string;
  requestedByRole: string | null;
  scheduleId?: string;
  scheduledFor?: Date;
  expiresAt?: Date | null;
}

export interface ExportJobPage {
  /** Newest first; `after` is the last row of the previous page. */
  after?: { createdAt: string; id: string };
  scheduleId?: string;
  limit: number;
}

export interface ExportJobResult {
  files: ExportFileEntry[];
  rows: number;
  warnings: string[];
  artifactName: string;
  artifactBytes: number;
  artifactSha256: string;
}

/** export_jobs: requests, progress, results. Status moves queued → running → done | failed | cancelled → expired. */
export class ExportJobsRepository {
  constructor(private readonly db: DataSource) {}

  /** Rows of a statement; through node-postgres, since TypeORM answers an UPDATE … RETURNING with [rows, count]. */
  private async rows<T extends object>(sql: string, params: unknown[]): Promise<T[]> {
    return (await pgPool(this.db).query<T>(sql, params)).rows;
  }

  async create(input: NewExportJob): Promise<ExportJob> {
    const id = randomUUID();
    await this.db.getRepository(ExportJob).insert({
      id,
      format: input.format,
      filters: input.filters,
      options: input.options,
      requestedByKeyId: input.requestedByKeyId,
      requestedByName: input.requestedByName,
      requestedByRole: input.requestedByRole,
      scheduleId: input.scheduleId ?? null,
      scheduledFor: input.scheduledFor ?? null,
      expiresAt: input.expiresAt ?? null,
    });
    return (await this.get(id))!;
  }

  /**
   * The run of a schedule's tick, created once however many workers fire it: null when it exists already.
   */
  async createScheduledRun(
    input: NewExportJob & { scheduleId: string; scheduledFor: Date },
  ): Promise<ExportJob | null> {
    const id = randomUUID();
    const rows = await this.rows<{ id: string }>(
      `INSERT INTO export_jobs (id, format, filters, options, requested_by_key_id, requested_by_name, requested_by_role,
                                schedule_id, scheduled_for, expires_at)
       VALUES ($1, $2, $3, $4, NULL, $5, NULL, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT uq_export_jobs_schedule_tick DO NOTHING RETURNING id`,
      [
        id,
        input.format,
        JSON.stringify(input.filters),
        JSON.stringify(input.options),
        input.requestedByName,
        input.scheduleId,
        input.scheduledFor,
        input.expiresAt ?? null,
      ],
    );
    return rows.length ? this.get(id) : null;
  }

  get(id: string): Promise<ExportJob | null> {
    return this.db.getRepository(ExportJob).findOneBy({ id });
  }

  async list(page: ExportJobPage): Promise<ExportJob[]> {
    const qb = this.db
      .getRepository(ExportJob)
      .createQueryBuilder('e')
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(page.limit);
    if (page.scheduleId) qb.andWhere('e.schedule_id = :scheduleId', { scheduleId: page.scheduleId });
    if (page.after) {
      qb.andWhere('(e.created_at, e.id) < (:createdAt::timestamptz, :id::uuid)', {
        createdAt: page.after.createdAt,
        id: page.after.id,
      });
    }
    return qb.getMany();
  }

  /** created_at to the microsecond, for a keyset cursor. */
  async createdKey(id: string): Promise<string | null> {
    const [row] = await this.rows<{ key: string }>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS key FROM export_jobs WHERE id = $1`,
      [id],
    );
    return row?.key ?? null;
  }

  /** Claims a queued job for rendering; false when it is not queued (cancelled, or already rendered). */
  async start(id: string): Promise<boolean> {
    const rows = await this.rows<{ id: string }>(
      `UPDATE export_jobs SET status = 'running', started_at = now(), rows_written = 0, error = NULL
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Records progress; returns true when a cancellation was requested meanwhile. */
  async progress(id: string, rows: number): Promise<boolean> {
    const [row] = await this.rows<{ cancelled: boolean }>(
      `UPDATE export_jobs SET rows_written = $2 WHERE id = $1 RETURNING cancel_requested_at IS NOT NULL AS cancelled`,
      [id, rows],
    );
    return row?.cancelled ?? true;
  }

  async finish(id: string, result: ExportJobResult, expiresAt: Date | null): Promise<boolean> {
    const rows = await this.rows<{ id: string }>(
      `UPDATE export_jobs SET status = 'done', finished_at = now(), rows_written = $2, files = $3, warnings = $4,
              artifact_name = $5, artifact_bytes = $6, artifact_sha256 = $7, expires_at = coalesce(expires_at, $8)
       WHERE id = $1 AND status = 'running' RETURNING id`,
      [
        id,
        result.rows,
        JSON.stringify(result.files),
        JSON.stringify(result.warnings),
        result.artifactName,
        result.artifactBytes,
        result.artifactSha256,
        expiresAt,
      ],
    );
    return rows.length > 0;
  }

  async fail(id: string, error: string): Promise<void> {
    await this.rows(
      `UPDATE export_jobs SET status = 'failed', finished_at = now(), error = $2
       WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, error.slice(0, 2_000)],
    );
  }

  /**
   * Asks for a cancellation: a queued job is cancelled at once, a running one when its worker next reports
   * progress. Returns the job, or null when there is none.
   */
  async requestCancel(id: string): Promise<ExportJob | null> {
    await this.rows(
      `UPDATE export_jobs SET cancel_requested_at = coalesce(cancel_requested_at, now()),
              status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
              finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
       WHERE id = $1 AND status IN ('queued', 'running')`,
      [id],
    );
    return this.get(id);
  }

  async markCancelled(id: string): Promise<void> {
    await this.rows(
      `UPDATE export_jobs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status = 'running'`,
      [id],
    );
  }

  /** Done jobs whose artifact's retention has passed. */
  async expired(now: Date, limit = 500): Promise<ExportJob[]> {
    return this.db
      .getRepository(ExportJob)
      .createQueryBuilder('e')
      .where(`e.status = 'done' AND e.expires_at <= :now`, { now })
      .orderBy('e.expires_at')
      .limit(limit)
      .getMany();
  }

  async markExpired(id: string): Promise<void> {
    await this.rows(`UPDATE export_jobs SET status = 'expired' WHERE id = $1 AND status = 'done'`, [id]);
  }
}
