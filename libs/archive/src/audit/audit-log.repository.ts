import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { inTransaction, pgPool } from '../database/pg-pool.util.js';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './audit-entry-hash.util.js';
import type { AuditChainReport, AuditLogFilter, AuditLogRecord, NewAuditEntry } from './audit-log.types.js';
import { storableJson, storableText } from './storable-json.util.js';

/**
 * Transaction-level advisory lock held while an entry is chained ("zcaaudt" in ASCII): appends from every
 * process are serialised, so each entry's previous_hash is the hash of the entry committed just before it
 * and ids are committed in order.
 */
const CHAIN_LOCK_KEY = '34449217056760948';
const VERIFY_BATCH = 1_000;

const COLUMNS = `id, occurred_at, request_id, actor_key_id, actor_name, role, action, target, query, result_count,
  status_code, client_address, previous_hash, hash`;

/** An audit_log row as node-postgres returns it. */
export interface AuditLogRow {
  id: string;
  occurred_at: Date;
  request_id: string | null;
  actor_key_id: string | null;
  actor_name: string;
  role: string | null;
  action: string;
  target: Record<string, unknown>;
  query: Record<string, unknown>;
  result_count: number | null;
  status_code: number | null;
  client_address: string | null;
  previous_hash: string;
  hash: string;
}

/** An audit_log row as the record the hash is computed from. */
export function auditLogRecord(row: AuditLogRow): AuditLogRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    requestId: row.request_id,
    actorKeyId: row.actor_key_id,
    actorName: row.actor_name,
    role: row.role,
    action: row.action,
    target: row.target,
    query: row.query,
    resultCount: row.result_count,
    statusCode: row.status_code,
    clientAddress: row.client_address,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

const text = (value: string | null): string | null => (value === null ? null : storableText(value));

/** The hash-chained, append-only audit log (DESIGN invariant 5). */
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(input: NewAuditEntry): Promise<AuditLogRecord> {
    return inTransaction(this.dataSource, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [CHAIN_LOCK_KEY]);
      const previousHash = await this.headHash(client);
      const next = await client.query<{ id: string }>(
        `SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id`,
      );
      // Milliseconds, the precision the hash is taken at; timestamptz keeps them exactly.
      const occurredAt = new Date();
      const facts = {
        id: next.rows[0].id,
        occurredAt,
        requestId: text(input.requestId),
        actorKeyId: input.actorKeyId,
        actorName: storableText(input.actorName),
        role: text(input.role),
        action: storableText(input.action),
        target: storableJson(input.target),
        query: storableJson(input.query),
        resultCount: input.resultCount,
        statusCode: input.statusCode,
        clientAddress: text(input.clientAddress),
        previousHash,
      };
      const hash = auditEntryHash(facts);
      await client.query(
        `INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          facts.id,
          facts.occurredAt,
          facts.requestId,
          facts.actorKeyId,
          facts.actorName,
          facts.role,
          facts.action,
          JSON.stringify(facts.target),
          JSON.stringify(facts.query),
          facts.resultCount,
          facts.statusCode,
          facts.clientAddress,
          facts.previousHash,
          hash,
        ],
      );
      return { ...facts, hash };
    });
  }

  /** Newest first. */
  async list(filter: AuditLogFilter): Promise<AuditLogRecord[]> {
    const result = await pgPool(this.dataSource).query<AuditLogRow>(
      `SELECT ${COLUMNS} FROM audit_log
       WHERE ($1::text IS NULL OR actor_key_id::text = $1 OR actor_name = $1)
         AND ($2::text IS NULL OR action = $2)
         AND ($3::timestamptz IS NULL OR occurred_at >= $3)
         AND ($4::timestamptz IS NULL OR occurred_at < $4)
         AND ($5::bigint IS NULL OR id < $5)
       ORDER BY id DESC
       LIMIT $6`,
      [
        filter.actor ?? null,
        filter.action ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.beforeId ?? null,
        filter.limit,
      ],
    );
    return result.rows.map(auditLogRecord);
  }

  /**
   * Walks the chain in id order and stops at the first entry whose content no longer gives its hash
   * (altered) or whose previous_hash is not the hash of the entry before it (one removed, inserted or
   * re-hashed). A removed tail leaves the chain intact; compare lastId/lastHash with an earlier report.
   */
  async verify(batchSize = VERIFY_BATCH): Promise<AuditChainReport> {
    const pool = pgPool(this.dataSource);
    let previousHash = AUDIT_GENESIS_HASH;
    let lastId: string | null = null;
    let checked = 0;
    for (;;) {
      const batch = await pool.query<AuditLogRow>(
        `SELECT ${COLUMNS} FROM audit_log WHERE $1::bigint IS NULL OR id > $1 ORDER BY id LIMIT $2`,
        [lastId, batchSize],
      );
      for (const row of batch.rows) {
        checked += 1;
        const record = auditLogRecord(row);
        const broken =
          record.previousHash !== previousHash
            ? 'previous_hash_mismatch'
            : auditEntryHash(record) !== record.hash
              ? 'hash_mismatch'
              : null;
        if (broken) {
          return { intact: false, checked, firstBrokenId: record.id, reason: broken, lastId, lastHash: previousHash };
        }
        previousHash = record.hash;
        lastId = record.id;
      }
      if (batch.rows.length < batchSize) {
        return {
          intact: true,
          checked,
          firstBrokenId: null,
          reason: null,
          lastId,
          lastHash: lastId ? previousHash : null,
        };
      }
    }
  }

  private async headHash(client: PoolClient): Promise<string> {
    const head = await client.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    return head.rows[0]?.hash ?? AUDIT_GENESIS_HASH;
  }
}
