import { validateZoomResponse } from '../../../test/support/openapi-validator.js';
import type { TenantChannel, TenantUser } from '../src/tenant/tenant-model.js';
import { type EmulatorHandle, type ZoomResponse, startEmulator } from './emulator.harness.js';

let h: EmulatorHandle;
let token: string;

beforeAll(async () => {
  h = await startEmulator({ EMULATOR_RATE_LIMITS: 'off' });
  token = await h.accountToken();
});

afterAll(async () => {
  await h.close();
});

const DAY_MS = 86_400_000;
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const channels = (userId: string) => `/v2/chat/users/${encodeURIComponent(userId)}/channels`;
const channelPath = (userId: string, channelId: string) => `${channels(userId)}/${channelId}`;

function expectValid(operationId: string, res: ZoomResponse, status: number): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  expect(validateZoomResponse(operationId, res.status, res.body)).toEqual([]);
}

function expectError(res: ZoomResponse, status: number, code: number, message?: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  if (message !== undefined) expect(res.body.message).toBe(message);
  expect(validateZoomResponse('getChannel', res.status, res.body)).toEqual([]);
}

// ---- ground truth from the live tenant ---------------------------------------------------------

const userAt = (idx: number): TenantUser => h.tenant.dir.users[idx];
const membersOf = (c: TenantChannel) => [...c.members].map(([idx, role]) => ({ user: userAt(idx), role }));
const withRole = (c: TenantChannel, role: string) =>
  membersOf(c).find((m) => m.role === role && !m.user.external)!.user;
const outsiderOf = (c: TenantChannel) => h.tenant.accountUsers().find((u) => !c.members.has(u.idx))!;
const channelWithOutsider = () => {
  const channel = generated().find((c) => outsiderOf(c))!;
  return { channel, outsider: outsiderOf(channel) };
};
const generated = () => h.tenant.dir.channels.filter((c) => !c.deleted && c.createdAt === 0);
const biggestChannel = () => generated().reduce((a, b) => (b.members.size > a.members.size ? b : a));
const busiestUser = () =>
  h.tenant
    .accountUsers()
    .reduce((a, b) => (h.tenant.channelsOf(b.idx).length > h.tenant.channelsOf(a.idx).length ? b : a));

function expectedMember(u: TenantUser, role: string) {
  const hidden = u.external && !u.contact;
  return {
    id: u.external ? '' : u.internalId,
    email: hidden ? '' : u.email,
    first_name: hidden ? '' : u.firstName,
    last_name: hidden ? '' : u.lastName,
    name: hidden ? '' : u.displayName,
    member_id: u.memberId,
    role,
    is_external: u.external,
  };
}

function expectedChannel(c: TenantChannel, withDesignated: boolean) {
  const { designated_posting_members, ...settings } = c.settings;
  return {
    id: c.id,
    jid: `${c.id}@conference.xmpp.zoom.us`,
    name: c.name,
    type: c.type,
    channel_url: expect.stringMatching(/^https:\/\/zoom\.us\/launch\/chat\/v2\/[A-Za-z0-9_-]+$/),
    channel_settings: withDesignated ? { ...settings, designated_posting_members } : settings,
  };
}

let seq = 0;
const uniqueName = (prefix: string) => `${prefix}-${++seq}-${Date.now().toString(36)}`;

async function createChannel(owner: TenantUser, members: TenantUser[], type = 1, extra: object = {}) {
  const res = await h.request('POST', channels(owner.email), {
    token,
    body: { name: uniqueName('test'), type, members: members.map((u) => ({ email: u.email })), ...extra },
  });
  expectValid('createChannel', res, 201);
  return h.tenant.channel(res.body.id)!;
}

/** Four account users other than the owner, for channels the tests build themselves. */
const someUsers = (owner: TenantUser, n = 4) =>
  h.tenant
    .accountUsers()
    .filter((u) => u !== owner)
    .slice(0, n);

// ---- #27 / #28 ---------------------------------------------------------------------------------

