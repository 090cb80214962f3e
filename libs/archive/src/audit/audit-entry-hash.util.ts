import { createHash } from 'node:crypto';
import { canonicalJson } from '../messages/canonical-json.util.js';

/** The previous hash of the first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Everything an entry says, as stored; `hash` is taken over all of it. */
export interface AuditEntryFacts {
  id: string;
  occurredAt: Date;
  requestId: string | null;
  actorKeyId: string | null;
  actorName: string;
  role: string | null;
  action: string;
  target: Record<string, unknown>;
  query: Record<string, unknown>;
  resultCount: number | null;
  statusCode: number | null;
  clientAddress: string | null;
  previousHash: string;
}

/**
 * Canonical form of an entry: JSON with sorted keys (canonicalJson) of its columns by their database
 * names, the previous entry's hash included. Anyone holding a dump of audit_log can recompute it.
 */
export function canonicalAuditEntry(entry: AuditEntryFacts): string {
  return canonicalJson({
    id: entry.id,
    occurred_at: entry.occurredAt.toISOString(),
    request_id: entry.requestId,
    actor_key_id: entry.actorKeyId,
    actor_name: entry.actorName,
    role: entry.role,
    action: entry.action,
    target: entry.target,
    query: entry.query,
    result_count: entry.resultCount,
    status_code: entry.statusCode,
    client_address: entry.clientAddress,
    previous_hash: entry.previousHash,
  });
}

export function auditEntryHash(entry: AuditEntryFacts): string {
  return createHash('sha256').update(canonicalAuditEntry(entry), 'utf8').digest('hex');
}
