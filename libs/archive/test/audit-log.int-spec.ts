import { DataSource } from 'typeorm';
import {
  AUDIT_GENESIS_HASH,
  AuditLogRepository,
  type NewAuditEntry,
  archiveDataSourceOptions,
  auditEntryHash,
} from '#libs/archive';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const entry = (overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  requestId: 'req',
  actorKeyId: '0b7e2c1a-5d3f-4e8b-9a6c-1f2e3d4c5b6a',
  actorName: 'reviewer',
  role: 'compliance_officer',
  action: 'message.search',
  target: {},
  query: { q: 'wire' },
  resultCount: 1,
  statusCode: 200,
  clientAddress: '127.0.0.1',
  ...overrides,
});

/** Simulates someone with superuser access editing the table behind the API's back. */
async function tamper(db: DataSource, sql: string): Promise<void> {
  await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  try {
    await db.query(sql);
  } finally {
    await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  }
}

describe('AuditLogRepository', () => {
  let db: TestDatabase;
  let log: AuditLogRepository;

  beforeEach(async () => {
    db = await createTestDatabase();
    log = new AuditLogRepository(db.dataSource);
  });
  afterEach(() => db.drop());

  it('chains each entry to the one before it', async () => {
    const first = await log.append(entry());
    const second = await log.append(entry({ action: 'message.read', target: { id: 'M1' } }));
    expect(first.previousHash).toBe(AUDIT_GENESIS_HASH);
    expect(second.previousHash).toBe(first.hash);
    const [stored] = await log.list({ limit: 1 });
    expect(stored).toEqual(second);
    expect(auditEntryHash(stored)).toBe(stored.hash);
    expect(await log.verify()).toEqual({
      intact: true,
      checked: 2,
      firstBrokenId: null,
      reason: null,
      lastId: second.id,
      lastHash: second.hash,
    });
  });

  it('stores hostile input so that the chain still verifies', async () => {
    await log.append(
      entry({
        query: { q: "a\u0000b ' OR 1=1 --", lone: '\ud800', deep: { n: Infinity, arr: [1, 'x', null] }, '\u0000': 1 },
        actorName: 'x\u0000y',
        requestId: null,
        clientAddress: null,
        resultCount: null,
      }),
    );
    expect((await log.verify()).intact).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await log.append(entry());
    const q = (sql: string) => db.dataSource.query(sql);
    await expect(q(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow('audit_log is append-only: UPDATE');
    await expect(q('DELETE FROM audit_log')).rejects.toThrow('audit_log is append-only: DELETE');
    await expect(q('TRUNCATE audit_log')).rejects.toThrow('audit_log is append-only: TRUNCATE');
  });

  it('reports an altered entry as the first broken one', async () => {
    const entries = [];
    for (let i = 0; i < 5; i++) entries.push(await log.append(entry({ resultCount: i })));
    await tamper(db.dataSource, `UPDATE audit_log SET result_count = 0 WHERE id = ${entries[2].id}`);
    expect(await log.verify(2)).toMatchObject({
      intact: false,
      checked: 3,
      firstBrokenId: entries[2].id,
      reason: 'hash_mismatch',
      lastId: entries[1].id,
    });
  });

  it('reports a removed entry at the entry after it', async () => {
    const entries = [];
    for (let i = 0; i < 4; i++) entries.push(await log.append(entry({ resultCount: i })));
    await tamper(db.dataSource, `DELETE FROM audit_log WHERE id = ${entries[1].id}`);
    expect(await log.verify()).toMatchObject({ firstBrokenId: entries[2].id, reason: 'previous_hash_mismatch' });
  });

  it('reports an altered entry whose hash was recomputed at the entry after it', async () => {
    const entries = [];
    for (let i = 0; i < 4; i++) entries.push(await log.append(entry({ resultCount: i })));
    const rewritten = { ...entries[1], resultCount: 99 };
    await tamper(
      db.dataSource,
      `UPDATE audit_log SET result_count = 99, hash = '${auditEntryHash(rewritten)}' WHERE id = ${entries[1].id}`,
    );
    expect(await log.verify()).toMatchObject({ firstBrokenId: entries[2].id, reason: 'previous_hash_mismatch' });
  });

  it('keeps one chain when several processes append at once', async () => {
    const others = await Promise.all(
      [1, 2, 3].map(() => new DataSource(archiveDataSourceOptions(db.url)).initialize()),
    );
    try {
      const logs = [log, ...others.map((o) => new AuditLogRepository(o))];
      await Promise.all(Array.from({ length: 60 }, (_, i) => logs[i % logs.length].append(entry({ resultCount: i }))));
      expect(await log.verify(7)).toMatchObject({ intact: true, checked: 60 });
    } finally {
      await Promise.all(others.map((o) => o.destroy()));
    }
  });

  it('lists newest first with filters and a keyset position', async () => {
    const a = await log.append(entry({ action: 'message.search', actorName: 'alice' }));
    const b = await log.append(entry({ action: 'message.read', actorName: 'bob', actorKeyId: null }));
    const c = await log.append(entry({ action: 'message.search', actorName: 'bob', actorKeyId: null }));
    const ids = async (filter: Parameters<AuditLogRepository['list']>[0]) => (await log.list(filter)).map((e) => e.id);
    expect(await ids({ limit: 10 })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ limit: 10, action: 'message.search' })).toEqual([c.id, a.id]);
    expect(await ids({ limit: 10, actor: 'bob' })).toEqual([c.id, b.id]);
    expect(await ids({ limit: 10, actor: '0b7e2c1a-5d3f-4e8b-9a6c-1f2e3d4c5b6a' })).toEqual([a.id]);
    expect(await ids({ limit: 10, beforeId: c.id })).toEqual([b.id, a.id]);
    expect(await ids({ limit: 10, from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await ids({ limit: 10, to: new Date(Date.now() + 60_000) })).toHaveLength(3);
  });
});