describe("GET /chat/users/{userId}/channels — List user's channels (#27)", () => {
  it("lists the user's channels with their settings", async () => {
    const user = busiestUser();
    const res = await h.get(channels(user.internalId), { token });
    expectValid('getChannels', res, 200);
    const expected = h.tenant.channelsOf(user.idx);
    expect(expected.length).toBeGreaterThan(1);
    expect(res.body).toEqual({
      channels: expected.slice(0, 10).map((c) => expectedChannel(c, false)),
      next_page_token: expected.length > 10 ? expect.any(String) : '',
      page_size: 10,
      total_records: expected.length,
    });
  });

  it('encodes the channel in channel_url as base64url JSON {sid, type}', async () => {
    const user = busiestUser();
    const res = await h.get(channels(user.email), { token });
    const first = res.body.channels[0];
    const payload = JSON.parse(Buffer.from(first.channel_url.split('/').pop(), 'base64url').toString('utf8'));
    expect(payload).toEqual({ sid: first.jid, type: first.type });
  });

  it('yields every channel exactly once with page_size 1', async () => {
    const user = busiestUser();
    const pages = await h.allPages(channels(user.email), { token, query: { page_size: 1 } });
    for (const page of pages) expect(validateZoomResponse('getChannels', 200, page)).toEqual([]);
    expect(pages.map((p) => p.channels.length)).toEqual(pages.map(() => 1));
    expect(pages.flatMap((p) => p.channels.map((c: { id: string }) => c.id))).toEqual(
      h.tenant.channelsOf(user.idx).map((c) => c.id),
    );
  });

  it("reads `me` as the account owner for an account token and as the token's user otherwise", async () => {
    const owner = h.tenant.owner();
    const asAccount = await h.get(channels('me'), { token });
    expectValid('getChannels', asAccount, 200);
    expect(asAccount.body.channels.map((c: { id: string }) => c.id)).toEqual(
      h.tenant.channelsOf(owner.idx).map((c) => c.id),
    );
    const user = busiestUser();
    const { access_token } = await h.userToken(user.email);
    const asUser = await h.get(channels('me'), { token: access_token });
    expectValid('getChannels', asUser, 200);
    expect(asUser.body.channels.map((c: { id: string }) => c.id)).toEqual(
      h.tenant.channelsOf(user.idx).map((c) => c.id),
    );
  });

  it('answers 404 / 1001 for an unknown or external user', async () => {
    expectError(
      await h.get(channels('nobody@example.com'), { token }),
      404,
      1001,
      'User does not exist: nobody@example.com.',
    );
    const external = h.tenant.dir.users.find((u) => u.external)!;
    expectError(await h.get(channels(external.internalId), { token }), 404, 1001);
  });

  it('answers 400 / 300 for a bad or rebound page token', async () => {
    const user = busiestUser();
    expectError(
      await h.get(channels(user.email), { token, query: { next_page_token: 'bogus' } }),
      400,
      300,
      'The next page token is either invalid or has expired.',
    );
    const first = await h.get(channels(user.email), { token, query: { page_size: 1 } });
    const rebound = await h.get(channels(user.email), {
      token,
      query: { page_size: 2, next_page_token: first.body.next_page_token },
    });
    expectError(rebound, 400, 300);
  });
});

describe('POST /chat/users/{userId}/channels — Create a channel (#28)', () => {
  it('creates the channel; it shows in #27 and #25 and its members in #19', async () => {
    const owner = h.tenant.accountUsers()[2];
    const contact = h.tenant.dir.users.find((u) => u.external && u.contact)!;
    const invited = [...someUsers(owner, 2), contact];
    const name = uniqueName('created');
    const res = await h.request('POST', channels(owner.internalId), {
      token,
      body: {
        name,
        type: 3,
        members: invited.map((u) => ({ email: u.email })),
        channel_settings: { add_member_permissions: 2, posting_permissions: 2, mention_all_permissions: 3 },
      },
    });
    expectValid('createChannel', res, 201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      jid: `${res.body.id}@conference.xmpp.zoom.us`,
      name,
      type: 3,
      channel_url: expect.stringMatching(/^https:\/\/zoom\.us\/launch\/chat\/v2\//),
    });

    const list = await h.get(channels(owner.email), { token, query: { page_size: 1000 } });
    expect(list.body.channels.map((c: { id: string }) => c.id)).toContain(res.body.id);

    const got = await h.get(channelPath(owner.email, res.body.id), { token });
    expectValid('getChannel', got, 200);
    expect(got.body).toMatchObject({
      id: res.body.id,
      name,
      type: 3,
      channel_url: res.body.channel_url,
      channel_settings: {
        add_member_permissions: 2,
        new_members_can_see_previous_messages_files: true,
        posting_permissions: 2,
        mention_all_permissions: 3,
        allow_to_add_external_users: 0,
        designated_posting_members: [],
      },
    });

    const members = await h.get(`${channelPath(owner.email, res.body.id)}/members`, { token });
    expectValid('listChannelMembers', members, 200);
    expect(members.body.members).toEqual([
      expectedMember(owner, 'owner'),
      ...invited.map((u) => expectedMember(u, 'member')),
    ]);
  });

  it('rejects a name the user already has among their channels (400 / 300)', async () => {
    const owner = busiestUser();
    const existing = h.tenant.channelsOf(owner.idx)[0].name;
    const res = await h.request('POST', channels(owner.email), { token, body: { name: existing, type: 1 } });
    expectError(res, 400, 300, 'The channel name already exists.');
  });

  it('validates name, type and the member count (400 / 300)', async () => {
    const owner = h.tenant.owner();
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ email: `someone${i}@example.com` }));
    for (const body of [
      { type: 1 },
      { name: 'x'.repeat(257), type: 1 },
      { name: uniqueName('t'), type: 5 },
      { name: uniqueName('t') },
      { name: uniqueName('t'), type: 1, members: tooMany },
      { name: uniqueName('t'), type: 1, members: [{}] },
      { name: uniqueName('t'), type: 1, channel_settings: { posting_permissions: 4 } },
    ]) {
      expectError(await h.request('POST', channels(owner.email), { token, body }), 400, 300);
    }
  });

  it('fails with 5301 for an unknown member email or an external in a same-org channel', async () => {
    const owner = h.tenant.owner();
    const unknown = await h.request('POST', channels(owner.email), {
      token,
      body: { name: uniqueName('t'), type: 1, members: [{ email: 'ghost@example.com' }] },
    });
    expectError(unknown, 400, 5301, 'Request to create a channel failed.');
    const contact = h.tenant.dir.users.find((u) => u.external && u.contact)!;
    const external = await h.request('POST', channels(owner.email), {
      token,
      body: { name: uniqueName('t'), type: 2, members: [{ email: contact.email }] },
    });
    expectError(external, 400, 5301);
  });

  it('answers 404 / 1001 for an unknown user and 404 / 5407 for a shared space', async () => {
    expectError(
      await h.request('POST', channels('ghost@example.com'), { token, body: { name: 'x', type: 1 } }),
      404,
      1001,
      'User does not exist: ghost@example.com.',
    );
    const space = await h.request('POST', channels(h.tenant.owner().email), {
      token,
      body: { name: uniqueName('t'), type: 1, shared_space: { space_id: 'abc' } },
    });
    expectError(space, 404, 5407, 'Shared space does not exist.');
  });
});

