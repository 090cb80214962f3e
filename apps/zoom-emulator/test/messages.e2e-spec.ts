import { validateZoomResponse } from '../../../test/support/openapi-validator.js';
import type { MessageView } from '../src/tenant/tenant.service.js';
import type { TenantChannel, TenantUser } from '../src/tenant/tenant-model.js';
import { type EmulatorHandle, TEST_NOW, startEmulator } from './emulator.harness.js';

const DAY = 86_400_000;
const TODAY = Date.parse('2026-11-20T00:00:00Z');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const live = (v: MessageView) => !v.deleted;

interface Spot {
  channel: TenantChannel;
  user: TenantUser;
  day: number;
}

describe('chat messages (#9-#13, #15, #16)', () => {
  let emu: EmulatorHandle;
  let token: string;

  beforeAll(async () => {
    emu = await startEmulator();
    token = await emu.accountToken();
  });
  afterAll(() => emu.close());

  const messagesPath = (userId: string) => `/v2/chat/users/${encodeURIComponent(userId)}/messages`;
  const messagePath = (userId: string, id: string, tail = '') =>
    `${messagesPath(userId)}/${encodeURIComponent(id)}${tail}`;

  const internalMember = (channel: TenantChannel) =>
    [...channel.members.keys()].map((idx) => emu.tenant.dir.users[idx]).find((u) => !u.external && !u.isBot);

  const dayViews = (sessionIdx: number, day: number, accept: (v: MessageView) => boolean = () => true) =>
    emu.tenant.messagesInRange(sessionIdx, day, day + DAY - 1, 'desc', null, 100_000, accept);

  /** The channel-day (within the last `days`) with the most views passing `score`'s test, and an internal member. */
  function findSpot(days: number, score: (views: MessageView[]) => number): Spot {
    let best: (Spot & { score: number }) | undefined;
    for (const channel of emu.tenant.dir.channels) {
      const user = internalMember(channel);
      if (!user || channel.deleted) continue;
      for (let day = TODAY - days * DAY; day < TODAY; day += DAY) {
        const s = score(dayViews(channel.sessionIdx, day));
        if (s > (best?.score ?? 0)) best = { channel, user, day, score: s };
      }
    }
    if (!best) throw new Error('no suitable channel-day in the tenant');
    return best;
  }

  async function listAll(userId: string, query: Record<string, string | number | boolean>) {
    const pages = await emu.allPages(messagesPath(userId), { token, query });
    for (const page of pages) expect(validateZoomResponse('getChatMessages', 200, page)).toEqual([]);
    return { pages, messages: pages.flatMap((p) => p.messages) };
  }

  async function getMessage(userId: string, id: string, query: Record<string, string>) {
    const res = await emu.get(messagePath(userId, id), { token, query });
    if (res.status === 200) expect(validateZoomResponse('getChatMessage', 200, res.body)).toEqual([]);
    return res;
  }

  async function send(userId: string, body: Record<string, unknown>, authToken = token) {
    const res = await emu.request('POST', messagesPath(userId), { token: authToken, body });
    if (res.status === 201) expect(validateZoomResponse('sendaChatMessage', 201, res.body)).toEqual([]);
    return res;
  }

  describe('GET /chat/users/{userId}/messages (#15)', () => {
    it('pages a busy day with page_size 3 through exactly the tenant’s messages, newest first', async () => {
      const spot = findSpot(30, (views) => views.filter(live).length);
      const expected = dayViews(spot.channel.sessionIdx, spot.day, live);
      expect(expected.length).toBeGreaterThan(6);
      const { pages, messages } = await listAll(spot.user.id, {
        to_channel: spot.channel.id,
        date: isoDay(spot.day),
        page_size: 3,
      });
      expect(pages.length).toBe(Math.ceil(expected.length / 3));
      for (const page of pages) {
        expect(page).toMatchObject({ date: isoDay(spot.day), page_size: 3 });
        expect(page.messages.length).toBeLessThanOrEqual(3);
      }
      expect(pages[pages.length - 1].next_page_token).toBe('');
      expect(messages.map((m: any) => m.id)).toEqual(expected.map((v) => v.message.id));

      for (const [i, item] of messages.entries()) {
        const view = expected[i];
        const sender = emu.tenant.dir.users[view.message.senderIdx];
        expect(item).toMatchObject({
          message: view.current.text,
          timestamp: view.message.timestamp,
          date_time: iso(view.message.timestamp),
          sender: sender.email,
          sender_member_id: sender.memberId,
          send_member_id: sender.memberId,
          sender_display_name: sender.external && !sender.contact ? '' : sender.displayName,
        });
        expect(item.status).toBeUndefined();
        if (view.message.replyTo) expect(item.reply_main_message_id).toBe(view.message.replyTo.id);
        expect(item.bot_message !== undefined).toBe(view.message.bot !== null);
        expect(item.files?.length ?? 0).toBe(view.current.files.length);
      }
    });

    it('defaults to today and echoes from/to only when given', async () => {
      const spot = findSpot(1, () => 1);
      const res = await emu.get(messagesPath(spot.user.id), { token, query: { to_channel: spot.channel.id } });
      expect(res.status).toBe(200);
      expect(validateZoomResponse('getChatMessages', 200, res.body)).toEqual([]);
      expect(res.body.date).toBe(TEST_NOW.slice(0, 10));
      expect(res.body.from).toBeUndefined();
      const today = emu.tenant.messagesInRange(spot.channel.sessionIdx, TODAY, TODAY + DAY - 1, 'desc', null, 10, live);
      expect(res.body.messages.map((m: any) => m.id)).toEqual(today.map((v) => v.message.id));

      const from = iso(spot.day);
      const to = iso(spot.day + DAY / 2);
      const window = await listAll(spot.user.id, { to_channel: spot.channel.id, from, to, page_size: 50 });
      expect(window.pages[0]).toMatchObject({ from, to });
      const expected = emu.tenant.messagesInRange(
        spot.channel.sessionIdx,
        spot.day,
        spot.day + DAY / 2,
        'desc',
        null,
        1000,
        live,
      );
      expect(window.messages.map((m: any) => m.id)).toEqual(expected.map((v) => v.message.id));
    });

    it('adds status and deleted messages with include_deleted_and_edited_message', async () => {
      const spot = findSpot(150, (views) => views.filter((v) => v.deleted).length);
      const all = dayViews(spot.channel.sessionIdx, spot.day);
      const query = { to_channel: spot.channel.id, date: isoDay(spot.day), page_size: 50 };
      const flagged = await listAll(spot.user.id, { ...query, include_deleted_and_edited_message: true });
      expect(flagged.messages.map((m: any) => m.id)).toEqual(all.map((v) => v.message.id));
      for (const [i, item] of flagged.messages.entries()) {
        const view = all[i];
        const status = view.deleted ? 'Deleted' : view.versions.length > 1 ? 'Edited' : 'Normal';
        expect(item.status).toBe(status);
      }
      const plain = await listAll(spot.user.id, query);
      expect(plain.messages.map((m: any) => m.id)).toEqual(all.filter(live).map((v) => v.message.id));
    });

    it('shows edited messages with their current text', async () => {
      const spot = findSpot(150, (views) => views.filter((v) => !v.deleted && v.versions.length > 1).length);
      const edited = dayViews(spot.channel.sessionIdx, spot.day).filter((v) => !v.deleted && v.versions.length > 1);
      const { messages } = await listAll(spot.user.id, {
        to_channel: spot.channel.id,
        date: isoDay(spot.day),
        page_size: 50,
      });
      for (const view of edited) {
        const item = messages.find((m: any) => m.id === view.message.id);
        expect(item.message).toBe(view.versions[view.versions.length - 1].text);
      }
    });

    it('leaves out replies with exclude_child_message', async () => {
      const spot = findSpot(30, (views) => views.filter((v) => live(v) && v.message.replyTo).length);
      const parents = dayViews(spot.channel.sessionIdx, spot.day, (v) => live(v) && !v.message.replyTo);
      const { messages } = await listAll(spot.user.id, {
        to_channel: spot.channel.id,
        date: isoDay(spot.day),
        exclude_child_message: true,
        page_size: 50,
      });
      expect(messages.map((m: any) => m.id)).toEqual(parents.map((v) => v.message.id));
    });

    it('searches message text case-insensitively, across conversations without a target', async () => {
      const spot = findSpot(20, (views) => views.filter(live).length);
      const sample = dayViews(spot.channel.sessionIdx, spot.day, live).find((v) =>
        /\b[a-z]{5,}\b/.test(v.current.text),
      )!;
      const key = /\b([a-z]{5,})\b/.exec(sample.current.text)![1].toUpperCase();
      const query = {
        search_type: 'message',
        search_key: key,
        from: iso(spot.day),
        to: iso(spot.day + DAY - 1),
        page_size: 5,
      };
      const scoped = await listAll(spot.user.id, { ...query, to_channel: spot.channel.id });
      const expected = dayViews(
        spot.channel.sessionIdx,
        spot.day,
        (v) => live(v) && v.current.text.toLowerCase().includes(key.toLowerCase()),
      );
      expect(scoped.messages.map((m: any) => m.id)).toEqual(expected.map((v) => v.message.id));

      const everywhere = await listAll(spot.user.id, query);
      const ids = everywhere.messages.map((m: any) => m.id);
      expect(ids).toEqual(expect.arrayContaining(expected.map((v) => v.message.id)));
      expect(new Set(ids).size).toBe(ids.length);
      for (const item of everywhere.messages) expect(item.message.toLowerCase()).toContain(key.toLowerCase());
      const times = everywhere.messages.map((m: any) => m.timestamp);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('answers Zoom’s errors', async () => {
      const spot = findSpot(3, () => 1);
      const path = messagesPath(spot.user.id);
      const cases: [Record<string, string>, number, number, string][] = [
        [{}, 400, 300, 'Must provide either contact or channel parameter.'],
        [{ to_channel: 'f'.repeat(32) }, 404, 4130, `Channel does not exist: ${'f'.repeat(32)}.`],
        [{ to_contact: 'nobody@example.com' }, 404, 1001, 'User does not exist: nobody@example.com.'],
        [
          { to_channel: spot.channel.id, date: '2026-04-01' },
          400,
          300,
          'Only provide past chat messages in recent 6 months.',
        ],
        [
          { to_channel: spot.channel.id, next_page_token: 'bogus' },
          400,
          300,
          'The next page token is invalid or expired.',
        ],
        [{ to_channel: spot.channel.id, search_type: 'message' }, 400, 300, 'Validation Failed.'],
      ];
      for (const [query, status, code, message] of cases) {
        const res = await emu.get(path, { token, query });
        expect({ query, status: res.status, body: res.body }).toEqual({
          query,
          status,
          body: expect.objectContaining({ code, message }),
        });
        expect(validateZoomResponse('getChatMessages', res.status, res.body)).toEqual([]);
      }

      const outsider = emu.tenant.accountUsers().find((u) => !spot.channel.members.has(u.idx))!;
      const forbidden = await emu.get(messagesPath(outsider.id), { token, query: { to_channel: spot.channel.id } });
      expect(forbidden.status).toBe(400);
      expect(forbidden.body).toEqual({
        code: 200,
        message: "Unauthorized request. You do not have permission to access this user's chat messages.",
      });
      const unknownUser = await emu.get(messagesPath('nobody@example.com'), {
        token,
        query: { to_channel: spot.channel.id },
      });
      expect(unknownUser.status).toBe(404);
      expect(unknownUser.body.code).toBe(1001);
    });
  });

  describe('GET /chat/users/{userId}/messages/{messageId} (#12)', () => {
    /** A participant of a session and the target naming that session from their side. */
    function sideOf(sessionIdx: number): { user: TenantUser; query: Record<string, string> } | undefined {
      const session = emu.tenant.dir.sessions[sessionIdx];
      if (session.kind === 'channel') {
        const channel = emu.tenant.dir.channels[session.channelIdx];
        const user = internalMember(channel);
        return user && !channel.deleted ? { user, query: { to_channel: channel.id } } : undefined;
      }
      const [a, b] = session.peers!.map((idx) => emu.tenant.dir.users[idx]);
      const user = [a, b].find((u) => !u.external);
      return user && { user, query: { to_contact: (user === a ? b : a).memberId } };
    }

    it('returns a message whose id is wrapped in braces (percent-encoded in the path)', async () => {
      let found: { view: MessageView; side: NonNullable<ReturnType<typeof sideOf>> } | undefined;
      for (const session of emu.tenant.dir.sessions.filter((s) => s.bracedIds)) {
        const side = sideOf(session.idx);
        const views = emu.tenant.messagesInRange(session.idx, TODAY - 150 * DAY, TODAY, 'desc', null, 500, live);
        const view = views.find((v) => v.reactions.length > 0) ?? views[0];
        if (side && view) found = { view, side };
        if (found?.view.reactions.length) break;
      }
      const { view, side } = found!;
      expect(view.message.id).toMatch(/^\{[0-9A-F-]{36}\}$/);
      const path = messagePath(side.user.id, view.message.id);
      expect(path).toContain('%7B');
      const res = await getMessage(side.user.id, view.message.id, side.query);
      expect(res.status).toBe(200);
      const sender = emu.tenant.dir.users[view.message.senderIdx];
      expect(res.body).toMatchObject({
        id: view.message.id,
        message: view.current.text,
        timestamp: view.message.timestamp,
        date_time: iso(view.message.timestamp),
        sender: sender.email,
        send_member_id: sender.memberId,
        sender_member_id: sender.memberId,
      });
      expect(res.body.message_url).toMatch(/^https:\/\/zoom\.us\/launch\/chat\/v2\//);
      expect(res.body.status).toBeUndefined();
      for (const reaction of view.reactions) {
        const item = res.body.reactions.find((r: any) => r.emoji === reaction.emoji);
        const people = reaction.users.map((idx) => emu.tenant.dir.users[idx]);
        expect(item).toEqual({
          emoji: reaction.emoji,
          total_count: people.length,
          user_ids: people.filter((u) => u.id !== '').map((u) => u.id),
          member_ids: people.map((u) => u.memberId),
        });
      }
      const bare = await getMessage(side.user.id, view.message.id.slice(1, -1).toLowerCase(), side.query);
      expect(bare.status).toBe(200);
      expect(bare.body.id).toBe(view.message.id);
    });

    it('answers Zoom’s errors', async () => {
      const spot = findSpot(30, (views) => views.filter(live).length);
      const view = dayViews(spot.channel.sessionIdx, spot.day, live)[0];
      const id = view.message.id;
      const missing = await getMessage(spot.user.id, id, {});
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ code: 300, message: 'Must provide either "contact" or "channel" parameter.' });
      const unknown = await getMessage(spot.user.id, '00000000-0000-0000-0000-000000000000', {
        to_channel: spot.channel.id,
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toEqual({
        code: 300,
        message: 'Channel does not exist: 00000000-0000-0000-0000-000000000000',
      });
      const otherChannel = emu.tenant.channelsOf(spot.user.idx).find((c) => c.id !== spot.channel.id);
      if (otherChannel) {
        const wrongPlace = await getMessage(spot.user.id, id, { to_channel: otherChannel.id });
        expect(wrongPlace.status).toBe(400);
      }
      const noChannel = await getMessage(spot.user.id, id, { to_channel: 'a'.repeat(32) });
      expect(noChannel.status).toBe(404);
      expect(noChannel.body.code).toBe(4130);
    });
  });

  describe('writing: send, read back, edit, react, mark, delete', () => {
    let channel: TenantChannel;
    let alice: TenantUser;
    let bob: TenantUser;
    let firstId: string;

    beforeAll(() => {
      channel = emu.tenant.dir.channels.find(
        (c) =>
          !c.deleted &&
          c.settings.posting_permissions === 1 &&
          [...c.members.keys()].filter((idx) => {
            const u = emu.tenant.dir.users[idx];
            return !u.external && !u.isBot;
          }).length >= 2,
      )!;
      const members = [...channel.members.keys()]
        .map((idx) => emu.tenant.dir.users[idx])
        .filter((u) => !u.external && !u.isBot);
      [alice, bob] = members;
    });

    it('sends to a channel (#16); the message shows in #12 and first in #15', async () => {
      const res = await send(alice.id, {
        message: 'Hello @all, quarterly numbers attached',
        to_channel: channel.id,
        at_items: [{ at_type: 2, start_position: 6, end_position: 10 }],
        rich_text: [{ start_position: 0, end_position: 5, format_type: 'Bold' }],
      });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body)).toEqual(['id']);
      firstId = res.body.id;

      const got = await getMessage(bob.id, firstId, { to_channel: channel.id });
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({
        id: firstId,
        message: 'Hello @all, quarterly numbers attached',
        sender: alice.email,
        send_member_id: alice.memberId,
        sender_member_id: alice.memberId,
        message_type: 'plain_text_message',
        at_items: [{ at_type: 2, start_position: 6, end_position: 10, at_contact: '', at_contact_member_id: '' }],
        rich_text: [{ start_position: 0, end_position: 5, format_type: 'Bold' }],
      });

      const list = await emu.get(messagesPath(bob.id), { token, query: { to_channel: channel.id } });
      expect(validateZoomResponse('getChatMessages', 200, list.body)).toEqual([]);
      expect(list.body.messages[0].id).toBe(firstId);
      expect(emu.tenant.findMessage(firstId)?.message.senderIdx).toBe(alice.idx);
    });

    it('threads replies under main messages only (5402)', async () => {
      const reply = await send(bob.id, { message: 'Thanks!', to_channel: channel.id, reply_main_message_id: firstId });
      expect(reply.status).toBe(201);
      const got = await getMessage(alice.id, reply.body.id, { to_channel: channel.id });
      expect(got.body).toMatchObject({
        reply_main_message_id: firstId,
        reply_main_message_timestamp: emu.tenant.findMessage(firstId)!.message.timestamp,
      });
      const nested = await send(alice.id, {
        message: 'x',
        to_channel: channel.id,
        reply_main_message_id: reply.body.id,
      });
      expect(nested.status).toBe(400);
      expect(nested.body).toEqual({ code: 5402, message: 'This only supports replies to a main message.' });
    });

    it('starts a 1:1 conversation on first send to a contact, as `me` with a user token', async () => {
      const peers = emu.tenant.accountUsers();
      let pair: [TenantUser, TenantUser] | undefined;
      for (const a of peers) {
        const b = peers.find((p) => p.idx !== a.idx && !emu.tenant.oneToOneSession(a.idx, p.idx, false));
        if (b) {
          pair = [a, b];
          break;
        }
      }
      const [me, contact] = pair!;
      const userToken = (await emu.userToken(me.email)).access_token;
      const res = await send('me', { message: 'Hi, first DM', to_contact: contact.email }, userToken);
      expect(res.status).toBe(201);
      const session = emu.tenant.oneToOneSession(me.idx, contact.idx, false);
      expect(session).toBeDefined();
      const list = await emu.get(messagesPath(contact.id), { token, query: { to_contact: me.memberId } });
      expect(list.status).toBe(200);
      expect(list.body.messages.map((m: any) => m.id)).toEqual([res.body.id]);
      expect(list.body.messages[0]).toMatchObject({ message: 'Hi, first DM', sender: me.email });
    });

    it('validates the send body', async () => {
      const cases: [Record<string, unknown>, number, number][] = [
        [{ to_channel: channel.id }, 400, 300],
        [{ message: 'x'.repeat(1025), to_channel: channel.id }, 400, 300],
        [{ message: 'hi' }, 400, 300],
        [{ message: 'hi', to_channel: 'b'.repeat(32) }, 404, 4130],
        [{ message: 'hi', to_contact: 'ghost@example.com' }, 404, 1001],
        [{ message: 'hi', to_channel: channel.id, file_ids: ['nope'] }, 400, 5404],
        [{ message: 'hi', to_channel: channel.id, file_ids: ['1', '2', '3', '4', '5', '6', '7'] }, 400, 300],
        [{ message: 'hi', to_channel: channel.id, reply_main_message_id: 'nope' }, 400, 5402],
      ];
      for (const [body, status, code] of cases) {
        const res = await send(alice.id, body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
      }
      const outsider = emu.tenant.accountUsers().find((u) => !channel.members.has(u.idx))!;
      const refused = await send(outsider.id, { message: 'hi', to_channel: channel.id });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe(5301);
    });

    it('returns a draft id for a scheduled message without posting it', async () => {
      const now = emu.tenant.now();
      const before = emu.tenant.messagesInRange(channel.sessionIdx, TODAY, TODAY + DAY - 1, 'desc', null, 1000);
      const ok = await send(alice.id, {
        message: 'later',
        to_channel: channel.id,
        scheduled_time: iso(now + 2 * 3_600_000),
      });
      expect(ok.status).toBe(201);
      expect(typeof ok.body.id).toBe('string');
      const after = emu.tenant.messagesInRange(channel.sessionIdx, TODAY, TODAY + DAY - 1, 'desc', null, 1000);
      expect(after.length).toBe(before.length);
      for (const when of [now + 10 * 60_000, now + 200 * DAY]) {
        const bad = await send(alice.id, { message: 'later', to_channel: channel.id, scheduled_time: iso(when) });
        expect(bad.status).toBe(400);
        expect(bad.body).toEqual({
          code: 300,
          message:
            'Invalid parameter: send_time. The time requirement is more than 30 minutes from now and within 180 days.',
        });
      }
    });

    it('edits (#13): sender only; #15 shows status Edited and the new text', async () => {
      const path = messagePath(alice.id, firstId);
      const res = await emu.request('PUT', path, {
        token,
        body: { message: 'Hello all, numbers v2', to_channel: channel.id },
      });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(validateZoomResponse('editMessage', 204, res.body)).toEqual([]);

      const list = await emu.get(messagesPath(bob.id), {
        token,
        query: { to_channel: channel.id, include_deleted_and_edited_message: true },
      });
      expect(validateZoomResponse('getChatMessages', 200, list.body)).toEqual([]);
      expect(list.body.messages.find((m: any) => m.id === firstId)).toMatchObject({
        message: 'Hello all, numbers v2',
        status: 'Edited',
      });
      const got = await getMessage(bob.id, firstId, { to_channel: channel.id });
      expect(got.body.message).toBe('Hello all, numbers v2');

      const stranger = await emu.request('PUT', messagePath(bob.id, firstId), {
        token,
        body: { message: 'hijack', to_channel: channel.id },
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body).toEqual({ code: 200, message: 'Only the sender of this message can make updates.' });

      const unknown = await emu.request('PUT', messagePath(alice.id, 'ABCDEF01-0000-0000-0000-000000000000'), {
        token,
        body: { message: 'x', to_channel: channel.id },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toEqual({
        code: 300,
        message:
          'Message does not exist: ABCDEF01-0000-0000-0000-000000000000. Must provide either contact or channel parameter.',
      });
      const noTarget = await emu.request('PUT', path, { token, body: { message: 'x' } });
      expect(noTarget.status).toBe(400);
      expect(noTarget.body.code).toBe(300);
    });

    it('reacts (#10): the reaction shows in #12 and #15, and can be removed', async () => {
      const path = messagePath(bob.id, firstId, '/emoji_reactions');
      const add = await emu.request('PATCH', path, {
        token,
        body: { action: 'add', emoji: 'U+1F44D', to_channel: channel.id },
      });
      expect(add.status).toBe(204);
      expect(validateZoomResponse('reactMessage', 204, add.body)).toEqual([]);
      const got = await getMessage(alice.id, firstId, { to_channel: channel.id });
      expect(got.body.reactions).toEqual([
        { emoji: 'U+1F44D', total_count: 1, user_ids: [bob.id], member_ids: [bob.memberId] },
      ]);
      const list = await emu.get(messagesPath(alice.id), { token, query: { to_channel: channel.id } });
      expect(list.body.messages.find((m: any) => m.id === firstId).reactions).toEqual([
        { emoji: 'U+1F44D', total_count: 1, senders: [{ user_id: bob.id, member_id: bob.memberId }] },
      ]);

      const remove = await emu.request('PATCH', path, {
        token,
        body: { action: 'remove', emoji: 'U+1F44D', to_channel: channel.id },
      });
      expect(remove.status).toBe(204);
      const after = await getMessage(alice.id, firstId, { to_channel: channel.id });
      expect(after.body.reactions).toBeUndefined();

      const bad = await emu.request('PATCH', path, {
        token,
        body: { action: 'like', emoji: 'U+1F44D', to_channel: channel.id },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe(300);
      const noTarget = await emu.request('PATCH', path, { token, body: { action: 'add', emoji: 'U+1F44D' } });
      expect(noTarget.body).toEqual({
        code: 300,
        message: `Message does not exist: ${firstId}. Must provide either contact or channel parameter.`,
      });
    });

    it('marks read or unread (#9)', async () => {
      const path = messagePath(bob.id, firstId, '/status');
      for (const action of ['read', 'unread']) {
        const res = await emu.request('PATCH', path, { token, body: { action, to_channel: channel.id } });
        expect(res.status).toBe(204);
        expect(validateZoomResponse('markMessage', 204, res.body)).toEqual([]);
      }
      const bad = await emu.request('PATCH', path, { token, body: { action: 'seen', to_channel: channel.id } });
      expect(bad.status).toBe(400);
      const unknown = await emu.request('PATCH', messagePath(bob.id, 'nope', '/status'), {
        token,
        body: { action: 'read', to_channel: channel.id },
      });
      expect(unknown.body).toEqual({
        code: 300,
        message: 'Message does not exist: nope. Must provide either contact or channel parameter.',
      });
      const unknownChannel = await emu.request('PATCH', path, {
        token,
        body: { action: 'read', to_channel: 'c'.repeat(32) },
      });
      expect(unknownChannel.status).toBe(404);
      expect(unknownChannel.body.code).toBe(4130);
    });

    it('deletes (#11): sender only; gone from #15 by default, status Deleted with the flag', async () => {
      const stranger = await emu.request('DELETE', messagePath(bob.id, firstId), {
        token,
        query: { to_channel: channel.id },
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body).toEqual({ code: 200, message: 'Only the sender of this message can make updates.' });
      const noTarget = await emu.request('DELETE', messagePath(alice.id, firstId), { token });
      expect(noTarget.body).toEqual({
        code: 300,
        message: 'You must provide the "to_contact" or the "to_channel" query parameter.',
      });

      const res = await emu.request('DELETE', messagePath(alice.id, firstId), {
        token,
        query: { to_channel: channel.id },
      });
      expect(res.status).toBe(204);
      expect(validateZoomResponse('deleteChatMessage', 204, res.body)).toEqual([]);

      const plain = await emu.get(messagesPath(bob.id), { token, query: { to_channel: channel.id } });
      expect(plain.body.messages.map((m: any) => m.id)).not.toContain(firstId);
      const flagged = await emu.get(messagesPath(bob.id), {
        token,
        query: { to_channel: channel.id, include_deleted_and_edited_message: true },
      });
      expect(validateZoomResponse('getChatMessages', 200, flagged.body)).toEqual([]);
      expect(flagged.body.messages.find((m: any) => m.id === firstId)?.status).toBe('Deleted');

      const got = await getMessage(bob.id, firstId, { to_channel: channel.id });
      expect(got.status).toBe(400);
      expect(got.body).toEqual({ code: 300, message: `Channel does not exist: ${firstId}` });
      const again = await emu.request('DELETE', messagePath(alice.id, firstId), {
        token,
        query: { to_channel: channel.id },
      });
      expect(again.body).toEqual({ code: 300, message: `Channel does not exist: ${firstId}` });
      const edit = await emu.request('PUT', messagePath(alice.id, firstId), {
        token,
        body: { message: 'zombie', to_channel: channel.id },
      });
      expect(edit.status).toBe(400);
      expect(edit.body.message).toBe(
        `Message does not exist: ${firstId}. Must provide either contact or channel parameter.`,
      );
    });
  });
});
