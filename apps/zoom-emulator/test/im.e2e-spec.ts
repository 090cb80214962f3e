import { validateZoomResponse } from '../../../test/support/openapi-validator.js';
import type { TenantUser } from '../src/tenant/tenant-model.js';
import { type EmulatorHandle, startEmulator } from './emulator.harness.js';

interface TruthMessage {
  session_id: string;
  id: string;
  date_time: string;
  timestamp: number;
  sender_email: string;
  versions: { kind: string; message: string; action_timestamp: number }[];
  deleted_at: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const TODAY = '2026-11-20';
const MONTH_AGO = '2026-10-21';
const NO_PERMISSION = "Unauthorized request. You do not have permission to access this user's chat messages.";

describe('deprecated IM endpoints (#3, #4, #5, #6)', () => {
  let emu: EmulatorHandle;
  let me: TenantUser;
  let peer: TenantUser;
  let token: string;
  let peerToken: string;

  beforeAll(async () => {
    emu = await startEmulator();
    me = emu.tenant.dir.users[4];
    peer = emu.tenant.dir.users[6];
    token = (await emu.userToken(me.email)).access_token;
    peerToken = (await emu.userToken(peer.email)).access_token;
  });
  afterAll(() => emu.close());

  async function truth(from: string, to: string, sessionId?: string): Promise<TruthMessage[]> {
    const res = await emu.get('/_emulator/ground-truth/messages', { query: { from, to, session_id: sessionId } });
    return res.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TruthMessage);
  }

  const visible = (messages: TruthMessage[]) => messages.filter((m) => m.deleted_at === null);
  const latestText = (m: TruthMessage) => m.versions[m.versions.length - 1].message;
  const channelSession = (channelId: string) => emu.tenant.dir.sessions[emu.tenant.channel(channelId)!.sessionIdx];
  const myChannel = () => emu.tenant.dir.channels.find((c) => c.type !== 4 && c.members.has(me.idx))!;
  const send = (chatUser: string | undefined, body: unknown, as = token) =>
    emu.request('POST', '/v2/im/users/me/chat/messages', { token: as, query: { chat_user: chatUser }, body });

  it('rejects account-level tokens on all four endpoints', async () => {
    const account = await emu.accountToken();
    const sessionId = emu.tenant.dir.sessions[0].id;
    const calls = [
      emu.get('/v2/im/users/me/chat/messages', { token: account, query: { chat_user: peer.email } }),
      send(peer.email, { message: 'x' }, account),
      emu.get(`/v2/im/chat/sessions/${sessionId}`, { token: account, query: { from: TODAY, to: TODAY } }),
      emu.get('/v2/im/chat/sessions', { token: account, query: { from: TODAY, to: TODAY } }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(4711);
    }
  });

  describe('POST /im/users/me/chat/messages (#4)', () => {
    it('sends a 1:1 message that #3, #5 and #6 then show, to both people', async () => {
      const res = await send(peer.email, { message: 'IM hello' });
      expect(res.status).toBe(201);
      expect(validateZoomResponse('sendimmessages', 201, res.body)).toEqual([]);
      const id = res.body.id as string;
      const session = emu.tenant.oneToOneSession(me.idx, peer.idx, false)!;

      const mine = await emu.get('/v2/im/users/me/chat/messages', { token, query: { chat_user: peer.email } });
      expect(mine.status).toBe(200);
      expect(validateZoomResponse('imUserChatMessages', 200, mine.body)).toEqual([]);
      expect(mine.body.date).toBe(TODAY);
      expect(mine.body.messages[0]).toMatchObject({ id, message: 'IM hello', sender: me.email });
      expect(Date.parse(mine.body.messages[0].date_time)).toBe(
        Math.floor(mine.body.messages[0].timestamp / 1000) * 1000,
      );

      const theirs = await emu.get(`/v2/im/users/${peer.id}/chat/messages`, {
        token: peerToken,
        query: { chat_user: me.id },
      });
      expect(theirs.body.messages[0]).toMatchObject({ id, message: 'IM hello' });

      const messages = await emu.get(`/v2/im/chat/sessions/${session.id}`, {
        token: peerToken,
        query: { from: TODAY, to: TODAY },
      });
      expect(messages.status).toBe(200);
      expect(validateZoomResponse('imChatMessages', 200, messages.body)).toEqual([]);
      const last = messages.body.messages[messages.body.messages.length - 1];
      expect(last).toEqual({ message: 'IM hello', sender: me.email, date_time: mine.body.messages[0].date_time });

      const sessions = await emu.get('/v2/im/chat/sessions', { token, query: { from: TODAY, to: TODAY } });
      expect(validateZoomResponse('imChatSessions', 200, sessions.body)).toEqual([]);
      expect(sessions.body.sessions[0]).toEqual({
        session_id: session.id,
        type: '1:1',
        name: '',
        last_message_sent_time: last.date_time,
      });
    });

    it('starts a conversation with a colleague never messaged before', async () => {
      const colleague = emu.tenant
        .accountUsers()
        .find((u) => u.idx !== me.idx && !emu.tenant.oneToOneSession(me.idx, u.idx, false))!;
      const res = await send(colleague.id, { message: 'first contact' });
      expect(res.status).toBe(201);
      const session = emu.tenant.oneToOneSession(me.idx, colleague.idx, false)!;
      expect(session).toBeDefined();
      const read = await emu.get('/v2/im/users/me/chat/messages', { token, query: { chat_user: colleague.email } });
      expect(read.body.messages).toEqual([expect.objectContaining({ id: res.body.id, message: 'first contact' })]);
    });

    it('documents its errors', async () => {
      const missing = await send(undefined, { message: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ code: 300, message: 'Invalid parameter: channel/chat_user.' });
      const unknown = await send('ghost@example.com', { message: 'x' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ code: 1001, message: 'User does not exist.' });
      for (const body of [{}, { message: '' }, { message: 5 }]) {
        const res = await send(peer.email, body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe(300);
      }
      const stranger = emu.tenant.dir.users.find((u) => u.external && !u.contact)!;
      for (const target of [stranger.memberId, me.email]) {
        const res = await send(target, { message: 'x' });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ code: 5301, message: 'Message sending failed.' });
      }
    });
  });

  describe('GET /im/users/{userId}/chat/messages (#3)', () => {
    it('pages a channel day newest first, each visible message exactly once', async () => {
      const channel = myChannel();
      const session = channelSession(channel.id);
      const all = await truth(MONTH_AGO, TODAY, session.id);
      const byDay = new Map<string, TruthMessage[]>();
      for (const m of all) byDay.set(m.date_time.slice(0, 10), [...(byDay.get(m.date_time.slice(0, 10)) ?? []), m]);
      // The busiest day with a deletion proves deleted messages are left out.
      const [date, day] = [...byDay]
        .sort((a, b) => b[1].length - a[1].length)
        .find(([, ms]) => ms.some((m) => m.deleted_at))!;
      const expected = visible(day).reverse();
      expect(expected.length).toBeGreaterThan(2);
      const pages = await emu.allPages(`/v2/im/users/${me.email}/chat/messages`, {
        token,
        query: { channel: channel.id, date, page_size: 2 },
      });
      for (const page of pages) {
        expect(validateZoomResponse('imUserChatMessages', 200, page)).toEqual([]);
        expect(page).toMatchObject({ date, page_size: 2 });
      }
      expect(pages.flatMap((p) => p.messages)).toEqual(
        expected.map((m) => ({
          id: m.id,
          message: latestText(m),
          sender: m.sender_email,
          date_time: m.date_time,
          timestamp: m.timestamp,
        })),
      );
    });

    it('documents its errors', async () => {
      const cases: [Record<string, string>, string, number, unknown][] = [
        [{}, 'me', 400, { code: 300, message: 'Invalid parameter: channel/chat_user.' }],
        [
          { chat_user: peer.email, channel: myChannel().id },
          'me',
          400,
          { code: 300, message: 'Invalid parameter: channel/chat_user.' },
        ],
        [
          { chat_user: 'ghost@example.com' },
          'me',
          404,
          { code: 1001, message: 'User does not exist: ghost@example.com.' },
        ],
        [{ channel: 'f'.repeat(32) }, 'me', 404, { code: 4130, message: `Channel does not exist: ${'f'.repeat(32)}.` }],
        [{ chat_user: me.email }, peer.id, 400, { code: 200, message: NO_PERMISSION }],
      ];
      const foreign = emu.tenant.dir.channels.find((c) => !c.members.has(me.idx))!;
      cases.push([{ channel: foreign.id }, 'me', 400, { code: 200, message: NO_PERMISSION }]);
      for (const [query, userId, status, body] of cases) {
        const res = await emu.get(`/v2/im/users/${userId}/chat/messages`, { token, query });
        expect([res.status, res.body]).toEqual([status, body]);
      }
      const date = await emu.get('/v2/im/users/me/chat/messages', {
        token,
        query: { chat_user: peer.email, date: '20-11-2026' },
      });
      expect(date.status).toBe(400);
      expect(date.body.code).toBe(300);
    });
  });

  describe('GET /im/chat/sessions/{sessionId} (#5)', () => {
    it('pages a month oldest first, omits deletions and marks edits', async () => {
      const session = channelSession(myChannel().id);
      const expected = visible(await truth(MONTH_AGO, TODAY, session.id));
      expect(expected.some((m) => m.versions.length > 1)).toBe(true);
      const pages = await emu.allPages(`/v2/im/chat/sessions/${session.id}`, {
        token,
        query: { from: MONTH_AGO, to: TODAY, page_size: 7 },
      });
      for (const page of pages) {
        expect(validateZoomResponse('imChatMessages', 200, page)).toEqual([]);
        expect(page).toMatchObject({ session_id: session.id, from: MONTH_AGO, to: TODAY, page_size: 7 });
      }
      expect(pages.flatMap((p) => p.messages)).toEqual(
        expected.map((m) => {
          const latest = m.versions[m.versions.length - 1];
          return {
            message: latestText(m),
            sender: m.sender_email,
            date_time: m.date_time,
            ...(latest.kind === 'edited' ? { action: 'edit', action_time: iso(latest.action_timestamp) } : {}),
          };
        }),
      );
    });

    it('leaves the sender empty for people outside the account who are not contacts', async () => {
      const group = emu.tenant.dir.channels.find(
        (c) => c.members.has(me.idx) && [...c.members.keys()].some((i) => !emu.tenant.dir.users[i].email),
      )!;
      const stranger = [...group.members.keys()].map((i) => emu.tenant.dir.users[i]).find((u) => !u.email)!;
      emu.tenant.sendMessage({ session: channelSession(group.id), senderIdx: stranger.idx, text: 'from outside' });
      const res = await emu.get(`/v2/im/chat/sessions/${channelSession(group.id).id}`, {
        token,
        query: { from: TODAY, to: TODAY },
      });
      expect(validateZoomResponse('imChatMessages', 200, res.body)).toEqual([]);
      expect(res.body.messages[res.body.messages.length - 1]).toMatchObject({ message: 'from outside', sender: '' });
    });

    it('documents its errors', async () => {
      const foreign = emu.tenant.dir.sessions.find((s) => !emu.tenant.sessionParticipants(s).includes(me.idx))!;
      const mine = channelSession(myChannel().id).id;
      const cases: [string, Record<string, string>, number, number][] = [
        [foreign.id, { from: TODAY, to: TODAY }, 400, 200],
        ['0'.repeat(64), { from: TODAY, to: TODAY }, 400, 200],
        [mine, { to: TODAY }, 400, 300],
        [mine, { from: '2026-09-01', to: TODAY }, 400, 300],
        [mine, { from: '2026-04-01', to: '2026-04-20' }, 400, 300],
        [mine, { from: TODAY, to: TODAY, next_page_token: 'x' }, 400, 300],
      ];
      for (const [sessionId, query, status, code] of cases) {
        const res = await emu.get(`/v2/im/chat/sessions/${sessionId}`, { token, query });
        expect([res.status, res.body.code]).toEqual([status, code]);
      }
    });
  });

  describe('GET /im/chat/sessions (#6)', () => {
    it("lists the user's sessions active in the window exactly once, latest first", async () => {
      const last = new Map<string, number>();
      for (const m of visible(await truth(MONTH_AGO, TODAY))) {
        const session = emu.tenant.session(m.session_id)!;
        if (emu.tenant.sessionParticipants(session).includes(me.idx))
          last.set(m.session_id, Math.max(last.get(m.session_id) ?? 0, m.timestamp));
      }
      const pages = await emu.allPages('/v2/im/chat/sessions', {
        token,
        query: { from: MONTH_AGO, to: TODAY, page_size: 3 },
      });
      for (const page of pages) {
        expect(validateZoomResponse('imChatSessions', 200, page)).toEqual([]);
        expect(page).toMatchObject({ from: MONTH_AGO, to: TODAY, page_size: 3 });
      }
      const items = pages.flatMap((p) => p.sessions);
      expect(items.map((s) => s.session_id).sort()).toEqual([...last.keys()].sort());
      for (const item of items) {
        const session = emu.tenant.session(item.session_id)!;
        const group = session.kind === 'channel';
        expect(item).toEqual({
          session_id: session.id,
          type: group ? 'Group' : '1:1',
          name: group ? emu.tenant.dir.channels[session.channelIdx].name : '',
          last_message_sent_time: iso(last.get(session.id)!),
        });
      }
      const times = items.map((s) => s.last_message_sent_time);
      expect([...times].sort().reverse()).toEqual(times);
      expect(new Set(items.map((s) => s.type))).toEqual(new Set(['1:1', 'Group']));
    });

    it('requires the dates and a valid page token', async () => {
      const missing = await emu.get('/v2/im/chat/sessions', { token, query: { from: TODAY } });
      expect([missing.status, missing.body.code]).toEqual([400, 300]);
      const stale = await emu.get('/v2/im/chat/sessions', {
        token,
        query: { from: TODAY, to: TODAY, next_page_token: 'x' },
      });
      expect(stale.status).toBe(400);
      expect(stale.body).toEqual({ code: 300, message: 'The next page token is either invalid or has expired.' });
    });
  });
});