// ---- #25 / #26 / #24 ---------------------------------------------------------------------------

describe('GET /chat/users/{userId}/channels/{channelId} — Get a channel (#25)', () => {
  it('returns the channel with designated_posting_members', async () => {
    const channel = biggestChannel();
    const owner = withRole(channel, 'owner');
    const res = await h.get(channelPath(owner.internalId, channel.id), { token });
    expectValid('getChannel', res, 200);
    expect(res.body).toEqual(expectedChannel(channel, true));
  });

  it('refuses a user who is not a member (400 / 200)', async () => {
    const { channel, outsider } = channelWithOutsider();
    expectError(
      await h.get(channelPath(outsider.email, channel.id), { token }),
      400,
      200,
      "Unauthorized request. You do not have permission to access this user's channel information.",
    );
  });

  it('answers 404 / 4130 for an unknown channel and 404 / 1001 for an unknown user', async () => {
    const owner = h.tenant.owner();
    expectError(
      await h.get(channelPath(owner.email, 'ffffffffffffffffffffffffffffffff'), { token }),
      404,
      4130,
      'Channel does not exist: ffffffffffffffffffffffffffffffff.',
    );
    expectError(await h.get(channelPath('ghost@example.com', biggestChannel().id), { token }), 404, 1001);
  });
});

