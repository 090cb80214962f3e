import type { AuditEntryFacts } from './audit-entry-hash.util.js';

/** What the caller of append() knows; id, time and the chain are the repository's. */
export interface NewAuditEntry {
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
}

export interface AuditLogRecord extends AuditEntryFacts {
  hash: string;
}

export interface AuditLogFilter {
  /** A key id or an actor name. */
  actor?: string;
  action?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Keyset position: entries older than this id (newest first). */
  beforeId?: string;
  limit: number;
}

export type AuditChainBreak = 'hash_mismatch' | 'previous_hash_mismatch';

export interface AuditChainReport {
  intact: boolean;
  /** Entries checked, the broken one included. */
  checked: number;
  firstBrokenId: string | null;
  reason: AuditChainBreak | null;
  /** The last entry checked: record it elsewhere to detect a later truncation of the tail. */
  lastId: string | null;
  lastHash: string | null;
}
