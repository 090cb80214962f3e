import pg from 'pg';

/**
 * Another process created it between our check and our CREATE: duplicate_database, or, when both CREATEs
 * run at once, unique_violation on pg_database's name index.
 */
const CREATED_CONCURRENTLY = new Set(['42P04', '23505']);

/**
 * Creates the database named in `databaseUrl` when it is missing, connecting to the server's `postgres`
 * database to do so. Returns true when this call created it.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('The database URL names no database');
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return true;
  } catch (error) {
    if (CREATED_CONCURRENTLY.has((error as { code?: string }).code ?? '')) return false;
    throw error;
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