describe('PATCH /chat/users/{userId}/channels/{channelId} — Update a channel (#26)', () => {
  it('updates name, type and settings; #25 and #27 show the change', async () => {
    const owner = h.tenant.accountUsers()[3];
    const [a, b] = someUsers(owner, 2);
    const channel = await createChannel(owner, [a, b]);
    const name = uniqueName('renamed');
    const res = await h.request('PATCH', channelPath(owner.email, channel.id), {
      token,
      body: {
        name,
        type: 5,
        channel_settings: {
          posting_permissions: 3,
          add_member_permissions: 2,
          new_members_can_see_previous_messages_files: false,
          designated_posting_members: [{ member_id: a.memberId }, { user_id: b.internalId }],
        },
      },
    });
    expectValid('updateChannel', res, 204);
    expect(res.text).toBe('');

    const got = await h.get(channelPath(owner.email, channel.id), { token });
    expectValid('getChannel', got, 200);
    expect(got.body).toMatchObject({
      name,
      type: 5,
      channel_settings: {
        posting_permissions: 3,
        add_member_permissions: 2,
        new_members_can_see_previous_messages_files: false,
        mention_all_permissions: 1,
        designated_posting_members: [
          { member_id: a.memberId, user_id: a.internalId },
          { member_id: b.memberId, user_id: b.internalId },
        ],
      },
    });
    const list = await h.get(channels(owner.email), { token, query: { page_size: 1000 } });
    expect(list.body.channels.find((c: { id: string }) => c.id === channel.id)).toMatchObject({ name, type: 5 });

    // Leaving posting_permissions 3 drops the designated members.
    await h.request('PATCH', channelPath(owner.email, channel.id), {
      token,
      body: { channel_settings: { posting_permissions: 1 } },
    });
    const after = await h.get(channelPath(owner.email, channel.id), { token });
    expect(after.body.channel_settings).toMatchObject({ posting_permissions: 1, designated_posting_members: [] });
  });

  it('lets an administrator update, refuses a plain member (403 / 200)', async () => {
    const owner = h.tenant.accountUsers()[3];
    const [admin, member] = someUsers(owner, 2);
    const channel = await createChannel(owner, [admin, member]);
    channel.members.set(admin.idx, 'admin');
    const byAdmin = await h.request('PATCH', channelPath(admin.email, channel.id), {
      token,
      body: { channel_settings: { mention_all_permissions: 2 } },
    });
    expectValid('updateChannel', byAdmin, 204);
    expect(channel.settings.mention_all_permissions).toBe(2);
    const byMember = await h.request('PATCH', channelPath(member.email, channel.id), {
      token,
      body: { name: uniqueName('nope') },
    });
    expectError(
      byMember,
      403,
      200,
      'Unauthorized request. You do not have permission to update a channel for this user.',
    );
  });

  it('rejects a duplicate name, a bad type and designated members without posting_permissions 3', async () => {
    const owner = h.tenant.accountUsers()[3];
    const [a] = someUsers(owner, 1);
    const first = await createChannel(owner, [a]);
    const second = await createChannel(owner, [a]);
    const path = channelPath(owner.email, second.id);
    expectError(
      await h.request('PATCH', path, { token, body: { name: first.name } }),
      400,
      300,
      'The channel name already exists.',
    );
    expectError(await h.request('PATCH', path, { token, body: { type: 4 } }), 400, 300);
    expectError(
      await h.request('PATCH', path, {
        token,
        body: { channel_settings: { designated_posting_members: [{ member_id: a.memberId }] } },
      }),
      400,
      300,
    );
    expect(second.name).not.toBe(first.name);
  });

  it('fails with 5301 for a designated non-member or a group chat changing type', async () => {
    const owner = h.tenant.accountUsers()[3];
    const channel = await createChannel(owner, someUsers(owner, 1));
    const outsider = outsiderOf(channel);
    expectError(
      await h.request('PATCH', channelPath(owner.email, channel.id), {
        token,
        body: {
          channel_settings: { posting_permissions: 3, designated_posting_members: [{ member_id: outsider.memberId }] },
        },
      }),
      400,
      5301,
      'Request to update a channel failed.',
    );
    const groupChat = await createChannel(owner, someUsers(owner, 2), 4);
    expectError(
      await h.request('PATCH', channelPath(owner.email, groupChat.id), { token, body: { type: 1 } }),
      400,
      5301,
    );
  });

  it('answers 404 / 4130 for an unknown channel', async () => {
    expectError(
      await h.request('PATCH', channelPath(h.tenant.owner().email, '0'.repeat(32)), { token, body: { name: 'x' } }),
      404,
      4130,
    );
  });
});

describe('DELETE /chat/users/{userId}/channels/{channelId} — Delete a channel (#24)', () => {
  it('deletes the channel: #25 answers 4130 and #27 no longer lists it', async () => {
    const owner = h.tenant.accountUsers()[4];
    const [member] = someUsers(owner, 1);
    const channel = await createChannel(owner, [member]);
    expectError(
      await h.request('DELETE', channelPath(member.email, channel.id), { token }),
      400,
      200,
      "Unauthorized request. You do not have permission to delete this user's channel.",
    );
    const res = await h.request('DELETE', channelPath(owner.email, channel.id), { token });
    expectValid('deleteChannel', res, 204);
    expect(res.text).toBe('');
    expect(h.tenant.dir.channels[channel.idx].deleted).toBe(true);
    expectError(await h.get(channelPath(owner.email, channel.id), { token }), 404, 4130);
    const list = await h.get(channels(owner.email), { token, query: { page_size: 1000 } });
    expect(list.body.channels.map((c: { id: string }) => c.id)).not.toContain(channel.id);
    expectError(await h.request('DELETE', channelPath(owner.email, channel.id), { token }), 404, 4130);
  });
});

// ---- #19 / #20 / #18 ---------------------------------------------------------------------------

