import { auditEntryHash, auditLogRecord } from '#libs/archive';
import type { AuditReportRow } from './audit-log-report.repository.js';

/** Column order of audit-log.csv, version 1. */
export const AUDIT_LOG_COLUMNS = [
  'entry_id',
  'occurred_at_utc',
  'occurred_at_local',
  'time_zone',
  'actor_name',
  'actor_key_id',
  'role',
  'action',
  'target',
  'query',
  'result_count',
  'status_code',
  'client_address',
  'request_id',
  'previous_hash',
  'hash',
  'hash_verified',
] as const;

/**
 * One CSV record of an audit entry. `hash_verified` recomputes the entry's hash from its content, so an
 * auditor sees in the file itself which entries were altered after they were written.
 */
export function auditLogCsvRecord(row: AuditReportRow): (string | number | boolean | null)[] {
  const verified = auditEntryHash(auditLogRecord(row)) === row.hash;
  return [
    row.id,
    row.occurred_at_utc,
    row.occurred_at_local,
    row.time_zone,
    row.actor_name,
    row.actor_key_id,
    row.role,
    row.action,
    JSON.stringify(row.target),
    JSON.stringify(row.query),
    row.result_count,
    row.status_code,
    row.client_address,
    row.request_id,
    row.previous_hash,
    row.hash,
    verified,
  ];
}
