import { hostname, userInfo } from 'node:os';
import type { DataSource } from 'typeorm';
import {
  API_KEY_ROLES,
  type ApiKeyRecord,
  type ApiKeyRole,
  ApiKeysRepository,
  AuditLogRepository,
} from '#libs/archive';
import type { SyncConfig } from '#libs/sync';
import { openDatabase } from './connections.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The CLI acts as the operator at this terminal; the audit log names them. */
function operator(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return `cli:${user}@${hostname()}`;
}

export async function apikeyCreateCommand(
  config: SyncConfig,
  options: { role?: string; name?: string },
): Promise<number> {
  const role = options.role as ApiKeyRole | undefined;
  if (!role || !API_KEY_ROLES.includes(role)) throw new Error(`--role must be one of ${API_KEY_ROLES.join(', ')}`);
  const name = options.name?.trim();
  if (!name || name.length > 100 || /\p{Cc}/u.test(name)) {
    throw new Error('--name must be 1 to 100 characters without control characters');
  }
  const db = await openDatabase(config.databaseUrl);
  try {
    const { key, token } = await createApiKey(db, role, name);
    process.stdout.write(
      `Created API key ${key.id} (${role}, "${name}"). It is shown only this once; store it now:\n${token}\n`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

/** Creates a key as the operator at this terminal and records it in the audit log; the token exists only here. */
export async function createApiKey(
  db: DataSource,
  role: ApiKeyRole,
  name: string,
): Promise<{ key: ApiKeyRecord; token: string }> {
  const by = operator();
  const created = await new ApiKeysRepository(db).create({ name, role, createdBy: by });
  await new AuditLogRepository(db).append({
    requestId: null,
    actorKeyId: null,
    actorName: by,
    role: null,
    action: 'apikey.create',
    target: { id: created.key.id },
    query: { body: { name, role } },
    resultCount: 1,
    statusCode: null,
    clientAddress: null,
  });
  return created;
}

export async function apikeyRevokeCommand(config: SyncConfig, options: { id?: string }): Promise<number> {
  if (!options.id || !UUID.test(options.id)) throw new Error('--id must be the UUID of an API key');
  const db = await openDatabase(config.databaseUrl);
  try {
    const by = operator();
    const key = await new ApiKeysRepository(db).revoke(options.id, by);
    if (!key) {
      process.stderr.write(`No API key ${options.id}.\n`);
      return 1;
    }
    await new AuditLogRepository(db).append({
      requestId: null,
      actorKeyId: null,
      actorName: by,
      role: null,
      action: 'apikey.revoke',
      target: { id: key.id },
      query: {},
      resultCount: 1,
      statusCode: null,
      clientAddress: null,
    });
    process.stdout.write(
      `Revoked API key ${key.id} ("${key.name}", ${key.role}) at ${key.revokedAt?.toISOString()}.\n`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}
