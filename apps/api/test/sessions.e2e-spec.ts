import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL, ONE_TO_ONE } from '../../../libs/archive/test/zoom-report.factory.js';
import { type ApiHarness, type QueryValue, startApi } from './api.harness.js';
import { CAROL, JOHN, type Seed, type SeededMessage, TRADING_DESK, seedArchive } from './search-seed.fixture.js';

/** Issue #5: GET /sessions (filters, cursor) and GET /sessions/{id}/messages (transcript in order, cursor). */
describe('sessions', () => {
  let h: ApiHarness;
  let seed: Seed;

  beforeAll(async () => {
    const filesDir = mkdtempSync(join(tmpdir(), 'zca-api-files-'));
    h = await startApi({ ARCHIVE_FILES_DIR: filesDir });
    seed = await seedArchive(h.db, filesDir);
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

  describe('GET /sessions', () => {
    it('lists every session once, most recently active first, page by page', async () => {
      const sessions = await all('/api/v1/sessions', { limit: 1 });
      expect(sessions.map((s) => s.id)).toHaveLength(4);
      expect(new Set(sessions.map((s) => s.id)).size).toBe(4);
      // The session listing reports the last message time; sessions it never listed have none and come last.
      expect(sessions.map((s) => s.last_message_sent_at)).toEqual(
        [ONE_TO_ONE.last_message_sent_time, CHANNEL.last_message_sent_time, null, null].map((t) =>
          t ? new Date(t).toISOString() : null,
        ),
      );
      expect(sessions.slice(0, 2).map((s) => s.id)).toEqual([ONE_TO_ONE.id, CHANNEL.id].sort().reverse());
      expect(sessions.find((s) => s.id === ONE_TO_ONE.id)).toMatchObject({
        type: '1:1',
        member_emails: ONE_TO_ONE.member_emails,
        has_external_member: true,
      });
    });

    it.each([
      ['type', { type: 'Group' }, [CHANNEL.id, TRADING_DESK.id]],
      ['channel', { channel: TRADING_DESK.channel_id! }, [TRADING_DESK.id]],
      ['participant who wrote and is a 1:1 member', { participant: JOHN.sender }, [CHANNEL.id, ONE_TO_ONE.id]],
      ['participant only by channel membership', { participant: CAROL.email }, [TRADING_DESK.id]],
      ['name, any case', { q: 'TRADING' }, [TRADING_DESK.id]],
      ['name with a literal %', { q: '%' }, []],
    ])('filters by %s', async (_name, query, expected) => {
      const sessions = await all('/api/v1/sessions', query);
      expect(sessions.map((s) => s.id).sort()).toEqual([...expected].sort());
    });

    it('filters by the time of the last message', async () => {
      const listed = await all('/api/v1/sessions', { from: '2026-11-18T00:00:00Z', to: '2026-11-19T00:00:00Z' });
      expect(listed.map((s) => s.id).sort()).toEqual([CHANNEL.id, ONE_TO_ONE.id].sort());
      expect(await all('/api/v1/sessions', { to: '2026-11-18T00:00:00Z' })).toEqual([]);
    });

    it.each([
      ['type', { type: 'dm' }],
      ['cursor', { cursor: 'eyJrIjoidHJhbnNjcmlwdCJ9' }],
      ['from', { from: '2026-02-30T00:00:00Z' }],
      ['limit', { limit: -1 }],
    ])('answers 400 naming %s', async (parameter, query) => {
      const res = await h.request('GET', '/api/v1/sessions', { key: h.keys.compliance_officer, query });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].parameter).toBe(parameter);
    });
  });

  describe('GET /sessions/:id/messages', () => {
    const byTime = (a: SeededMessage, b: SeededMessage) =>
      a.sentAt.getTime() - b.sentAt.getTime() || (a.id < b.id ? -1 : 1);

    it('gives the transcript oldest first, every message once across pages, as each reads now', async () => {
      const transcript = await all(`/api/v1/sessions/${CHANNEL.id}/messages`, { limit: 3 });
      const truth = seed.messages.filter((m) => m.session === CHANNEL).sort(byTime);
      expect(transcript.map((m) => m.id)).toEqual(truth.map((m) => m.id));
      expect(transcript.map((m) => m.current_text)).toEqual(truth.map((m) => m.currentText));
      const edited = transcript.find((m) => m.id === seed.editedAway.id);
      expect(edited).toMatchObject({ status: 'edited', edit_count: 1, deleted_at: null, has_files: true });
    });

    it('shows deleted messages with when they were deleted', async () => {
      const transcript = await all(`/api/v1/sessions/${ONE_TO_ONE.id}/messages`);
      const deleted = transcript.find((m) => m.id === seed.deletedOne.id);
      expect(deleted).toMatchObject({ status: 'deleted', deleted_at: expect.any(String) });
      expect(
        transcript
          .filter((m) => m.status === 'deleted')
          .map((m) => m.id)
          .sort(),
      ).toEqual(
        seed.messages
          .filter((m) => m.session === ONE_TO_ONE && m.deleted)
          .map((m) => m.id)
          .sort(),
      );
    });

    it('keeps to a time range', async () => {
      const from = '2026-11-02T09:30:00Z';
      const transcript = await all(`/api/v1/sessions/${TRADING_DESK.id}/messages`, { from });
      const truth = seed.messages.filter((m) => m.session === TRADING_DESK && m.sentAt >= new Date(from)).sort(byTime);
      expect(transcript.map((m) => m.id)).toEqual(truth.map((m) => m.id));
    });

    it('answers 404 for an unknown session and is audited as session.transcript', async () => {
      const res = await h.request('GET', '/api/v1/sessions/unknown-session/messages', {
        key: h.keys.compliance_officer,
        headers: { 'x-request-id': 'transcript-404' },
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      const [entry] = await h.db.query(`SELECT action, status_code FROM audit_log WHERE request_id = 'transcript-404'`);
      expect(entry).toEqual({ action: 'session.transcript', status_code: 404 });
    });

    it('is closed to auditors', async () => {
      const res = await h.request('GET', `/api/v1/sessions/${CHANNEL.id}/messages`, { key: h.keys.auditor });
      expect(res.status).toBe(403);
    });
  });
});
