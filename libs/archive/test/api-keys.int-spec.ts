import { createHash } from 'node:crypto';
import { ApiKeysRepository, parseApiKeyToken } from '#libs/archive';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('ApiKeysRepository', () => {
  let db: TestDatabase;
  let keys: ApiKeysRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    keys = new ApiKeysRepository(db.dataSource);
  });
  afterAll(() => db.drop());

  it('creates a key whose token authenticates, storing only the SHA-256 of its secret', async () => {
    const { key, token } = await keys.create({ name: 'reviewer', role: 'compliance_officer', createdBy: 'test' });
    const { secret } = parseApiKeyToken(token)!;
    const [row] = await db.dataSource.query<{ secret_sha256: string }[]>(
      'SELECT secret_sha256 FROM api_keys WHERE id = $1',
      [key.id],
    );
    expect(row.secret_sha256).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(await db.dataSource.query('SELECT * FROM api_keys'))).not.toContain(secret);
    const auth = await keys.authenticate(token);
    expect(auth).toEqual({ ok: true, key: expect.objectContaining({ id: key.id, role: 'compliance_officer' }) });
    expect((await keys.get(key.id))?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('tells a wrong secret, an unknown key and a malformed token apart only as far as needed', async () => {
    const { key, token } = await keys.create({ name: 'a', role: 'auditor', createdBy: 'test' });
    const wrongSecret = `zca_${key.id}_${'A'.repeat(43)}`;
    expect(await keys.authenticate(wrongSecret)).toEqual({ ok: false, reason: 'unknown' });
    expect(await keys.authenticate(token.replace(key.id, '00000000-0000-4000-8000-000000000000'))).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await keys.authenticate('not a key')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('revokes once: the key stops working and a second revocation keeps the first', async () => {
    const { key, token } = await keys.create({ name: 'b', role: 'admin', createdBy: 'test' });
    const revoked = await keys.revoke(key.id, 'someone');
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await keys.authenticate(token)).toEqual({ ok: false, reason: 'revoked' });
    const again = await keys.revoke(key.id, 'someone else');
    expect(again).toEqual(revoked);
    expect(await keys.revoke('00000000-0000-4000-8000-000000000000', 'x')).toBeNull();
    expect(await keys.revoke('not-a-uuid', 'x')).toBeNull();
  });

  it('lists in creation order from a keyset position, revoked keys on request', async () => {
    const all = await keys.list({ limit: 100, includeRevoked: true });
    const active = await keys.list({ limit: 100 });
    expect(active.every((k) => k.revokedAt === null)).toBe(true);
    expect(all.length).toBeGreaterThan(active.length);
    const firstTwo = await keys.list({ limit: 2, includeRevoked: true });
    const rest = await keys.list({
      limit: 100,
      includeRevoked: true,
      after: { createdAt: firstTwo[1].createdAt, id: firstTwo[1].id },
    });
    expect([...firstTwo, ...rest].map((k) => k.id)).toEqual(all.map((k) => k.id));
  });
});
