import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { pgPool } from '../database/pg-pool.util.js';
import type { ApiKeyRole } from '../entities/api-key.entity.js';
import {
  apiKeySecretMatches,
  apiKeySecretSha256,
  formatApiKeyToken,
  newApiKeySecret,
  parseApiKeyToken,
} from './api-key-token.util.js';

/** An API key as stored, without its secret hash. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: ApiKeyRole;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
  revokedBy: string | null;
  lastUsedAt: Date | null;
}

export type ApiKeyAuthentication =
  { ok: true; key: ApiKeyRecord } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

export interface ApiKeyPage {
  limit: number;
  /** Keyset position: keys created after this one (in created_at, id order). */
  after?: { createdAt: Date; id: string };
  includeRevoked?: boolean;
}

/** last_used_at is a hint for admins, not evidence: one write a minute per key is plenty. */
const LAST_USED_RESOLUTION = '1 minute';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = 'id, name, role, created_at, created_by, revoked_at, revoked_by, last_used_at';

interface ApiKeyRow {
  id: string;
  name: string;
  role: ApiKeyRole;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    lastUsedAt: row.last_used_at,
  };
}

/** API keys: created with a secret shown once, stored as its SHA-256, revoked but never deleted. */
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return pgPool(this.dataSource);
  }

  /** Returns the key and its token; the token exists nowhere else afterwards. */
  /** created_at is cut to milliseconds, JavaScript's precision, so keyset cursors built from it are exact. */
  async create(input: { name: string; role: ApiKeyRole; createdBy: string }): Promise<{
    key: ApiKeyRecord;
    token: string;
  }> {
    const id = randomUUID();
    const secret = newApiKeySecret();
    const result = await this.pool.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, name, role, secret_sha256, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, date_trunc('milliseconds', now()))
       RETURNING ${COLUMNS}`,
      [id, input.name, input.role, apiKeySecretSha256(secret), input.createdBy],
    );
    return { key: toRecord(result.rows[0]), token: formatApiKeyToken({ id, secret }) };
  }

  /** Unknown id and wrong secret look alike; only the holder of the right secret learns that it was revoked. */
  async authenticate(token: string): Promise<ApiKeyAuthentication> {
    const parsed = parseApiKeyToken(token);
    if (!parsed) return { ok: false, reason: 'malformed' };
    const result = await this.pool.query<ApiKeyRow & { secret_sha256: string }>(
      `SELECT ${COLUMNS}, secret_sha256 FROM api_keys WHERE id = $1`,
      [parsed.id],
    );
    const row = result.rows[0];
    if (!row || !apiKeySecretMatches(parsed.secret, row.secret_sha256)) return { ok: false, reason: 'unknown' };
    if (row.revoked_at) return { ok: false, reason: 'revoked' };
    await this.pool.query(
      `UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '${LAST_USED_RESOLUTION}')`,
      [row.id],
    );
    return { ok: true, key: toRecord(row) };
  }

  async get(id: string): Promise<ApiKeyRecord | null> {
    if (!UUID.test(id)) return null;
    const result = await this.pool.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return result.rows[0] ? toRecord(result.rows[0]) : null;
  }

  async list(page: ApiKeyPage): Promise<ApiKeyRecord[]> {
    const result = await this.pool.query<ApiKeyRow>(
      `SELECT ${COLUMNS} FROM api_keys
       WHERE ($1::boolean OR revoked_at IS NULL)
         AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY created_at, id
       LIMIT $4`,
      [page.includeRevoked ?? false, page.after?.createdAt ?? null, page.after?.id ?? null, page.limit],
    );
    return result.rows.map(toRecord);
  }

  /** Idempotent: revoking a revoked key keeps its first revocation. Null when there is no such key. */
  async revoke(id: string, revokedBy: string): Promise<ApiKeyRecord | null> {
    if (!UUID.test(id)) return null;
    const result = await this.pool.query<ApiKeyRow>(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2)
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, revokedBy],
    );
    return result.rows[0] ? toRecord(result.rows[0]) : null;
  }
}
