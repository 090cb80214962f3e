import { validateZoomResponse } from '../../../test/support/openapi-validator.js';
import type { TenantChannel, TenantUser } from '../src/tenant/tenant-model.js';
import { type EmulatorHandle, type ZoomResponse, startEmulator } from './emulator.harness.js';

let h: EmulatorHandle;
let accountToken: string;
const userTokens = new Map<string, string>();

beforeAll(async () => {
  h = await startEmulator({ EMULATOR_RATE_LIMITS: 'off' });
  accountToken = await h.accountToken();
});

afterAll(async () => {
  await h.close();
});

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const channelPath = (channelId: string) => `/v2/chat/channels/${channelId}`;
const membersPath = (channelId: string) => `${channelPath(channelId)}/members`;

async function tokenOf(user: TenantUser): Promise<string> {
  let token = userTokens.get(user.email);
  if (!token) {
    token = (await h.userToken(user.email)).access_token;
    userTokens.set(user.email, token);
  }
  return token;
}

function expectValid(operationId: string, res: ZoomResponse, status: number): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  expect(validateZoomResponse(operationId, res.status, res.body)).toEqual([]);
}

function expectError(res: ZoomResponse, status: number, code: number, message?: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  if (message !== undefined) expect(res.body.message).toBe(message);
  expect(validateZoomResponse('getUserLevelChannel', res.status, res.body)).toEqual([]);
}

// ---- ground truth from the live tenant ---------------------------------------------------------

const userAt = (idx: number): TenantUser => h.tenant.dir.users[idx];
const users = () => h.tenant.accountUsers();
const membersOf = (c: TenantChannel) => [...c.members].map(([idx, role]) => ({ user: userAt(idx), role }));
const outsiderOf = (c: TenantChannel) => users().find((u) => !c.members.has(u.idx))!;
const generated = () => h.tenant.dir.channels.filter((c) => !c.deleted && c.createdAt === 0);

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

/** A channel built through #28, with `admins` promoted directly in the tenant. */
async function createChannel(owner: TenantUser, members: TenantUser[], type = 1, admins: TenantUser[] = []) {
  const res = await h.request('POST', `/v2/chat/users/${owner.email}/channels`, {
    token: accountToken,
    body: {
      name: uniqueName('user-level'),
      type: type === 5 ? 3 : type,
      members: members.map((u) => ({ email: u.email })),
    },
  });
  expectValid('createChannel', res, 201);
  const channel = h.tenant.channel(res.body.id)!;
  // #28 cannot create type 5 (public with other accounts); it is reached through an update.
  channel.type = type as TenantChannel['type'];
  for (const admin of admins) channel.members.set(admin.idx, 'admin');
  return channel;
}

/** Three account users besides `owner`: an administrator, a plain member and an outsider. */
function cast(ownerPosition: number) {
  const owner = users()[ownerPosition];
  const [admin, member, outsider, extra] = users().filter((u) => u !== owner);
  return { owner, admin, member, outsider, extra };
}

// ---- app-type gate -----------------------------------------------------------------------------