describe('GET /chat/users/{userId}/channels/{channelId}/members — List channel members (#19)', () => {
  it('lists the members in join order, external people anonymised', async () => {
    const channel = generated().find((c) => membersOf(c).some((m) => m.user.external && !m.user.contact))!;
    const member = withRole(channel, 'owner');
    const res = await h.get(`${channelPath(member.email, channel.id)}/members`, { token });
    expectValid('listChannelMembers', res, 200);
    expect(res.body).toEqual({
      members: membersOf(channel).map((m) => expectedMember(m.user, m.role)),
      next_page_token: '',
      page_size: 30,
      total_records: channel.members.size,
    });
    const hidden = res.body.members.find((m: { is_external: boolean; email: string }) => m.is_external && !m.email);
    expect(hidden).toMatchObject({ id: '', email: '', first_name: '', last_name: '', name: '' });
  });

  it('yields every member exactly once with page_size 2', async () => {
    const channel = biggestChannel();
    expect(channel.members.size).toBeGreaterThan(6);
    const owner = withRole(channel, 'owner');
    const pages = await h.allPages(`${channelPath(owner.email, channel.id)}/members`, {
      token,
      query: { page_size: 2 },
    });
    expect(pages.length).toBe(Math.ceil(channel.members.size / 2));
    for (const page of pages) {
      expect(validateZoomResponse('listChannelMembers', 200, page)).toEqual([]);
      expect(page).toMatchObject({ page_size: 2, total_records: channel.members.size });
    }
    expect(pages.flatMap((p) => p.members)).toEqual(membersOf(channel).map((m) => expectedMember(m.user, m.role)));
  });

  it('keeps paging exactly-once when a member already listed is removed between pages', async () => {
    const owner = h.tenant.accountUsers()[5];
    const others = someUsers(owner, 7);
    const channel = await createChannel(owner, others);
    const path = `${channelPath(owner.email, channel.id)}/members`;
    const first = await h.get(path, { token, query: { page_size: 3 } });
    expectValid('listChannelMembers', first, 200);
    const removed = await h.request('DELETE', `${path}/${others[0].email}`, { token });
    expectValid('removeAChannelMember', removed, 204);
    const seen = first.body.members.map((m: { member_id: string }) => m.member_id);
    let next = first.body.next_page_token;
    while (next) {
      const page = await h.get(path, { token, query: { page_size: 3, next_page_token: next } });
      expectValid('listChannelMembers', page, 200);
      seen.push(...page.body.members.map((m: { member_id: string }) => m.member_id));
      next = page.body.next_page_token;
    }
    expect(seen).toEqual([owner, ...others].map((u) => u.memberId));
  });

  it('clamps page_size over 100 and refuses a non-member (400 / 200)', async () => {
    const channel = biggestChannel();
    const owner = withRole(channel, 'owner');
    const clamped = await h.get(`${channelPath(owner.email, channel.id)}/members`, {
      token,
      query: { page_size: 500 },
    });
    expectValid('listChannelMembers', clamped, 200);
    expect(clamped.body.page_size).toBe(100);
    const other = generated().find((c) => !c.members.has(owner.idx))!;
    expectError(
      await h.get(`${channelPath(owner.email, other.id)}/members`, { token }),
      400,
      200,
      "Unauthorized request. You do not have permission to view channel members on this user's behalf.",
    );
  });

  it('answers 400 / 300 for a bad page token and 404 / 4130 for an unknown channel', async () => {
    const channel = biggestChannel();
    const owner = withRole(channel, 'owner');
    expectError(
      await h.get(`${channelPath(owner.email, channel.id)}/members`, { token, query: { next_page_token: 'nope' } }),
      400,
      300,
      'The next page token is either invalid or has expired.',
    );
    expectError(await h.get(`${channelPath(owner.email, 'abc')}/members`, { token }), 404, 4130);
  });
});

