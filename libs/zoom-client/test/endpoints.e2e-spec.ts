import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmulatorHandle, startEmulator } from '../../../apps/zoom-emulator/test/emulator.harness.js';
import type { MessageView } from '../../../apps/zoom-emulator/src/tenant/tenant.service.js';
import type { TenantChannel, TenantUser } from '../../../apps/zoom-emulator/src/tenant/tenant-model.js';
import { ZOOM_ENDPOINTS, ZoomClient, ZoomPermanentError } from '../src/index.js';
import { collect, emulatorOptions, observer, redirectingHost } from './emulator-client.js';

const DAY = 86_400_000;
const FROM = '2026-11-01';
const TO = '2026-11-20';
const TODAY = Date.parse('2026-11-20T00:00:00Z');

describe('ZoomClient against the emulator: every endpoint', () => {
  let emu: EmulatorHandle;
  let token: string;
  let client: ZoomClient;
  const obs = observer();
  const clients: ZoomClient[] = [];
  let alice: TenantUser;
  let bob: TenantUser;
  let carol: TenantUser;
  let dave: TenantUser;

  /** A client whose user-level endpoints act as `user` (authorization-code token of the user app). */
  async function clientOf(user: TenantUser): Promise<ZoomClient> {
    const { access_token } = await emu.userToken(user.email);
    const userClient = new ZoomClient(
      emulatorOptions(emu, { userToken: () => Promise.resolve(access_token), onResponse: obs.onResponse }),
    );
    clients.push(userClient);
    return userClient;
  }

  const raw = async (path: string, query: Record<string, string | number | boolean>, field: string, bearer = token) =>
    (await emu.allPages(path, { token: bearer, query })).flatMap((page) => page[field] as any[]);

  beforeAll(async () => {
    emu = await startEmulator();
    token = await emu.accountToken();
    client = new ZoomClient(emulatorOptions(emu, { onResponse: obs.onResponse }));
    clients.push(client);
    const owner = emu.tenant.owner();
    [alice, bob, carol, dave] = emu.tenant.accountUsers().filter((u) => u.idx !== owner.idx);
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await emu.close();
  });

  describe('reports (#1, #2)', () => {
    it('#2 pages the sessions of a month exactly as the report holds them', async () => {
      const expected = await raw('/v2/report/chat/sessions', { from: FROM, to: TO, page_size: 300 }, 'sessions');
      expect(expected.length).toBeGreaterThan(7);

      const first = await client.reportChatSessions({ from: FROM, to: TO, page_size: 5 });
      expect(first).toMatchObject({ from: FROM, to: TO, page_size: 5 });
      expect(first.next_page_token).not.toBe('');
      expect(first.sessions?.map((s) => s.id)).toEqual(expected.slice(0, 5).map((s) => s.id));

      const pages = await collect(client.pages('reportChatSessions', { from: FROM, to: TO, page_size: 7 }));
      expect(pages.length).toBe(Math.ceil(expected.length / 7));
      expect(pages.at(-1)?.next_page_token).toBe('');
      const items = await collect(client.items('reportChatSessions', { from: FROM, to: TO, page_size: 7 }));
      expect(items).toEqual(expected);
    });

    it("#1 reads a busy session's messages page by page, with edits and deletions on request", async () => {
      const sessions = await raw('/v2/report/chat/sessions', { from: FROM, to: TO }, 'sessions');
      const count = (id: string) => {
        const session = emu.tenant.session(id)!;
        return emu.tenant.messagesInRange(session.idx, Date.parse(FROM), TODAY + DAY - 1, 'asc', null, 10_000).length;
      };
      const busiest = sessions.map((s) => ({ id: s.id as string, n: count(s.id) })).sort((a, b) => b.n - a.n)[0];
      const query = { from: FROM, to: TO, include_fields: 'edited_messages,deleted_messages' as const };
      const expected = await raw(`/v2/report/chat/sessions/${busiest.id}`, { ...query, page_size: 100 }, 'messages');
      expect(expected.length).toBeGreaterThan(10);

      const page = await client.reportChatMessages(busiest.id, { ...query, page_size: 4 });
      expect(page.messages?.map((m) => m.id)).toEqual(expected.slice(0, 4).map((m) => m.id));
      expect(page.edited_messages).toBeInstanceOf(Array);
      expect(page.deleted_messages).toBeInstanceOf(Array);
      expect(page.messages?.[0].sender_member_id).toEqual(expect.any(String));

      const items = await collect(
        client.items('reportChatMessages', { sessionId: busiest.id }, { ...query, page_size: 6 }),
      );
      expect(items.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    });
  });

  describe('deprecated IM endpoints (#3-#6, user-level)', () => {
    it('sends an IM (#4) that #3, #5 and #6 then show', async () => {
      const im = await clientOf(alice);
      const sent = await im.sendimmessages({ message: 'standup moved to 10:30' }, { chat_user: bob.email });
      expect(sent.id).toMatch(/[0-9A-F-]{36}/i);

      const mine = await im.imUserChatMessages('me', { chat_user: bob.email });
      expect(mine.messages?.[0]).toMatchObject({ id: sent.id, message: 'standup moved to 10:30', sender: alice.email });

      const sessionId = emu.tenant.oneToOneSession(alice.idx, bob.idx, false)!.id;
      const sessions = await collect(im.items('imChatSessions', { from: FROM, to: TO }));
      expect(sessions.filter((s) => s.session_id === sessionId)).toEqual([
        expect.objectContaining({ session_id: sessionId, type: '1:1' }),
      ]);
      const firstPage = await im.imChatSessions({ from: FROM, to: TO });
      expect(firstPage.sessions?.length).toBe(Math.min(30, sessions.length));

      const messages = await im.imChatMessages(sessionId, { from: FROM, to: TO, page_size: 300 });
      expect(messages.session_id).toBe(sessionId);
      expect(messages.messages?.at(-1)).toMatchObject({ message: 'standup moved to 10:30', sender: alice.email });
    });

    it('without a user token, answers what Zoom answers an account token: 400 / 4711', async () => {
      await expect(client.imChatSessions({ from: FROM, to: TO })).rejects.toMatchObject({
        constructor: ZoomPermanentError,
        status: 400,
        code: 4711,
        operationId: 'imChatSessions',
      });
    });
  });

  describe('contacts (#7, #29, #30)', () => {
    it('#7 finds account users by last name across pages', async () => {
      const expected = await raw('/v2/contacts', { search_key: alice.lastName, page_size: 25 }, 'contacts');
      const first = await client.searchCompanyContacts({ search_key: alice.lastName });
      expect(first.contacts).toHaveLength(1);
      const items = await collect(client.items('searchCompanyContacts', { search_key: alice.lastName, page_size: 1 }));
      expect(items).toEqual(expected);
      expect(items.map((c) => c.email)).toContain(alice.email);
    });

    it("#30 lists the user's contacts and #29 reads one", async () => {
      const im = await clientOf(alice);
      const { access_token } = await emu.userToken(alice.email);
      const expected = await raw('/v2/chat/users/me/contacts', { page_size: 50 }, 'contacts', access_token);
      const page = await im.getUserContacts({ page_size: 3 });
      expect(page.contacts?.map((c) => c.email)).toEqual(expected.slice(0, 3).map((c) => c.email));
      expect(await collect(im.items('getUserContacts', { page_size: 4 }))).toEqual(expected);

      const contact = await im.getUserContact(bob.email, { query_presence_status: true });
      expect(contact).toMatchObject({ id: bob.id, email: bob.email, member_id: bob.memberId });
      expect(contact.presence_status).toEqual(expect.any(String));
    });
  });

  describe('chat sessions (#8)', () => {
    it("lists a user's sessions of the window across pages", async () => {
      const query = { from: `${FROM}T00:00:00Z`, to: `${TO}T12:00:00Z` };
      const expected = await raw(`/v2/chat/users/${alice.id}/sessions`, { ...query, page_size: 50 }, 'sessions');
      expect(expected.length).toBeGreaterThan(2);
      const page = await client.getChatSessions(alice.id, { ...query, page_size: 2 });
      expect(page.sessions).toEqual(expected.slice(0, 2));
      expect(await collect(client.items('getChatSessions', { userId: alice.id }, { ...query, page_size: 2 }))).toEqual(
        expected,
      );
    });
  });

  describe('chat messages (#9-#13, #15, #16)', () => {
    let channel: TenantChannel;
    let sender: TenantUser;
    let reader: TenantUser;

    beforeAll(() => {
      const internal = (c: TenantChannel) =>
        [...c.members.keys()].map((idx) => emu.tenant.dir.users[idx]).filter((u) => !u.external && !u.isBot);
      channel = emu.tenant.dir.channels.find(
        (c) => !c.deleted && c.settings.posting_permissions === 1 && internal(c).length >= 2,
      )!;
      [sender, reader] = internal(channel);
    });

    it('sends (#16), reads (#12, #15), edits (#13), reacts (#10), marks (#9) and deletes (#11) a message', async () => {
      const to_channel = channel.id;
      const sent = await client.sendaChatMessage(sender.id, { message: 'numbers for Q3', to_channel });
      expect(sent.id).toEqual(expect.any(String));

      const read = await client.getChatMessage(reader.id, sent.id!, { to_channel });
      expect(read).toMatchObject({ id: sent.id, message: 'numbers for Q3', sender: sender.email });
      expect(read.sender_member_id).toBe(sender.memberId);

      const listed = await client.getChatMessages(reader.id, { to_channel, date: TO });
      expect(listed.messages?.[0]).toMatchObject({ id: sent.id, sender_member_id: sender.memberId });

      expect(await client.editMessage(sender.id, sent.id!, { message: 'numbers for Q3 (final)', to_channel })).toBe(
        undefined,
      );
      expect(await client.reactMessage(reader.id, sent.id!, { action: 'add', emoji: 'U+1F44D', to_channel })).toBe(
        undefined,
      );
      const changed = await client.getChatMessage(reader.id, sent.id!, { to_channel });
      expect(changed.message).toBe('numbers for Q3 (final)');
      expect(changed.reactions).toEqual([
        { emoji: 'U+1F44D', total_count: 1, user_ids: [reader.id], member_ids: [reader.memberId] },
      ]);

      expect(await client.markMessage(reader.id, sent.id!, { action: 'read', to_channel })).toBe(undefined);
      expect(obs.events.filter((e) => e.operationId === 'markMessage').map((e) => e.status)).toEqual([204]);

      expect(await client.deleteChatMessage(sender.id, sent.id!, { to_channel })).toBe(undefined);
      await expect(client.getChatMessage(reader.id, sent.id!, { to_channel })).rejects.toBeInstanceOf(
        ZoomPermanentError,
      );
    });

    it('#15 pages a busy day newest first, each message once, sender_member_id filled in', async () => {
      const live = (c: TenantChannel, day: number) =>
        emu.tenant.messagesInRange(c.sessionIdx, day, day + DAY - 1, 'asc', null, 1000, (v) => !v.deleted).length;
      const spots = emu.tenant.dir.channels
        .filter((c) => !c.deleted && c.members.has(reader.idx))
        .flatMap((c) => Array.from({ length: 30 }, (_, i) => ({ c, day: TODAY - (i + 1) * DAY })));
      const busiest = spots.reduce((best, spot) => (live(spot.c, spot.day) > live(best.c, best.day) ? spot : best));
      const query = { to_channel: busiest.c.id, date: new Date(busiest.day).toISOString().slice(0, 10) };
      const expected = await raw(`/v2/chat/users/${reader.id}/messages`, { ...query, page_size: 50 }, 'messages');
      expect(expected.length).toBeGreaterThan(3);
      const items = await collect(client.items('getChatMessages', { userId: reader.id }, { ...query, page_size: 3 }));
      expect(items.map((m) => m.id)).toEqual(expected.map((m) => m.id));
      expect(items.every((m) => m.sender_member_id !== undefined && m.sender_member_id === m.send_member_id)).toBe(
        true,
      );
    });

    it('reads a message whose id is wrapped in braces, percent-encoded in the path', async () => {
      let found: { view: MessageView; user: TenantUser; channel: TenantChannel } | undefined;
      for (const session of emu.tenant.dir.sessions.filter((s) => s.bracedIds && s.kind === 'channel')) {
        const c = emu.tenant.dir.channels[session.channelIdx];
        const user = [...c.members.keys()].map((idx) => emu.tenant.dir.users[idx]).find((u) => !u.external);
        const views = emu.tenant.messagesInRange(
          session.idx,
          TODAY - 60 * DAY,
          TODAY,
          'desc',
          null,
          50,
          (v) => !v.deleted,
        );
        if (user && !c.deleted && views[0]) found = { view: views[0], user, channel: c };
        if (found) break;
      }
      const { view, user, channel: braced } = found!;
      expect(view.message.id).toMatch(/^\{[0-9A-F-]{36}\}$/);
      const message = await client.getChatMessage(user.id, view.message.id, { to_channel: braced.id });
      expect(message).toMatchObject({ id: view.message.id, message: view.current.text });
      const reacted = await client.reactMessage(user.id, view.message.id, {
        action: 'add',
        emoji: 'U+2705',
        to_channel: braced.id,
      });
      expect(reacted).toBeUndefined();
    });
  });

  describe('chat files (#14, #17) and downloads', () => {
    let channel: TenantChannel;
    let sender: TenantUser;
    let reader: TenantUser;

    beforeAll(() => {
      channel = emu.tenant.dir.channels.find(
        (c) =>
          !c.deleted &&
          c.settings.posting_permissions === 1 &&
          [...c.members.keys()].filter((idx) => !emu.tenant.dir.users[idx].external).length >= 2,
      )!;
      [sender, reader] = [...channel.members.keys()]
        .map((idx) => emu.tenant.dir.users[idx])
        .filter((u) => !u.external && !u.isBot);
    });

    it('#17 uploads a multipart file, #14 sends one, and the download streams the same bytes', async () => {
      const report = randomBytes(70_000);
      const uploaded = await client.uploadAChatFile(sender.id, { fileName: 'report Q3.pdf', data: report });
      expect(emu.tenant.uploadedFile(uploaded.id!)).toMatchObject({ fileName: 'report Q3.pdf', fileSize: 70_000 });

      const chart = randomBytes(120_000);
      const sent = await client.sendChatFile(
        sender.id,
        { fileName: 'chart.png', data: chart },
        { to_channel: channel.id },
      );
      const message = await client.getChatMessage(reader.id, sent.id!, { to_channel: channel.id });
      expect(message.files).toEqual([expect.objectContaining({ file_name: 'chart.png', file_size: 120_000 })]);

      const stream = await client.downloadFile(message.files![0].download_url!);
      expect(Buffer.concat(await collect<Buffer>(stream))).toEqual(chart);
    });

    it('uploads a file read from disk as a Blob', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'zoom-client-'));
      try {
        const bytes = randomBytes(2 * 1024 * 1024);
        await writeFile(join(dir, 'big.bin'), bytes);
        const uploaded = await client.uploadAChatFile(sender.id, {
          fileName: 'big.bin',
          data: await openAsBlob(join(dir, 'big.bin')),
        });
        const ref = emu.tenant.uploadedFile(uploaded.id!)!;
        const downloaded = await client.sendaChatMessage(sender.id, {
          message: 'from disk',
          to_channel: channel.id,
          file_ids: [ref.fileId],
        });
        const message = await client.getChatMessage(reader.id, downloaded.id!, { to_channel: channel.id });
        const stream = await client.downloadFile(message.files![0].download_url!);
        expect(Buffer.concat(await collect<Buffer>(stream)).equals(bytes)).toBe(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('follows the file host redirect with the Authorization header kept, body and all', async () => {
      const fileHost = await redirectingHost(emu.url);
      const viaRedirect = new ZoomClient(emulatorOptions(emu, { fileApiUrl: `${fileHost.url}/v2` }));
      try {
        const bytes = randomBytes(50_000);
        const uploaded = await viaRedirect.uploadAChatFile(sender.id, { fileName: 'notes.txt', data: bytes });
        const sent = await viaRedirect.sendChatFile(
          sender.id,
          { fileName: 'notes2.txt', data: bytes },
          { to_channel: channel.id },
        );
        expect(fileHost.hops).toEqual([
          { method: 'POST', url: `/v2/chat/users/${sender.id}/files`, authorized: true },
          { method: 'POST', url: `/v2/chat/users/${sender.id}/messages/files`, authorized: true },
        ]);
        expect(emu.tenant.uploadedFile(uploaded.id!)?.fileSize).toBe(50_000);
        const message = await viaRedirect.getChatMessage(reader.id, sent.id!, { to_channel: channel.id });
        const stream = await viaRedirect.downloadFile(message.files![0].download_url!);
        expect(Buffer.concat(await collect<Buffer>(stream)).equals(bytes)).toBe(true);
      } finally {
        viaRedirect.close();
        await fileHost.close();
      }
    });
  });

  describe('account-level channels (#18-#28)', () => {
    it('creates, reads, lists, updates, invites, promotes, demotes, removes and deletes', async () => {
      const created = await client.createChannel(alice.id, {
        name: 'Quarter close',
        type: 1,
        members: [{ email: bob.email }],
      });
      expect(created).toMatchObject({ name: 'Quarter close', type: 1 });
      const channelId = created.id!;

      expect(await client.getChannel(alice.id, channelId)).toMatchObject({ id: channelId, name: 'Quarter close' });
      const mine = await collect(client.items('getChannels', { userId: alice.id }, { page_size: 2 }));
      expect(mine.map((c) => c.id).sort()).toEqual(
        emu.tenant
          .channelsOf(alice.idx)
          .map((c) => c.id)
          .sort(),
      );
      const firstPage = await client.getChannels(alice.id, { page_size: 1 });
      expect(firstPage.channels).toHaveLength(1);

      expect(await client.updateChannel(alice.id, channelId, { name: 'Quarter close 2026' })).toBeUndefined();
      expect((await client.getChannel(alice.id, channelId)).name).toBe('Quarter close 2026');

      const invited = await client.inviteChannelMembers(alice.id, channelId, {
        members: [{ email: carol.email }, { email: dave.email }],
      });
      expect(invited.member_ids?.split(',').sort()).toEqual([carol.memberId, dave.memberId].sort());
      const members = await collect(
        client.items('listChannelMembers', { userId: alice.id, channelId }, { page_size: 1 }),
      );
      expect(members.map((m) => m.email).sort()).toEqual([alice.email, bob.email, carol.email, dave.email].sort());
      expect((await client.listChannelMembers(alice.id, channelId)).total_records).toBe(4);

      const promoted = await client.promoteChannelMembersAsAdmin(alice.id, channelId, {
        admins: [{ email: bob.email }, { email: carol.email }],
      });
      expect(promoted.ids?.split(',').sort()).toEqual([bob.id, carol.id].sort());
      const admins = await client.listChannelAdministrators(alice.id, channelId);
      expect(admins.admins?.map((a) => a.email).sort()).toEqual([alice.email, bob.email, carol.email].sort());

      await client.batchDemoteChannelAdministrators(alice.id, channelId, {
        admin_ids: bob.memberId,
        user_ids: carol.id,
      });
      const remaining = await collect(client.items('listChannelAdministrators', { userId: alice.id, channelId }));
      expect(remaining.map((a) => a.role)).toEqual(['owner']);

      expect(await client.removeAChannelMember(alice.id, channelId, dave.email)).toBeUndefined();
      expect([...emu.tenant.channel(channelId)!.members.keys()]).not.toContain(dave.idx);

      expect(await client.deleteChannel(alice.id, channelId)).toBeUndefined();
      await expect(client.getChannel(alice.id, channelId)).rejects.toMatchObject({ status: 404, code: 4130 });
    });
  });

  describe('user-level channels (#31-#40)', () => {
    it('gets, updates, invites, removes, joins, leaves and deletes as the token user', async () => {
      const created = await client.createChannel(alice.id, {
        name: 'Open forum',
        type: 3,
        members: [{ email: bob.email }],
      });
      const channelId = created.id!;
      const asAlice = await clientOf(alice);
      const asDave = await clientOf(dave);

      expect(await asAlice.getUserLevelChannel(channelId)).toMatchObject({
        id: channelId,
        name: 'Open forum',
        type: 3,
      });
      expect(await asAlice.updateUserLevelChannel(channelId, { name: 'Open forum 2' })).toBeUndefined();
      expect((await asAlice.getUserLevelChannel(channelId)).name).toBe('Open forum 2');

      const invited = await asAlice.InviteUserLevelChannelMembers(channelId, { members: [{ email: carol.email }] });
      expect(invited.member_ids).toBe(carol.memberId);
      expect(await asAlice.removeAUserLevelChannelMember(channelId, carol.memberId)).toBeUndefined();
      expect(emu.tenant.channel(channelId)!.members.has(carol.idx)).toBe(false);

      const joined = await asDave.joinChannel(channelId);
      expect(joined).toMatchObject({ id: dave.id, member_id: dave.memberId });
      expect(await asDave.leaveChannel(channelId)).toBeUndefined();
      expect(emu.tenant.channel(channelId)!.members.has(dave.idx)).toBe(false);

      expect(await asAlice.deleteUserLevelChannel(channelId)).toBeUndefined();
      await expect(asAlice.getUserLevelChannel(channelId)).rejects.toMatchObject({ status: 404, code: 4130 });
    });

    it('#35 lists and #34 batch-removes members, acting as the account owner', async () => {
      const owner = emu.tenant.owner();
      const created = await client.createChannel(owner.id, {
        name: 'Owners room',
        type: 1,
        members: [{ email: bob.email }, { email: carol.email }, { email: dave.email }],
      });
      const channelId = created.id!;
      const members = await collect(client.items('listUserLevelChannelMembers', { channelId }, { page_size: 3 }));
      expect(members.map((m) => m.member_id).sort()).toEqual(
        [owner.memberId, bob.memberId, carol.memberId, dave.memberId].sort(),
      );
      expect((await client.listUserLevelChannelMembers(channelId)).total_records).toBe(4);

      await client.batchRemoveChannelMembers(channelId, { member_ids: carol.memberId, user_ids: dave.id });
      const left = await client.listUserLevelChannelMembers(channelId);
      expect(left.members?.map((m) => m.member_id).sort()).toEqual([owner.memberId, bob.memberId].sort());
    });

    it("#40 lists the account's public channels across pages", async () => {
      const expected = emu.tenant.publicChannels().map((c) => c.id);
      expect(expected.length).toBeGreaterThan(3);
      const page = await client.getAccountChannels({ page_size: 2 });
      expect(page.channels).toHaveLength(2);
      const items = await collect(client.items('getAccountChannels', { page_size: 3 }));
      expect(items.map((c) => c.id).sort()).toEqual([...expected].sort());
    });
  });

  it('called every one of the 40 endpoints', () => {
    const called = new Set(obs.events.map((e) => e.operationId));
    expect(ZOOM_ENDPOINTS.map((e) => e.operationId).filter((id) => !called.has(id))).toEqual([]);
  });
});
