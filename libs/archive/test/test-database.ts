import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ARCHIVE_MIGRATIONS, archiveDataSourceOptions, runMigrations } from '#libs/archive';

/** The server the tests use; each test file gets databases of its own on it, named zca_*. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Serialises template creation across parallel jest workers ("zcatmpl" in ASCII). */
const TEMPLATE_LOCK_KEY = '34449217375006828';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a copy of a template migrated once per migration set
 * (STYLE 16). The template's name comes from a hash of the migrations, so changing one builds a new template.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = `zca_tpl_${migrationsHash()}`;
  const name = `zca_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1::bigint)', [TEMPLATE_LOCK_KEY]);
    try {
      if (!(await databaseExists(admin, template))) await buildTemplate(admin, template);
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1::bigint)', [TEMPLATE_LOCK_KEY]);
    }
  });
  const url = databaseUrl(name);
  const dataSource = await new DataSource(archiveDataSourceOptions(url)).initialize();
  // TypeORM keys generated-column expressions by database name; the copy has a new name.
  await dataSource.query('UPDATE typeorm_metadata SET database = current_database()');
  return { url, dataSource, drop: () => dropDatabase(name, dataSource) };
}

/** An empty database (no migrations), for tests of the migrations themselves. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `zca_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  return { url: databaseUrl(name), drop: () => dropDatabase(name) };
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function buildTemplate(admin: pg.Client, template: string): Promise<void> {
  // Built under another name and renamed when complete: a crash never leaves a half-migrated template.
  const building = `zca_tplbuild_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${building}`);
  try {
    const dataSource = await new DataSource(archiveDataSourceOptions(databaseUrl(building))).initialize();
    try {
      await runMigrations(dataSource);
    } finally {
      await dataSource.destroy();
    }
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    throw error;
  }
}

/** Over the migration sources (their SQL lives in module constants, not in `up`) and the applied list. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  hash.update(ARCHIVE_MIGRATIONS.map((m) => m.name).join('\n'));
  const dir = new URL('../src/migrations/', import.meta.url);
  for (const file of readdirSync(dir).sort()) hash.update(readFileSync(new URL(file, dir)));
  return hash.digest('hex').slice(0, 16);
}

export async function dropDatabase(name: string, dataSource?: DataSource): Promise<void> {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const result = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return (result.rowCount ?? 0) > 0;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