describe('POST /chat/users/{userId}/channels/{channelId}/members — Invite channel members (#20)', () => {
  it('adds the people and answers an InviteResult without other-account ids; #19 lists them', async () => {
    const owner = h.tenant.accountUsers()[6];
    const channel = await createChannel(owner, []);
    const contact = h.tenant.dir.users.find((u) => u.external && u.contact)!;
    const invited = [...someUsers(owner, 3), contact];
    const res = await h.request('POST', `${channelPath(owner.email, channel.id)}/members`, {
      token,
      body: { members: invited.map((u) => ({ email: u.email })) },
    });
    expectValid('inviteChannelMembers', res, 201);
    expect(res.body).toEqual({
      added_at: expect.stringMatching(ISO_SECONDS),
      ids: invited
        .filter((u) => !u.external)
        .map((u) => u.internalId)
        .join(','),
      member_ids: invited.map((u) => u.memberId).join(','),
    });
    expect(Math.abs(Date.parse(res.body.added_at) - h.tenant.now())).toBeLessThan(60_000);
    const members = await h.get(`${channelPath(owner.email, channel.id)}/members`, { token });
    expect(members.body.members).toEqual([
      expectedMember(owner, 'owner'),
      ...invited.map((u) => expectedMember(u, 'member')),
    ]);
  });

  it('lets members invite when add_member_permissions is 1, and only managers when it is 2', async () => {
    const owner = h.tenant.accountUsers()[6];
    const [member, guest, late] = someUsers(owner, 3);
    const channel = await createChannel(owner, [member]);
    const path = `${channelPath(member.email, channel.id)}/members`;
    const ok = await h.request('POST', path, { token, body: { members: [{ email: guest.email }] } });
    expectValid('inviteChannelMembers', ok, 201);
    expect(channel.members.get(guest.idx)).toBe('member');
    channel.settings = { ...channel.settings, add_member_permissions: 2 };
    expectError(
      await h.request('POST', path, { token, body: { members: [{ email: late.email }] } }),
      400,
      200,
      "Unauthorized request. You do not have permission to invite channel members on this user's behalf.",
    );
    expect(channel.members.has(late.idx)).toBe(false);
  });

  it('validates the list (400 / 300) and fails an unknown email with 5301', async () => {
    const owner = h.tenant.accountUsers()[6];
    const channel = await createChannel(owner, []);
    const path = `${channelPath(owner.email, channel.id)}/members`;
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ email: `x${i}@example.com` }));
    for (const body of [{}, { members: [] }, { members: tooMany }, { members: [{ name: 'x' }] }]) {
      expectError(await h.request('POST', path, { token, body }), 400, 300);
    }
    expectError(
      await h.request('POST', path, { token, body: { members: [{ email: 'ghost@example.com' }] } }),
      400,
      5301,
      'Request to invite channel members failed.',
    );
    expect(channel.members.size).toBe(1);
  });

  it('refuses a non-member (400 / 200)', async () => {
    const owner = h.tenant.accountUsers()[6];
    const channel = await createChannel(owner, []);
    const outsider = outsiderOf(channel);
    expectError(
      await h.request('POST', `${channelPath(outsider.email, channel.id)}/members`, {
        token,
        body: { members: [{ email: outsider.email }] },
      }),
      400,
      200,
    );
  });
});

describe('DELETE /chat/users/{userId}/channels/{channelId}/members/{identifier} — Remove a member (#18)', () => {
  it('removes by email, user id or member id; #19 no longer lists them', async () => {
    const owner = h.tenant.accountUsers()[7];
    const [a, b, c, d] = someUsers(owner, 4);
    const channel = await createChannel(owner, [a, b, c, d]);
    const path = `${channelPath(owner.email, channel.id)}/members`;
    for (const identifier of [a.email, b.internalId, c.memberId]) {
      const res = await h.request('DELETE', `${path}/${encodeURIComponent(identifier)}`, { token });
      expectValid('removeAChannelMember', res, 204);
    }
    const members = await h.get(path, { token });
    expect(members.body.members).toEqual([expectedMember(owner, 'owner'), expectedMember(d, 'member')]);
  });

  it("keeps the channel's message history", async () => {
    const channel = generated()
      .filter((c) => c.type !== 4)
      .reduce((x, y) => (h.tenant.dir.sessions[y.sessionIdx].rate > h.tenant.dir.sessions[x.sessionIdx].rate ? y : x));
    const owner = withRole(channel, 'owner');
    const target = membersOf(channel).find((m) => m.role === 'member')!.user;
    const history = () =>
      h.tenant
        .messagesInRange(channel.sessionIdx, h.tenant.historyDays()[0] * DAY_MS, h.tenant.now(), 'asc', null, 100_000)
        .map((v) => `${v.message.id}:${v.message.senderIdx}:${v.current.text}`);
    const before = history();
    expect(before.length).toBeGreaterThan(0);
    const res = await h.request('DELETE', `${channelPath(owner.email, channel.id)}/members/${target.memberId}`, {
      token,
    });
    expectValid('removeAChannelMember', res, 204);
    expect(channel.members.has(target.idx)).toBe(false);
    expect(history()).toEqual(before);
    channel.members.set(target.idx, 'member');
  });

  it('refuses plain members (400 / 200), yourself (300) and the owner or a non-member (5301)', async () => {
    const owner = h.tenant.accountUsers()[7];
    const [admin, member] = someUsers(owner, 2);
    const channel = await createChannel(owner, [admin, member]);
    channel.members.set(admin.idx, 'admin');
    const path = (actor: TenantUser, id: string) => `${channelPath(actor.email, channel.id)}/members/${id}`;
    expectError(
      await h.request('DELETE', path(member, admin.memberId), { token }),
      400,
      200,
      "Unauthorized request. You do not have permission to remove channel members on this user's behalf.",
    );
    expectError(
      await h.request('DELETE', path(admin, admin.memberId), { token }),
      400,
      300,
      'You can not remove yourself.',
    );
    expectError(
      await h.request('DELETE', path(admin, owner.memberId), { token }),
      400,
      5301,
      'Unable to remove channel member.',
    );
    expectError(await h.request('DELETE', path(admin, outsiderOf(channel).email), { token }), 400, 5301);
    expectError(await h.request('DELETE', path(admin, 'ghost@example.com'), { token }), 400, 5301);
    expect(channel.members.size).toBe(3);
  });
});

