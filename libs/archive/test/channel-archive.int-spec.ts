import {
  ArchiveWriter,
  ChannelArchiveRepository,
  type ChannelMemberRow,
  type ReportSessionInput,
  type ZoomReportMessage,
} from '#libs/archive';
import { createTestDatabase, type TestDatabase } from './test-database.js';

let db: TestDatabase;
let repo: ChannelArchiveRepository;
let writer: ArchiveWriter;
let seq = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  repo = new ChannelArchiveRepository(db.dataSource);
  writer = new ArchiveWriter(db.dataSource);
});
afterAll(() => db.drop());

const ACCOUNT = 'acct';
const T0 = new Date('2026-11-01T10:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const newChannel = () => `chan${++seq}`;

const row = (memberId: string, extra: Partial<ChannelMemberRow> = {}): ChannelMemberRow => ({
  memberId,
  userId: `u-${memberId}`,
  email: `${memberId}@example.com`,
  displayName: memberId.toUpperCase(),
  role: 'member',
  isExternal: false,
  ...extra,
});

interface MemberState {
  member_id: string;
  email: string;
  role: string;
  first_seen_at: Date;
  last_seen_at: Date;
  removed_at: Date | null;
}
const members = async (channelId: string) =>
  (await db.dataSource.query(
    'SELECT member_id, email, role, first_seen_at, last_seen_at, removed_at FROM channel_members WHERE channel_id = $1 ORDER BY member_id',
    [channelId],
  )) as MemberState[];
const channelRow = async (channelId: string) =>
  (
    (await db.dataSource.query(
      'SELECT name, type, status, settings, warning, members_synced_at FROM channels WHERE id = $1',
      [channelId],
    )) as Record<string, unknown>[]
  )[0];

async function listing(channelId: string, pages: ChannelMemberRow[][], at: Date): Promise<number> {
  for (const page of pages) await repo.upsertMembers(channelId, page, at);
  return repo.completeListing(
    channelId,
    pages.flat().map((r) => r.memberId),
    at,
  );
}

async function channelSession(channelId: string, name = 'Desk'): Promise<ReportSessionInput> {
  const session: ReportSessionInput = {
    id: `session-${channelId}`.padEnd(64, '0'),
    type: 'Group',
    name,
    channel_id: channelId,
    last_message_sent_time: '2026-11-01T09:00:00Z',
  };
  await writer.upsertSessions(ACCOUNT, [session]);
  return session;
}

let messageSeq = 0;
function message(sender: string, minute: number, extra: Partial<ZoomReportMessage> = {}): ZoomReportMessage {
  const ts = Date.parse('2026-10-01T00:00:00Z') + minute * 60_000;
  return {
    id: `00000000-0000-4000-8000-${String(++messageSeq).padStart(12, '0')}`,
    message: 'hello',
    date_time: new Date(ts).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    timestamp: ts,
    action_timestamp: ts,
    sender,
    sender_member_id: `mid-${sender || 'external'}`,
    sender_display_name: sender,
    ...extra,
  };
}

describe('channel members over time', () => {
  it('marks members absent from a complete listing removed, keeps their rows, and clears removal when they return', async () => {
    const c = newChannel();
    await repo.upsertChannel(ACCOUNT, { id: c, name: 'Desk', type: 1, settings: null }, T0);
    expect(await listing(c, [[row('a', { role: 'owner' }), row('b')], [row('c')]], T0)).toBe(0);
    expect((await members(c)).map((m) => [m.member_id, m.removed_at])).toEqual([
      ['a', null],
      ['b', null],
      ['c', null],
    ]);

    // b left: the next complete listing does not name it.
    expect(await listing(c, [[row('a', { role: 'owner' }), row('c', { role: 'admin' })]], later(60))).toBe(1);
    let state = await members(c);
    expect(state.map((m) => [m.member_id, m.role, m.removed_at?.toISOString() ?? null])).toEqual([
      ['a', 'owner', null],
      ['b', 'member', later(60).toISOString()],
      ['c', 'admin', null],
    ]);
    expect(state.find((m) => m.member_id === 'b')!.last_seen_at).toEqual(T0);

    // The same listing again changes nothing: the removal keeps its first time.
    expect(await listing(c, [[row('a', { role: 'owner' }), row('c', { role: 'admin' })]], later(120))).toBe(0);
    expect((await members(c)).find((m) => m.member_id === 'b')!.removed_at).toEqual(later(60));

    // b is back: current again, first seen unchanged.
    expect(await listing(c, [[row('a', { role: 'owner' }), row('b'), row('c', { role: 'admin' })]], later(180))).toBe(
      0,
    );
    state = await members(c);
    const b = state.find((m) => m.member_id === 'b')!;
    expect(b).toMatchObject({ removed_at: null, first_seen_at: T0, last_seen_at: later(180) });
    expect(state).toHaveLength(3);
    expect((await channelRow(c)).members_synced_at).toEqual(later(180));
  });

  it('keeps an email Zoom no longer shows, and touches only its own channel', async () => {
    const c = newChannel();
    const other = newChannel();
    for (const id of [c, other]) await repo.upsertChannel(ACCOUNT, { id, name: id, type: 1, settings: null }, T0);
    await listing(c, [[row('a'), row('guest', { isExternal: true })]], T0);
    await listing(other, [[row('a'), row('b')]], T0);
    await listing(
      c,
      [[row('a'), row('guest', { isExternal: true, email: '', displayName: '', userId: '' })]],
      later(5),
    );
    expect((await members(c)).find((m) => m.member_id === 'guest')!.email).toBe('guest@example.com');
    // Listing c without b says nothing about b's membership of another channel.
    expect((await members(other)).map((m) => m.removed_at)).toEqual([null, null]);
  });

  it('removes what a shorter complete listing leaves out of a listing of several pages', async () => {
    const c = newChannel();
    await repo.upsertChannel(ACCOUNT, { id: c, name: 'All hands', type: 3, settings: null }, T0);
    const many = Array.from({ length: 250 }, (_, i) => row(`m${String(i).padStart(3, '0')}`));
    expect(await listing(c, [many.slice(0, 100), many.slice(100, 200), many.slice(200)], T0)).toBe(0);
    expect(await listing(c, [many.slice(0, 100)], later(1))).toBe(150);
    const state = await members(c);
    expect(state.filter((m) => m.removed_at === null)).toHaveLength(100);
    expect(state).toHaveLength(250);
  });
});

describe('channel rows', () => {
  it('upserts name, type and settings, marks deletion without touching members, and records warnings', async () => {
    const c = newChannel();
    await channelSession(c, 'Desk from the report');
    await repo.recordWarning(ACCOUNT, c, 'No known member could read the channel.', T0);
    expect(await channelRow(c)).toMatchObject({
      name: 'Desk from the report',
      status: 'active',
      warning: 'No known member could read the channel.',
    });

    await repo.upsertChannel(ACCOUNT, { id: c, name: 'Desk', type: 2, settings: { posting_permissions: 1 } }, later(1));
    expect(await channelRow(c)).toMatchObject({
      name: 'Desk',
      type: 2,
      settings: { posting_permissions: 1 },
      warning: null,
    });
    await listing(c, [[row('a'), row('b')]], later(1));

    await repo.markDeleted(ACCOUNT, c, later(2));
    expect(await channelRow(c)).toMatchObject({ status: 'deleted', name: 'Desk' });
    expect((await members(c)).map((m) => m.removed_at)).toEqual([null, null]);

    const unseen = newChannel();
    await channelSession(unseen, 'Gone before we looked');
    await repo.markDeleted(ACCOUNT, unseen, later(2));
    expect(await channelRow(unseen)).toMatchObject({ status: 'deleted', name: 'Gone before we looked' });
  });

  it('plans channels the reports named, except deleted ones; discovery narrows to channels never listed', async () => {
    const account = 'acct-plan';
    const [listed, fresh, deleted] = [newChannel(), newChannel(), newChannel()];
    await writer.upsertSessions(
      account,
      [listed, fresh, deleted].map((id) => ({
        id: `s-${id}`.padEnd(64, '0'),
        type: 'Group',
        name: id,
        channel_id: id,
      })),
    );
    await writer.upsertSessions(account, [{ id: 'one-to-one'.padEnd(64, '0'), type: '1:1', member_emails: [] }]);
    await repo.upsertChannel(account, { id: listed, name: listed, type: 1, settings: null }, T0);
    await listing(listed, [[row('a')]], T0);
    await repo.markDeleted(account, deleted, T0);

    expect(await repo.reportedChannels(account)).toEqual([listed, fresh].sort());
    expect(await repo.reportedChannels(account, { ids: [listed, fresh, deleted], onlyNew: true })).toEqual([fresh]);
    expect(await repo.reportedChannels(account, { ids: [listed] })).toEqual([listed]);
    expect(await repo.reportedChannels('another-account')).toEqual([]);
  });
});

describe('whether a channel waits for its messages', () => {
  it("is pending while a session window of the channel's sessions is pending or running, not when done or failed", async () => {
    const c = newChannel();
    const session = await channelSession(c);
    const other = await channelSession(newChannel());
    const windowOf = (sessionId: string, status: string, account = ACCOUNT) =>
      db.dataSource.query(
        `INSERT INTO sync_windows (account_id, session_id, window_from, window_to, mode, status)
         VALUES ($1, $2, '2026-11-01', '2026-11-30', 'sent', $3)
         ON CONFLICT ON CONSTRAINT pk_sync_windows DO UPDATE SET status = excluded.status`,
        [account, sessionId, status],
      );

    expect(await repo.messagesPending(ACCOUNT, c)).toBe(false);
    await windowOf(other.id, 'running');
    await windowOf(session.id, 'pending', 'another-account');
    expect(await repo.messagesPending(ACCOUNT, c)).toBe(false);
    for (const [status, pending] of [
      ['pending', true],
      ['running', true],
      ['done', false],
      ['failed', false],
    ] as const) {
      await windowOf(session.id, status);
      expect([status, await repo.messagesPending(ACCOUNT, c)]).toEqual([status, pending]);
    }
  });
});

describe('who can read a channel', () => {
  it('current members first (owner, admins), then recent account senders; never bots, guests or leavers', async () => {
    const c = newChannel();
    const session = await channelSession(c);
    await writer.writeReportPage({
      accountId: ACCOUNT,
      session,
      runId: null,
      observedAt: T0,
      messages: [
        message('old.sender@example.com', 1),
        message('recent.sender@example.com', 50),
        message('owner@example.com', 40),
        message('', 60, { is_sender_external: true }),
        message('bot@example.com', 70, { bot_message: { text: 'beep' } }),
      ],
      edited: [],
      deleted: [],
    });
    await repo.upsertChannel(ACCOUNT, { id: c, name: 'Desk', type: 1, settings: null }, T0);
    await listing(
      c,
      [
        [
          row('plain', { email: 'plain@example.com' }),
          row('owner', { email: 'owner@example.com', role: 'owner' }),
          row('admin', { email: 'admin@example.com', role: 'admin' }),
          row('leaver', { email: 'leaver@example.com' }),
          row('guest', { email: '', userId: '', isExternal: true }),
        ],
      ],
      T0,
    );
    await listing(
      c,
      [
        [
          row('plain', { email: 'plain@example.com' }),
          row('owner', { email: 'owner@example.com', role: 'owner' }),
          row('admin', { email: 'admin@example.com', role: 'admin' }),
          row('guest', { email: '', userId: '', isExternal: true }),
        ],
      ],
      later(1),
    );

    expect(await repo.readers(c, 10)).toEqual([
      { userId: 'owner@example.com', source: 'member' },
      { userId: 'admin@example.com', source: 'member' },
      { userId: 'plain@example.com', source: 'member' },
      { userId: 'recent.sender@example.com', source: 'sender' },
      { userId: 'old.sender@example.com', source: 'sender' },
    ]);
    expect(await repo.readers(c, 2)).toHaveLength(2);
    expect(await repo.readers(newChannel(), 5)).toEqual([]);
  });
});