describe('user-managed-only routes', () => {
  it('answer 400 / 4711 to an account token and leave the channel alone', async () => {
    const { owner, admin, member } = cast(1);
    const channel = await createChannel(owner, [admin, member], 3, [admin]);
    const before = JSON.stringify([channel.name, channel.type, [...channel.members]]);
    const calls: [string, string, object?][] = [
      ['DELETE', `${membersPath(channel.id)}/${member.memberId}`],
      ['DELETE', `${membersPath(channel.id)}/me`],
      ['POST', `${membersPath(channel.id)}/me`],
      ['POST', membersPath(channel.id), { members: [{ email: member.email }] }],
      ['DELETE', channelPath(channel.id)],
      ['GET', channelPath(channel.id)],
      ['PATCH', channelPath(channel.id), { name: 'renamed' }],
    ];
    for (const [method, path, body] of calls) {
      const res = await h.request(method, path, { token: accountToken, body });
      expectError(res, 400, 4711);
      expect(res.body.message).toMatch(/^Invalid access token, does not contain scopes:\[/);
    }
    expect(JSON.stringify([channel.name, channel.type, [...channel.members]])).toBe(before);
    expect(channel.deleted).toBe(false);
  });
});

// ---- #40 ---------------------------------------------------------------------------------------

describe("GET /chat/channels — List account's public channels (#40)", () => {
  it('lists the public channels (types 3 and 5) with their settings', async () => {
    const res = await h.get('/v2/chat/channels', { token: accountToken });
    expectValid('getAccountChannels', res, 200);
    const expected = h.tenant.dir.channels.filter((c) => !c.deleted && (c.type === 3 || c.type === 5));
    expect(expected.length).toBeGreaterThan(1);
    expect(res.body).toEqual({
      channels: expected.slice(0, 10).map((c) => expectedChannel(c, false)),
      next_page_token: expected.length > 10 ? expect.any(String) : '',
      page_size: 10,
      total_records: expected.length,
    });
  });

  it('yields every public channel exactly once with page_size 1, including new ones', async () => {
    const { owner, member } = cast(2);
    const created = await createChannel(owner, [member], 3);
    const hidden = await createChannel(owner, [member], 1);
    const pages = await h.allPages('/v2/chat/channels', { token: accountToken, query: { page_size: 1 } });
    for (const page of pages) expect(validateZoomResponse('getAccountChannels', 200, page)).toEqual([]);
    const ids = pages.flatMap((p) => p.channels.map((c: { id: string }) => c.id));
    expect(ids).toEqual(h.tenant.publicChannels().map((c) => c.id));
    expect(ids).toContain(created.id);
    expect(ids).not.toContain(hidden.id);
  });

  it('clamps page_size to 20, refuses a bad page token (300) and user tokens (4711)', async () => {
    const clamped = await h.get('/v2/chat/channels', { token: accountToken, query: { page_size: 50 } });
    expectValid('getAccountChannels', clamped, 200);
    expect(clamped.body.page_size).toBe(20);
    expectError(
      await h.get('/v2/chat/channels', { token: accountToken, query: { next_page_token: 'bogus' } }),
      400,
      300,
      'The next page token is either invalid or has expired.',
    );
    expectError(await h.get('/v2/chat/channels', { token: await tokenOf(users()[0]) }), 400, 4711);
  });
});

// ---- #38 / #39 / #37 ---------------------------------------------------------------------------

describe('GET /chat/channels/{channelId} — Get a channel (#38)', () => {
  it("returns a channel of the token's user with designated_posting_members", async () => {
    const channel = generated()[1];
    const member = membersOf(channel).find((m) => !m.user.external)!.user;
    const res = await h.get(channelPath(channel.id), { token: await tokenOf(member) });
    expectValid('getUserLevelChannel', res, 200);
    expect(res.body).toEqual(expectedChannel(channel, true));
  });

  it('refuses a channel the user is not in (400 / 200) and an unknown one (404 / 4130)', async () => {
    const channel = generated().find((c) => outsiderOf(c))!;
    const token = await tokenOf(outsiderOf(channel));
    expectError(
      await h.get(channelPath(channel.id), { token }),
      400,
      200,
      "Unauthorized request. You do not have permission to access this user's channel information.",
    );
    expectError(
      await h.get(channelPath('ffffffffffffffffffffffffffffffff'), { token }),
      404,
      4130,
      'Channel does not exist: ffffffffffffffffffffffffffffffff.',
    );
  });
});

describe('PATCH /chat/channels/{channelId} — Update a channel (#39)', () => {
  it('lets the owner or an administrator update; #38 shows the change', async () => {
    const { owner, admin, member } = cast(3);
    const channel = await createChannel(owner, [admin, member], 1, [admin]);
    const name = uniqueName('updated');
    const res = await h.request('PATCH', channelPath(channel.id), {
      token: await tokenOf(admin),
      body: {
        name,
        type: 3,
        channel_settings: { posting_permissions: 3, designated_posting_members: [{ user_id: member.internalId }] },
      },
    });
    expectValid('updateUserLevelChannel', res, 204);
    expect(res.text).toBe('');
    const got = await h.get(channelPath(channel.id), { token: await tokenOf(owner) });
    expectValid('getUserLevelChannel', got, 200);
    expect(got.body).toMatchObject({
      name,
      type: 3,
      channel_settings: {
        posting_permissions: 3,
        designated_posting_members: [{ member_id: member.memberId, user_id: member.internalId }],
      },
    });
  });

  it('refuses a plain member (403 / 200) and a duplicate name (400 / 300)', async () => {
    const { owner, member } = cast(3);
    const first = await createChannel(owner, [member]);
    const second = await createChannel(owner, [member]);
    expectError(
      await h.request('PATCH', channelPath(second.id), { token: await tokenOf(member), body: { name: 'mine' } }),
      403,
      200,
      'Unauthorized request. You do not have permission to update a channel for this user.',
    );
    expectError(
      await h.request('PATCH', channelPath(second.id), { token: await tokenOf(owner), body: { name: first.name } }),
      400,
      300,
      'The channel name already exists.',
    );
    expect(second.name).not.toBe('mine');
  });
});

describe('DELETE /chat/channels/{channelId} — Delete a channel (#37)', () => {
  it('deletes for a manager only; #38 then answers 4130 and #40 drops it', async () => {
    const { owner, member } = cast(4);
    const channel = await createChannel(owner, [member], 5);
    expectError(
      await h.request('DELETE', channelPath(channel.id), { token: await tokenOf(member) }),
      400,
      200,
      "Unauthorized request. You do not have permission to delete this user's channel.",
    );
    const res = await h.request('DELETE', channelPath(channel.id), { token: await tokenOf(owner) });
    expectValid('deleteUserLevelChannel', res, 204);
    expect(h.tenant.dir.channels[channel.idx].deleted).toBe(true);
    expectError(await h.get(channelPath(channel.id), { token: await tokenOf(owner) }), 404, 4130);
    const pages = await h.allPages('/v2/chat/channels', { token: accountToken, query: { page_size: 20 } });
    expect(pages.flatMap((p) => p.channels.map((c: { id: string }) => c.id))).not.toContain(channel.id);
  });
});

// ---- #35 / #36 ---------------------------------------------------------------------------------

describe('GET /chat/channels/{channelId}/members — List channel members (#35)', () => {
  it("lists the members for the token's user", async () => {
    const channel = generated().find((c) => membersOf(c).some((m) => m.user.external))!;
    const member = membersOf(channel).find((m) => !m.user.external)!.user;
    const res = await h.get(membersPath(channel.id), { token: await tokenOf(member) });
    expectValid('listUserLevelChannelMembers', res, 200);
    expect(res.body).toEqual({
      members: membersOf(channel).map((m) => expectedMember(m.user, m.role)),
      next_page_token: '',
      page_size: 30,
      total_records: channel.members.size,
    });
  });

  it('acts as the account owner for an account token', async () => {
    const owner = h.tenant.owner();
    const mine = generated().find((c) => c.members.has(owner.idx))!;
    const res = await h.get(membersPath(mine.id), { token: accountToken });
    expectValid('listUserLevelChannelMembers', res, 200);
    expect(res.body.members.map((m: { member_id: string }) => m.member_id)).toEqual(
      membersOf(mine).map((m) => m.user.memberId),
    );
    const other = generated().find((c) => !c.members.has(owner.idx))!;
    expectError(
      await h.get(membersPath(other.id), { token: accountToken }),
      400,
      200,
      'No permission to access the channel members.',
    );
  });

  it('yields every member exactly once with page_size 2', async () => {
    const channel = generated().reduce((a, b) => (b.members.size > a.members.size ? b : a));
    const member = membersOf(channel).find((m) => m.role === 'member' && !m.user.external)!.user;
    const pages = await h.allPages(membersPath(channel.id), {
      token: await tokenOf(member),
      query: { page_size: 2 },
    });
    expect(pages.length).toBe(Math.ceil(channel.members.size / 2));
    for (const page of pages) {
      expect(validateZoomResponse('listUserLevelChannelMembers', 200, page)).toEqual([]);
      expect(page).toMatchObject({ page_size: 2, total_records: channel.members.size });
    }
    expect(pages.flatMap((p) => p.members)).toEqual(membersOf(channel).map((m) => expectedMember(m.user, m.role)));
  });

  it('refuses a bad page token (400 / 300) and an unknown channel (404 / 4130)', async () => {
    const channel = generated()[0];
    const token = await tokenOf(membersOf(channel)[0].user);
    expectError(
      await h.get(membersPath(channel.id), { token, query: { next_page_token: 'zzz' } }),
      400,
      300,
      'The next page token is either invalid or has expired.',
    );
    expectError(await h.get(membersPath('0'.repeat(32)), { token }), 404, 4130);
  });
});

describe('POST /chat/channels/{channelId}/members — Invite channel members (#36)', () => {
  it('invites up to five people; #35 lists them', async () => {
    const { owner, admin, member, outsider, extra } = cast(5);
    const channel = await createChannel(owner, [admin], 1, [admin]);
    const res = await h.request('POST', membersPath(channel.id), {
      token: await tokenOf(admin),
      body: { members: [member, outsider, extra].map((u) => ({ email: u.email })) },
    });
    expectValid('InviteUserLevelChannelMembers', res, 201);
    expect(res.body).toEqual({
      added_at: expect.stringMatching(ISO_SECONDS),
      ids: [member, outsider, extra].map((u) => u.internalId).join(','),
      member_ids: [member, outsider, extra].map((u) => u.memberId).join(','),
    });
    const list = await h.get(membersPath(channel.id), { token: await tokenOf(owner) });
    expect(list.body.members).toEqual([
      expectedMember(owner, 'owner'),
      expectedMember(admin, 'admin'),
      ...[member, outsider, extra].map((u) => expectedMember(u, 'member')),
    ]);
  });

  it('validates the list (300), fails an unknown email (5301) and refuses a non-member (400 / 200)', async () => {
    const { owner, member, outsider } = cast(5);
    const channel = await createChannel(owner, [member]);
    const token = await tokenOf(owner);
    const six = users()
      .slice(0, 6)
      .map((u) => ({ email: u.email }));
    for (const body of [{}, { members: [] }, { members: six }]) {
      expectError(await h.request('POST', membersPath(channel.id), { token, body }), 400, 300);
    }
    expectError(
      await h.request('POST', membersPath(channel.id), { token, body: { members: [{ email: 'ghost@example.com' }] } }),
      400,
      5301,
      'Request to invite channel members failed.',
    );
    expectError(
      await h.request('POST', membersPath(channel.id), {
        token: await tokenOf(outsider),
        body: { members: [{ email: outsider.email }] },
      }),
      400,
      200,
      'Unauthorized request. You do not have permission to invite channel members.',
    );
    expect(channel.members.size).toBe(2);
  });
});

// ---- #33 / #32 ---------------------------------------------------------------------------------

describe('POST /chat/channels/{channelId}/members/me — Join a channel (#33)', () => {
  it('joins a public channel; #35 lists the new member and #38 opens', async () => {
    const { owner, member, outsider } = cast(6);
    const channel = await createChannel(owner, [member], 3);
    const token = await tokenOf(outsider);
    expectError(await h.get(channelPath(channel.id), { token }), 400, 200);
    const res = await h.request('POST', `${membersPath(channel.id)}/me`, { token });
    expectValid('joinChannel', res, 201);
    expect(res.body).toEqual({
      added_at: expect.stringMatching(ISO_SECONDS),
      id: outsider.internalId,
      member_id: outsider.memberId,
    });
    const list = await h.get(membersPath(channel.id), { token });
    expect(list.body.members.at(-1)).toEqual(expectedMember(outsider, 'member'));
    expectValid('getUserLevelChannel', await h.get(channelPath(channel.id), { token }), 200);
  });

  it('fails with 5301 for a private channel or when already a member', async () => {
    const { owner, member, outsider } = cast(6);
    const closed = await createChannel(owner, [member], 1);
    expectError(
      await h.request('POST', `${membersPath(closed.id)}/me`, { token: await tokenOf(outsider) }),
      400,
      5301,
      'The request to join the channel failed.',
    );
    expect(closed.members.has(outsider.idx)).toBe(false);
    const open = await createChannel(owner, [member], 5);
    expectError(await h.request('POST', `${membersPath(open.id)}/me`, { token: await tokenOf(member) }), 400, 5301);
    expectError(
      await h.request('POST', `${membersPath('1'.repeat(32))}/me`, { token: await tokenOf(member) }),
      404,
      4130,
    );
  });
});

describe('DELETE /chat/channels/{channelId}/members/me — Leave a channel (#32)', () => {
  it('leaves: #35 no longer lists the user and #38 is refused', async () => {
    const { owner, admin, member } = cast(7);
    const channel = await createChannel(owner, [admin, member], 1);
    const res = await h.request('DELETE', `${membersPath(channel.id)}/me`, { token: await tokenOf(member) });
    expectValid('leaveChannel', res, 204);
    expect(res.text).toBe('');
    const list = await h.get(membersPath(channel.id), { token: await tokenOf(owner) });
    expect(list.body.members.map((m: { member_id: string }) => m.member_id)).toEqual([owner.memberId, admin.memberId]);
    expectError(await h.get(channelPath(channel.id), { token: await tokenOf(member) }), 400, 200);
  });

  it('fails with 5301 for a non-member or the owner', async () => {
    const { owner, member, outsider } = cast(7);
    const channel = await createChannel(owner, [member], 1);
    expectError(
      await h.request('DELETE', `${membersPath(channel.id)}/me`, { token: await tokenOf(outsider) }),
      400,
      5301,
      'Request to leave the channel failed.',
    );
    expectError(await h.request('DELETE', `${membersPath(channel.id)}/me`, { token: await tokenOf(owner) }), 400, 5301);
    expect(channel.members.has(owner.idx)).toBe(true);
  });
});

// ---- #31 / #34 ---------------------------------------------------------------------------------

describe('DELETE /chat/channels/{channelId}/members/{identifier} — Remove a member (#31)', () => {
  it('removes by member id or email; #35 no longer lists them', async () => {
    const { owner, admin, member, outsider } = cast(8);
    const channel = await createChannel(owner, [admin, member, outsider], 1, [admin]);
    const token = await tokenOf(admin);
    for (const identifier of [member.memberId, outsider.email]) {
      const res = await h.request('DELETE', `${membersPath(channel.id)}/${identifier}`, { token });
      expectValid('removeAUserLevelChannelMember', res, 204);
    }
    const list = await h.get(membersPath(channel.id), { token });
    expect(list.body.members).toEqual([expectedMember(owner, 'owner'), expectedMember(admin, 'admin')]);
  });

  it('refuses a plain member (400 / 200), yourself (300) and the owner (5301)', async () => {
    const { owner, admin, member } = cast(8);
    const channel = await createChannel(owner, [admin, member], 1, [admin]);
    const path = (u: TenantUser) => `${membersPath(channel.id)}/${u.memberId}`;
    expectError(
      await h.request('DELETE', path(admin), { token: await tokenOf(member) }),
      400,
      200,
      "Unauthorized request. You do not have permission to remove channel members on this user's behalf.",
    );
    expectError(
      await h.request('DELETE', path(admin), { token: await tokenOf(admin) }),
      400,
      300,
      'You can not remove yourself.',
    );
    expectError(
      await h.request('DELETE', path(owner), { token: await tokenOf(admin) }),
      400,
      5301,
      'Unable to remove channel member.',
    );
    expect(channel.members.size).toBe(3);
  });
});

describe('DELETE /chat/channels/{channelId}/members — Batch remove members (#34)', () => {
  it('removes by member_ids and user_ids with a user token; #35 shows the rest', async () => {
    const { owner, admin, member, outsider, extra } = cast(9);
    const channel = await createChannel(owner, [admin, member, outsider, extra], 1);
    const res = await h.request('DELETE', membersPath(channel.id), {
      token: await tokenOf(owner),
      query: { member_ids: member.memberId, user_ids: `${outsider.internalId},${extra.email}` },
    });
    expectValid('batchRemoveChannelMembers', res, 204);
    const list = await h.get(membersPath(channel.id), { token: await tokenOf(owner) });
    expect(list.body.members).toEqual([expectedMember(owner, 'owner'), expectedMember(admin, 'member')]);
  });

  it('acts as the account owner for an account token', async () => {
    const owner = h.tenant.owner();
    const [a, b] = users().filter((u) => u !== owner);
    const channel = await createChannel(owner, [a, b], 1);
    const res = await h.request('DELETE', membersPath(channel.id), {
      token: accountToken,
      query: { member_ids: a.memberId },
    });
    expectValid('batchRemoveChannelMembers', res, 204);
    expect([...channel.members.keys()]).toEqual([owner.idx, b.idx]);
  });

  it('validates the ids (300), refuses yourself (300), plain members (400 / 200) and non-members (5301)', async () => {
    const { owner, admin, member, outsider } = cast(9);
    const channel = await createChannel(owner, [admin, member], 1, [admin]);
    const token = await tokenOf(admin);
    const call = (query: Record<string, string>, t = token) =>
      h.request('DELETE', membersPath(channel.id), { token: t, query });
    expectError(await call({}), 400, 300);
    const many = Array.from({ length: 21 }, (_, i) => `member${i}`).join(',');
    expectError(
      await call({ member_ids: many }),
      400,
      300,
      'The maximum number of members that can be removed at a time is 20.',
    );
    expectError(
      await call({ member_ids: `${member.memberId},${admin.memberId}` }),
      400,
      300,
      'You can not remove yourself.',
    );
    expectError(
      await call({ member_ids: admin.memberId }, await tokenOf(member)),
      400,
      200,
      'No permission to remove channel members.',
    );
    expectError(
      await call({ user_ids: `${member.internalId},${outsider.internalId}` }),
      400,
      5301,
      'Unable to remove channel member.',
    );
    expect(channel.members.size).toBe(3);
  });
});
