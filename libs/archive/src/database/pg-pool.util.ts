import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The node-postgres pool under TypeORM's postgres driver. Bulk writes go to it directly
 * (LIBRARIES-AND-PERFORMANCE §3: `unnest` arrays, one statement per table), sharing TypeORM's connections.
 */
export function pgPool(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('The archive DataSource is not a postgres DataSource, or is not initialised');
  return pool;
}

/** Runs `work` in one transaction on one pooled connection; a failed client is discarded, not reused. */
export async function inTransaction<T>(dataSource: DataSource, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool(dataSource).connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    const rollback = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => rollbackError,
    );
    client.release(rollback instanceof Error ? rollback : undefined);
    throw error;
  }
}
