import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import {
  ARCHIVE_ENTITIES,
  ARCHIVE_MIGRATIONS,
  archiveDataSourceOptions,
  ensureDatabase,
  runMigrations,
} from '#libs/archive';
import {
  createEmptyDatabase,
  createTestDatabase,
  databaseUrl,
  dropDatabase,
  type TestDatabase,
} from './test-database.js';

/** Every migration, in order of application. */
const ALL = ARCHIVE_MIGRATIONS.map((m) => m.name);

// Migrating and diffing the schema take seconds each on a loaded machine (the project-level testTimeout is ignored).
jest.setTimeout(60_000);

async function open(url: string): Promise<DataSource> {
  return new DataSource(archiveDataSourceOptions(url)).initialize();
}

/** The SQL TypeORM would run to make the database match the entities; empty when they agree. */
async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

describe('archive migrations', () => {
  it('build the whole schema on an empty database, and apply nothing the second time', async () => {
    const db = await createEmptyDatabase();
    const dataSource = await open(db.url);
    try {
      expect(await runMigrations(dataSource)).toEqual(ALL);
      const tables = await dataSource.query<{ table_name: string }[]>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      const entityTables = ARCHIVE_ENTITIES.map((e) => dataSource.getMetadata(e).tableName);
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(entityTables));
      expect(await runMigrations(dataSource)).toEqual([]);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('match the entities exactly in a copy of the test template too', async () => {
    const db = await createTestDatabase();
    try {
      expect(await pendingSchemaChanges(db.dataSource)).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('revert to an empty schema and apply again', async () => {
    const db = await createEmptyDatabase();
    const dataSource = await open(db.url);
    const publicTables = async () =>
      (
        await dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM information_schema.tables
           WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'typeorm_metadata')`,
        )
      )[0].n;
    try {
      await runMigrations(dataSource);
      for (let i = 0; i < ALL.length; i++) await dataSource.undoLastMigration();
      expect(await publicTables()).toBe(0);
      expect(await runMigrations(dataSource)).toEqual(ALL);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('run once when several processes start at the same moment', async () => {
    const db = await createEmptyDatabase();
    const [a, b, c] = await Promise.all([open(db.url), open(db.url), open(db.url)]);
    try {
      const applied = await Promise.all([runMigrations(a), runMigrations(b), runMigrations(c)]);
      expect(applied.flat()).toEqual(ALL);
      expect(await a.query('SELECT name FROM migrations ORDER BY id')).toEqual(ALL.map((name) => ({ name })));
    } finally {
      await Promise.all([a.destroy(), b.destroy(), c.destroy()]);
      await db.drop();
    }
  });
});

describe('ensureDatabase', () => {
  it('creates the database once, also when asked twice at the same moment', async () => {
    const name = `zca_test_${randomBytes(6).toString('hex')}`;
    try {
      const created = await Promise.all([ensureDatabase(databaseUrl(name)), ensureDatabase(databaseUrl(name))]);
      expect(created.sort()).toEqual([false, true]);
      expect(await ensureDatabase(databaseUrl(name))).toBe(false);
    } finally {
      await dropDatabase(name);
    }
  });
});

describe('evidence tables', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.query(`
      INSERT INTO chat_sessions (id, account_id, type) VALUES ('s1', 'acc', 'Group');
      INSERT INTO messages (id, zoom_id, account_id, session_id, sender_member_id, sent_at, sent_ts,
                            first_observed_at, last_observed_at)
        VALUES ('M1', '{m1}', 'acc', 's1', 'member-1', now(), 1, now(), now());
      INSERT INTO message_versions (message_id, kind, action_ts, action_at, text, raw, sha256, observed_at)
        VALUES ('M1', 'original', 1, now(), 'hello world', '{}', repeat('a', 64), now());
      INSERT INTO reaction_snapshots (message_id, reactions, sha256, observed_at)
        VALUES ('M1', '[]', repeat('b', 64), now());
    `);
  });

  afterAll(() => db.drop());

  it.each(['message_versions', 'reaction_snapshots'])('%s refuse UPDATE, DELETE and TRUNCATE', async (table) => {
    const q = (sql: string) => db.dataSource.query(sql);
    await expect(q(`UPDATE ${table} SET observed_at = now()`)).rejects.toThrow(`${table} is append-only: UPDATE`);
    await expect(q(`DELETE FROM ${table}`)).rejects.toThrow(`${table} is append-only: DELETE`);
    await expect(q(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(`${table} is append-only: TRUNCATE`);
    expect(await q(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 1 }]);
  });

  it('messages cannot be deleted from under their versions', async () => {
    await expect(db.dataSource.query(`DELETE FROM messages WHERE id = 'M1'`)).rejects.toThrow(
      /fk_message_versions_message/,
    );
  });

  it('message_versions are found by every word with the simple configuration', async () => {
    const rows = await db.dataSource.query(
      `SELECT message_id FROM message_versions WHERE search @@ websearch_to_tsquery('simple', 'World')`,
    );
    expect(rows).toEqual([{ message_id: 'M1' }]);
  });
});