// ---- #21 / #22 / #23 ---------------------------------------------------------------------------

describe('GET /chat/users/{userId}/channels/{channelId}/admins — List channel administrators (#21)', () => {
  it('lists the owner and the administrators in join order', async () => {
    const channel = generated().find((c) => membersOf(c).some((m) => m.role === 'admin'))!;
    const member = membersOf(channel).find((m) => m.role === 'member' && !m.user.external)!.user;
    const res = await h.get(`${channelPath(member.email, channel.id)}/admins`, { token });
    expectValid('listChannelAdministrators', res, 200);
    expect(res.body).toEqual({
      admins: membersOf(channel)
        .filter((m) => m.role !== 'member')
        .map((m) => expectedMember(m.user, m.role)),
      next_page_token: '',
      page_size: 10,
    });
  });

  it('yields every administrator exactly once with page_size 1', async () => {
    const owner = h.tenant.accountUsers()[8];
    const others = someUsers(owner, 4);
    const channel = await createChannel(owner, others);
    for (const u of others.slice(1)) channel.members.set(u.idx, 'admin');
    const pages = await h.allPages(`${channelPath(owner.email, channel.id)}/admins`, {
      token,
      query: { page_size: 1 },
    });
    for (const page of pages) expect(validateZoomResponse('listChannelAdministrators', 200, page)).toEqual([]);
    expect(pages.flatMap((p) => p.admins.map((a: { member_id: string }) => a.member_id))).toEqual(
      [owner, ...others.slice(1)].map((u) => u.memberId),
    );
  });

  it('refuses a non-member (400 / 200) and a bad page token (400 / 300)', async () => {
    const { channel, outsider } = channelWithOutsider();
    expectError(
      await h.get(`${channelPath(outsider.email, channel.id)}/admins`, { token }),
      400,
      200,
      "Unauthorized request. You do not have permission to list channel's administrators on this user's behalf.",
    );
    const owner = withRole(channel, 'owner');
    expectError(
      await h.get(`${channelPath(owner.email, channel.id)}/admins`, { token, query: { next_page_token: 'x' } }),
      400,
      300,
    );
  });
});

describe('POST /chat/users/{userId}/channels/{channelId}/admins — Promote members (#22)', () => {
  it('promotes by email and member id; #21 lists them', async () => {
    const owner = h.tenant.accountUsers()[8];
    const [a, b, c] = someUsers(owner, 3);
    const channel = await createChannel(owner, [a, b, c]);
    const path = `${channelPath(owner.email, channel.id)}/admins`;
    const res = await h.request('POST', path, {
      token,
      body: { admins: [{ email: a.email }, { member_id: c.memberId }] },
    });
    expectValid('promoteChannelMembersAsAdmin', res, 201);
    expect(res.body).toEqual({
      added_at: expect.stringMatching(ISO_SECONDS),
      ids: `${a.internalId},${c.internalId}`,
      member_ids: `${a.memberId},${c.memberId}`,
    });
    const admins = await h.get(path, { token });
    expect(admins.body.admins).toEqual([
      expectedMember(owner, 'owner'),
      expectedMember(a, 'admin'),
      expectedMember(c, 'admin'),
    ]);
  });

  it('validates the list (300), fails on non-members (5301) and refuses plain members (400 / 200)', async () => {
    const owner = h.tenant.accountUsers()[8];
    const [a, b] = someUsers(owner, 2);
    const channel = await createChannel(owner, [a, b]);
    const path = (actor: TenantUser) => `${channelPath(actor.email, channel.id)}/admins`;
    const eleven = Array.from({ length: 11 }, () => ({ member_id: a.memberId }));
    for (const body of [{}, { admins: [] }, { admins: eleven }, { admins: [{ id: 'x' }] }]) {
      expectError(await h.request('POST', path(owner), { token, body }), 400, 300);
    }
    expectError(
      await h.request('POST', path(owner), { token, body: { admins: [{ email: outsiderOf(channel).email }] } }),
      400,
      5301,
      'Request to promote member(s) as channel administrator(s) failed.',
    );
    expectError(
      await h.request('POST', path(a), { token, body: { admins: [{ email: b.email }] } }),
      400,
      200,
      "Unauthorized request. You do not have permission to promote member as channel administrator on this user's behalf.",
    );
    expect(channel.members.get(b.idx)).toBe('member');
  });
});

