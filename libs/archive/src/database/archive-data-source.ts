import type { DataSource, DataSourceOptions } from 'typeorm';
import { ARCHIVE_ENTITIES } from '../archive.entities.js';
import { ARCHIVE_MIGRATIONS } from '../archive.migrations.js';
import { pgPool } from './pg-pool.util.js';

/**
 * Session-level advisory lock around migrations: every process runs them at start, so the second one must
 * wait and then find nothing to apply. The key is "zcamigr" in ASCII (beyond 2^53, hence a string).
 */
const MIGRATION_LOCK_KEY = '34449217257301874';

export function archiveDataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ARCHIVE_ENTITIES,
    migrations: ARCHIVE_MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
  };
}

/** Applies pending migrations, one process at a time. Returns the names of those applied here. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const client = await pgPool(dataSource).connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'all' });
      return applied.map((migration) => migration.name);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A client whose unlock may not have run must not go back to the pool still holding the lock.
    client.release(broken);
  }
}
