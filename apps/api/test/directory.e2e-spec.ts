import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL, EXTERNAL_GUEST, TOM } from '../../../libs/archive/test/zoom-report.factory.js';
import { type ApiHarness, type QueryValue, startApi } from './api.harness.js';
import { ALICE, BOT, JOHN, TRADING_DESK, seedArchive } from './search-seed.fixture.js';

/** Issue #5: GET /channels and GET /users, with cursors. */
describe('directory', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    const filesDir = mkdtempSync(join(tmpdir(), 'zca-api-files-'));
    h = await startApi({ ARCHIVE_FILES_DIR: filesDir });
    await seedArchive(h.db, filesDir);
  });
  afterAll(() => h?.close());

  async function all(path: string, query: Record<string, QueryValue | undefined> = {}): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | undefined;
    do {
      const res = await h.request('GET', path, { key: h.keys.compliance_officer, query: { ...query, cursor } });
      expect(res.status).toBe(200);
      items.push(...res.body.data);
      cursor = res.body.next_cursor ?? undefined;
    } while (cursor);
    return items;
  }

  it('lists channels by name with their current member count', async () => {
    const channels = await all('/api/v1/channels', { limit: 1 });
    expect(channels.map((c) => [c.id, c.name, c.member_count])).toEqual([
      [CHANNEL.channel_id, 'Channel One', 2],
      // Carol was removed: kept in the archive, not counted.
      [TRADING_DESK.channel_id, 'Trading desk', 0],
    ]);
    expect((await all('/api/v1/channels', { q: 'desk' })).map((c) => c.id)).toEqual([TRADING_DESK.channel_id]);
  });

  it('lists every sender once, by email, anonymised people included', async () => {
    const users = await all('/api/v1/users', { limit: 2 });
    const expected = [EXTERNAL_GUEST, ALICE, BOT, TOM, JOHN]
      .map((u) => ({ member_id: u.sender_member_id, email: u.sender }))
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : a.member_id < b.member_id ? -1 : 1));
    expect(users.map((u) => ({ member_id: u.member_id, email: u.email }))).toEqual(expected);
    expect(users.find((u) => u.member_id === EXTERNAL_GUEST.sender_member_id)).toMatchObject({
      external: true,
      email: '',
    });
  });

  it('filters people by outside/inside the account and by part of email or name', async () => {
    expect((await all('/api/v1/users', { external: true })).map((u) => u.member_id)).toEqual([
      EXTERNAL_GUEST.sender_member_id,
    ]);
    expect((await all('/api/v1/users', { external: false })).length).toBe(4);
    expect((await all('/api/v1/users', { q: 'ALIC' })).map((u) => u.member_id)).toEqual([ALICE.sender_member_id]);
    expect((await all('/api/v1/users', { q: 'build b' })).map((u) => u.member_id)).toEqual([BOT.sender_member_id]);
  });

  it.each([
    ['/api/v1/users', 'external', { external: 'maybe' }],
    ['/api/v1/users', 'cursor', { cursor: 'eyJrIjoiY2hhbm5lbHMiLCJ4IjoiIiwiaWQiOiJ4In0' }],
    ['/api/v1/channels', 'limit', { limit: 100000 }],
  ])('%s answers 400 naming %s', async (path, parameter, query) => {
    const res = await h.request('GET', path, { key: h.keys.compliance_officer, query });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].parameter).toBe(parameter);
  });

  it('is audited (channel.list, user.list) and closed to auditors', async () => {
    await h.request('GET', '/api/v1/users', { key: h.keys.admin, headers: { 'x-request-id': 'users-1' } });
    const [entry] = await h.db.query(`SELECT action, result_count FROM audit_log WHERE request_id = 'users-1'`);
    expect(entry).toEqual({ action: 'user.list', result_count: 5 });
    expect((await h.request('GET', '/api/v1/channels', { key: h.keys.auditor })).status).toBe(403);
  });
});