describe('DELETE /chat/users/{userId}/channels/{channelId}/admins — Batch demote (#23)', () => {
  it('demotes by admin_ids and by user_ids; #21 no longer lists them', async () => {
    const owner = h.tenant.accountUsers()[9];
    const [a, b, c] = someUsers(owner, 3);
    const channel = await createChannel(owner, [a, b, c]);
    for (const u of [a, b, c]) channel.members.set(u.idx, 'admin');
    const path = `${channelPath(owner.email, channel.id)}/admins`;
    const res = await h.request('DELETE', path, { token, query: { admin_ids: a.memberId } });
    expectValid('batchDemoteChannelAdministrators', res, 204);
    const res2 = await h.request('DELETE', path, { token, query: { user_ids: `${b.internalId},${b.memberId}` } });
    expectValid('batchDemoteChannelAdministrators', res2, 204);
    const admins = await h.get(path, { token });
    expect(admins.body.admins).toEqual([expectedMember(owner, 'owner'), expectedMember(c, 'admin')]);
    const members = await h.get(`${channelPath(owner.email, channel.id)}/members`, { token });
    expect(members.body.members.map((m: { role: string }) => m.role)).toEqual(['owner', 'member', 'member', 'admin']);
  });

  it('validates the ids (300), fails on non-administrators (5301) and refuses plain members (400 / 200)', async () => {
    const owner = h.tenant.accountUsers()[9];
    const [a, b] = someUsers(owner, 2);
    const channel = await createChannel(owner, [a, b]);
    channel.members.set(a.idx, 'admin');
    const path = (actor: TenantUser) => `${channelPath(actor.email, channel.id)}/admins`;
    expectError(await h.request('DELETE', path(owner), { token }), 400, 300);
    const eleven = Array.from({ length: 11 }, (_, i) => `id${i}`).join(',');
    expectError(
      await h.request('DELETE', path(owner), { token, query: { admin_ids: eleven } }),
      400,
      300,
      'The maximum number of administrators that can be demoted at a time is 10.',
    );
    expectError(
      await h.request('DELETE', path(owner), { token, query: { admin_ids: b.memberId } }),
      400,
      5301,
      'Unable to demote channel administrator.',
    );
    expectError(
      await h.request('DELETE', path(b), { token, query: { admin_ids: a.memberId } }),
      400,
      200,
      'No permission to demote channel administrators.',
    );
    expect(channel.members.get(a.idx)).toBe('admin');
  });
});

// ---- control plane -----------------------------------------------------------------------------

describe('GET /_emulator/ground-truth/channels', () => {
  it('lists every channel with its members as #19 shows them, and follows removals and deletions', async () => {
    const truth = async () =>
      (await h.get('/_emulator/ground-truth/channels')).body.channels as {
        id: string;
        name: string;
        type: number;
        deleted: boolean;
        session_id: string;
        members: { member_id: string; user_id: string; email: string; role: string; is_external: boolean }[];
      }[];
    const before = await truth();
    expect(before.map((c) => c.id)).toEqual(h.tenant.dir.channels.map((c) => c.id));
    const channel = biggestChannel();
    const entry = before.find((c) => c.id === channel.id)!;
    expect(entry).toMatchObject({ name: channel.name, type: channel.type, deleted: false });
    expect(entry.session_id).toBe(h.tenant.dir.sessions[channel.sessionIdx].id);
    const owner = withRole(channel, 'owner');
    const listed = (await h.allPages(`${channelPath(owner.email, channel.id)}/members`, { token }))
      .flatMap(
        (p: { members: { member_id: string; id: string; email: string; role: string; is_external: boolean }[] }) =>
          p.members,
      )
      .map((m) => ({
        member_id: m.member_id,
        user_id: m.id,
        email: m.email,
        role: m.role,
        is_external: m.is_external,
      }));
    expect(entry.members).toEqual(listed);

    const target = membersOf(channel).find((m) => m.role === 'member')!.user;
    const res = await h.request('DELETE', `${channelPath(owner.email, channel.id)}/members/${target.memberId}`, {
      token,
    });
    expect(res.status).toBe(204);
    const after = (await truth()).find((c) => c.id === channel.id)!;
    expect(after.members.map((m) => m.member_id)).toEqual(
      entry.members.map((m) => m.member_id).filter((id) => id !== target.memberId),
    );
    channel.members.set(target.idx, 'member');

    const doomed = await createChannel(owner, someUsers(owner, 2));
    expect((await h.request('DELETE', channelPath(owner.email, doomed.id), { token })).status).toBe(204);
    expect((await truth()).find((c) => c.id === doomed.id)).toMatchObject({ deleted: true });
  });
});
