import pg from 'pg';
import { DataSource } from 'typeorm';
import { archiveDataSourceOptions, ensureDatabase, runMigrations } from '#libs/archive';

/** The server the benchmarks make their own databases on. */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A migrated archive database named `name` on the benchmark server (created if missing). */
export async function createBenchDatabase(name: string): Promise<{ name: string; url: string }> {
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const db = await new DataSource(archiveDataSourceOptions(url.toString())).initialize();
  await runMigrations(db);
  await db.destroy();
  return { name, url: url.toString() };
}

export async function dropBenchDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
