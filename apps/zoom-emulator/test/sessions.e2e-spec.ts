import { validateZoomResponse } from '../../../test/support/openapi-validator.js';
import type { TenantUser } from '../src/tenant/tenant-model.js';
import { type EmulatorHandle, startEmulator } from './emulator.harness.js';

interface TruthMessage {
  session_id: string;
  timestamp: number;
  deleted_at: number | null;
}

interface SessionItem {
  type: string;
  name: string;
  channel_id?: string;
  last_message_sent_time: string;
  peer_contact_email?: string;
  peer_contact_user_id?: string;
  peer_contact_member_id?: string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('GET /chat/users/{userId}/sessions (#8)', () => {
  let emu: EmulatorHandle;
  let accountToken: string;
  let userToken: string;
  let user: TenantUser;
  const from = '2026-10-21T00:00:00Z';
  const to = '2026-11-20T23:59:59Z';

  beforeAll(async () => {
    emu = await startEmulator();
    accountToken = await emu.accountToken();
    user = emu.tenant.dir.users[4];
    userToken = (await emu.userToken(user.email)).access_token;
  });
  afterAll(() => emu.close());

  const path = (userId: string) => `/v2/chat/users/${encodeURIComponent(userId)}/sessions`;

  /** Session id → last visible message time, for the user's sessions, from the ground-truth stream. */
  async function expectedSessions(fromDate: string, toDate: string): Promise<Map<string, number>> {
    const res = await emu.get('/_emulator/ground-truth/messages', { query: { from: fromDate, to: toDate } });
    const last = new Map<string, number>();
    for (const line of res.text.split('\n').filter(Boolean)) {
      const m = JSON.parse(line) as TruthMessage;
      const session = emu.tenant.session(m.session_id)!;
      const channelGone = session.kind === 'channel' && emu.tenant.dir.channels[session.channelIdx].deleted;
      if (m.deleted_at !== null || channelGone || !emu.tenant.sessionParticipants(session).includes(user.idx)) continue;
      last.set(m.session_id, Math.max(last.get(m.session_id) ?? 0, m.timestamp));
    }
    return last;
  }

  /** The session an item stands for: by channel id, or by the 1:1 peer's member id. */
  function sessionOf(item: SessionItem): string {
    if (item.type === 'groupchat') return emu.tenant.dir.sessions[emu.tenant.channel(item.channel_id!)!.sessionIdx].id;
    const peer = emu.tenant.user(item.peer_contact_member_id!)!;
    return emu.tenant.oneToOneSession(user.idx, peer.idx, false)!.id;
  }

  it('lists every session with a visible message in the range exactly once, latest first', async () => {
    const pages = await emu.allPages(path(user.id), { token: accountToken, query: { from, to, page_size: 2 } });
    for (const page of pages) {
      expect(validateZoomResponse('getChatSessions', 200, page)).toEqual([]);
      expect(page).toMatchObject({ from, to, page_size: 2 });
    }
    expect(pages[pages.length - 1].next_page_token).toBe('');
    const items: SessionItem[] = pages.flatMap((p) => p.sessions);
    const expected = await expectedSessions('2026-10-21', '2026-11-20');
    expect(expected.size).toBeGreaterThan(4);
    const ids = items.map(sessionOf);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(expected.keys()));
    for (const [i, item] of items.entries()) expect(item.last_message_sent_time).toBe(iso(expected.get(ids[i])!));
    const times = items.map((s) => s.last_message_sent_time);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('describes group chats by channel and 1:1 chats by peer, anonymising other accounts', async () => {
    const res = await emu.get(path('me'), { token: userToken, query: { from, to, page_size: 50 } });
    expect(res.status).toBe(200);
    expect(validateZoomResponse('getChatSessions', 200, res.body)).toEqual([]);
    const items: SessionItem[] = res.body.sessions;
    const group = items.find((s) => s.type === 'groupchat')!;
    const channel = emu.tenant.channel(group.channel_id!)!;
    expect(group.name).toBe(channel.name);
    expect(channel.members.has(user.idx)).toBe(true);
    expect(group.peer_contact_member_id).toBeUndefined();
    const oneToOnes = items.filter((s) => s.type === '1:1');
    expect(oneToOnes.length).toBeGreaterThan(0);
    for (const item of oneToOnes) {
      const peer = emu.tenant.user(item.peer_contact_member_id!)!;
      expect(emu.tenant.oneToOneSession(user.idx, peer.idx, false)).toBeDefined();
      expect(item).toMatchObject({ name: peer.email, peer_contact_email: peer.email, peer_contact_user_id: peer.id });
      expect(item.channel_id).toBeUndefined();
    }
    const external = oneToOnes.find((s) => emu.tenant.user(s.peer_contact_member_id!)!.external)!;
    expect(external.peer_contact_user_id).toBe('');
    expect(external.peer_contact_email).not.toBe('');
  });

  it('filters by type', async () => {
    for (const type of ['1:1', 'groupchat']) {
      const res = await emu.get(path('me'), { token: userToken, query: { from, to, type, page_size: 50 } });
      expect(res.status).toBe(200);
      expect(validateZoomResponse('getChatSessions', 200, res.body)).toEqual([]);
      expect(res.body.sessions.length).toBeGreaterThan(0);
      for (const s of res.body.sessions) expect(s.type).toBe(type);
    }
  });

  it('answers the starred variant for user-level apps, always empty', async () => {
    const res = await emu.get(path('me'), { token: userToken, query: { search_star: true } });
    expect(res.status).toBe(200);
    expect(validateZoomResponse('getChatSessions', 200, res.body)).toEqual([]);
    expect(res.body).toEqual({ next_page_token: '', page_size: 10, sessions: [] });
    const withFrom = await emu.get(path('me'), { token: userToken, query: { search_star: true, from } });
    expect(withFrom.status).toBe(400);
    expect(withFrom.body.code).toBe(300);
    const account = await emu.get(path(user.id), { token: accountToken, query: { search_star: true } });
    expect(account.status).toBe(403);
    expect(account.body.code).toBe(200);
  });

  it('documents its errors', async () => {
    const other = emu.tenant.dir.users[5];
    const foreign = await emu.get(path(other.id), { token: userToken });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual({
      code: 200,
      message: "Unauthorized request. You do not have permission to access this user's chat sessions.",
    });
    const unknown = await emu.get(path('ghost@example.com'), { token: accountToken });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: 1001, message: 'User does not exist: ghost@example.com.' });
    const type = await emu.get(path('me'), { token: userToken, query: { type: 'channel' } });
    expect(type.status).toBe(404);
    expect(type.body).toEqual({ code: 1001, message: 'Unknown session type.' });
    const token = await emu.get(path('me'), { token: userToken, query: { next_page_token: 'stale' } });
    expect(token.status).toBe(400);
    expect(token.body).toEqual({ code: 300, message: 'The next page token is invalid or expired.' });
    const date = await emu.get(path('me'), { token: userToken, query: { from: '2026-11-01' } });
    expect(date.status).toBe(400);
    expect(date.body.code).toBe(300);
  });

  it('defaults to today and shows a new 1:1 with a stranger from another account anonymised', async () => {
    const stranger = emu.tenant.dir.users.find((u) => u.external && !u.contact)!;
    const session = emu.tenant.oneToOneSession(user.idx, stranger.idx, true)!;
    const sent = emu.tenant.sendMessage({ session, senderIdx: stranger.idx, text: 'hello from outside' });
    const res = await emu.get(path('me'), { token: userToken, query: { page_size: 50 } });
    expect(res.status).toBe(200);
    expect(validateZoomResponse('getChatSessions', 200, res.body)).toEqual([]);
    expect(res.body).toMatchObject({ from: '2026-11-20T00:00:00Z', to: '2026-11-20T23:59:59Z' });
    const expected = await expectedSessions('2026-11-20', '2026-11-20');
    expect(new Set(res.body.sessions.map(sessionOf))).toEqual(new Set(expected.keys()));
    expect(res.body.sessions[0]).toEqual({
      type: '1:1',
      name: '',
      last_message_sent_time: iso(sent.timestamp),
      peer_contact_email: '',
      peer_contact_user_id: '',
      peer_contact_member_id: stranger.memberId,
    });
  });
});
