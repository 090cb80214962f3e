import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type AuditLogFilter, type AuditLogRow, type ExportRead, ExportSourceRepository } from '#libs/archive';
import { DATA_SOURCE } from '../api.tokens.js';

/** One audit entry as the report reads it: the stored facts, and its time rendered by Postgres. */
export interface AuditReportRow extends AuditLogRow {
  occurred_at_utc: string;
  occurred_at_local: string;
  time_zone: string;
}

/** The audit log in id (chain) order, streamed through a cursor. */
@Injectable()
export class AuditLogReportRepository {
  private readonly source: ExportSourceRepository;

  constructor(@Inject(DATA_SOURCE) db: DataSource) {
    this.source = new ExportSourceRepository(db);
  }

  open(filter: Omit<AuditLogFilter, 'limit' | 'beforeId'>, timeZone: string): Promise<ExportRead> {
    return this.source.rows(
      `SELECT id::text AS id, occurred_at,
              to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at_utc,
              to_char(occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS.MSTZH:TZM') AS occurred_at_local,
              current_setting('TimeZone') AS time_zone, request_id, actor_key_id, actor_name, role, action, target,
              query, result_count, status_code, client_address, previous_hash, hash
       FROM audit_log
       WHERE ($1::text IS NULL OR actor_key_id::text = $1 OR actor_name = $1)
         AND ($2::text IS NULL OR action = $2)
         AND ($3::timestamptz IS NULL OR occurred_at >= $3)
         AND ($4::timestamptz IS NULL OR occurred_at < $4)
       ORDER BY audit_log.id`,
      [filter.actor ?? null, filter.action ?? null, filter.from ?? null, filter.to ?? null],
      timeZone,
    );
  }
}
