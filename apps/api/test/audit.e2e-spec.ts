import { AUDIT_GENESIS_HASH, auditEntryHash } from '#libs/archive';
import { type ApiHarness, startApi } from './api.harness.js';

interface EntryDto {
  id: string;
  occurred_at: string;
  request_id: string;
  actor: { key_id: string | null; name: string };
  role: string | null;
  action: string;
  target: Record<string, unknown>;
  query: Record<string, unknown>;
  result_count: number | null;
  status_code: number | null;
  client_address: string | null;
  previous_hash: string;
  hash: string;
}

/** Recomputes an entry's hash from what the API returned, as an outside auditor would. */
function recomputed(e: EntryDto): string {
  return auditEntryHash({
    id: e.id,
    occurredAt: new Date(e.occurred_at),
    requestId: e.request_id,
    actorKeyId: e.actor.key_id,
    actorName: e.actor.name,
    role: e.role,
    action: e.action,
    target: e.target,
    query: e.query,
    resultCount: e.result_count,
    statusCode: e.status_code,
    clientAddress: e.client_address,
    previousHash: e.previous_hash,
  });
}

/** Issue #5 / DESIGN invariant 5: every audited request leaves one entry in a hash chain the API can verify. */
describe('audit log', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h?.close());

  async function allEntries(): Promise<EntryDto[]> {
    const entries: EntryDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.request('GET', '/api/v1/audit-log', { key: h.keys.auditor, query: { limit: 200, cursor } });
      expect(page.status).toBe(200);
      entries.push(...(page.body.data as EntryDto[]));
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    return entries.reverse();
  }

  async function entryOf(requestId: string): Promise<EntryDto> {
    const found = (await allEntries()).filter((e) => e.request_id === requestId);
    expect(found).toHaveLength(1);
    return found[0];
  }

  it('records actor, role, action, target, query, result count, status and client address', async () => {
    const listed = await h.request('GET', '/api/v1/api-keys', {
      key: h.keys.admin,
      query: { limit: 2, include_revoked: 'false' },
      headers: { 'x-request-id': 'review-2026-q3.1' },
    });
    expect(listed.headers.get('x-request-id')).toBe('review-2026-q3.1');
    const entry = await entryOf('review-2026-q3.1');
    expect(entry).toEqual({
      id: expect.stringMatching(/^\d+$/),
      occurred_at: expect.any(String),
      request_id: 'review-2026-q3.1',
      actor: { key_id: h.keyIds.admin, name: 'test admin' },
      role: 'admin',
      action: 'apikey.list',
      target: {},
      query: { limit: '2', include_revoked: 'false' },
      result_count: 2,
      status_code: 200,
      client_address: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/),
      previous_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(Math.abs(Date.parse(entry.occurred_at) - Date.now())).toBeLessThan(60_000);
  });

  it('records the target of a write, its body without secrets, and failures with their status', async () => {
    const created = await h.request('POST', '/api/v1/api-keys', {
      key: h.keys.admin,
      body: { name: 'audited', role: 'auditor' },
    });
    const createEntry = await entryOf(created.headers.get('x-request-id')!);
    expect(createEntry).toMatchObject({
      action: 'apikey.create',
      query: { body: { name: 'audited', role: 'auditor' } },
      result_count: 1,
      status_code: 201,
    });
    expect(JSON.stringify(createEntry)).not.toContain(created.body.data.key);

    const revoked = await h.request('DELETE', `/api/v1/api-keys/${created.body.data.id}`, { key: h.keys.admin });
    expect(await entryOf(revoked.headers.get('x-request-id')!)).toMatchObject({
      action: 'apikey.revoke',
      target: { id: created.body.data.id },
      status_code: 200,
    });

    const rejected = await h.request('GET', '/api/v1/audit-log', {
      key: h.keys.auditor,
      query: { limit: 'lots', action: "x' OR 1=1 --" },
    });
    expect(rejected.status).toBe(400);
    expect(await entryOf(rejected.headers.get('x-request-id')!)).toMatchObject({
      action: 'audit.list',
      query: { limit: 'lots', action: "x' OR 1=1 --" },
      result_count: null,
      status_code: 400,
    });
  });

  it('records a refusal of an audited route to a valid key (403), not a request without one (401)', async () => {
    const refused = await h.request('GET', '/api/v1/api-keys', { key: h.keys.auditor, query: { limit: 3 } });
    expect(refused.status).toBe(403);
    expect(await entryOf(refused.headers.get('x-request-id')!)).toMatchObject({
      actor: { key_id: h.keyIds.auditor, name: 'test auditor' },
      role: 'auditor',
      action: 'apikey.list',
      query: { limit: '3' },
      result_count: null,
      status_code: 403,
    });
    const anonymous = await h.request('GET', '/api/v1/api-keys');
    expect(anonymous.status).toBe(401);
    expect((await allEntries()).filter((e) => e.request_id === anonymous.headers.get('x-request-id'))).toEqual([]);
  });

  it('replaces a request id that is not safe to log and echoes it in the header and the error body', async () => {
    const response = await h.request('GET', '/api/v1/audit-log', {
      key: h.keys.auditor,
      query: { limit: 0 },
      headers: { 'x-request-id': 'evil id\twith "quotes"' },
    });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.request_id).toBe(id);
  });

  it('chains every entry to the one before it, each hash recomputable from the entry', async () => {
    const entries = await allEntries();
    expect(entries.length).toBeGreaterThan(3);
    entries.forEach((entry, i) => {
      expect(entry.previous_hash).toBe(i === 0 ? AUDIT_GENESIS_HASH : entries[i - 1].hash);
      expect(recomputed(entry)).toBe(entry.hash);
    });
    const verify = await h.request('GET', '/api/v1/audit-log/verify', { key: h.keys.auditor });
    expect(verify.body.data).toEqual({
      intact: true,
      // The read that listed them is audited too, after it answered.
      checked: entries.length + 1,
      first_broken_id: null,
      reason: null,
      last_id: expect.any(String),
      last_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('keeps one valid chain under concurrent requests', async () => {
    const before = (await allEntries()).length;
    const requests = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? h.request('GET', '/api/v1/api-keys', { key: h.keys.admin, query: { limit: (i % 5) + 1 } })
        : h.request('GET', '/api/v1/audit-log', { key: h.keys.auditor, query: { limit: 1 } }),
    );
    const responses = await Promise.all(requests);
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const after = await allEntries();
    expect(after.length).toBeGreaterThanOrEqual(before + 40);
    const recorded = after.map((e) => e.request_id);
    for (const response of responses) {
      expect(recorded.filter((id) => id === response.headers.get('x-request-id'))).toHaveLength(1);
    }
    after.forEach((entry, i) => {
      expect(entry.previous_hash).toBe(i === 0 ? AUDIT_GENESIS_HASH : after[i - 1].hash);
    });
    const verify = await h.request('GET', '/api/v1/audit-log/verify', { key: h.keys.admin });
    expect(verify.body.data).toMatchObject({ intact: true, first_broken_id: null });
  });

  it('the database refuses to change or remove an entry', async () => {
    await expect(h.db.query(`UPDATE audit_log SET action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(h.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(h.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('/audit-log/verify reports a row altered directly in the database', async () => {
    const entries = await allEntries();
    const victim = entries[Math.floor(entries.length / 2)];
    // A superuser can still switch the trigger off: the chain is what catches that.
    await h.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    try {
      await h.db.query(`UPDATE audit_log SET query = '{"limit": "1"}', result_count = 0 WHERE id = $1`, [victim.id]);
    } finally {
      await h.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    }
    const verify = await h.request('GET', '/api/v1/audit-log/verify', { key: h.keys.auditor });
    expect(verify.status).toBe(200);
    expect(verify.body.data).toMatchObject({
      intact: false,
      first_broken_id: victim.id,
      reason: 'hash_mismatch',
      checked: entries.findIndex((e) => e.id === victim.id) + 1,
    });
  });
});
