import type { ChannelMemberRow, ChannelReader, ChannelRow, ZoomChannelMemberInput } from '#libs/archive';
import { ZoomPageTokenExpiredError, ZoomPermanentError } from '#libs/zoom-client';
import { SyncMetrics } from '../metrics/sync-metrics.js';
import { ChannelSyncService, type ChannelSyncDeps, MAX_READERS, MAX_WAITS } from './channel-sync.service.js';

const zoomError = (status: number, code: number, message: string) =>
  new ZoomPermanentError(`Zoom failed: HTTP ${status}, code ${code}: ${message}`, {
    operationId: 'getChannel',
    status,
    code,
    zoomMessage: message,
  });
const notMember = () =>
  zoomError(400, 200, "Unauthorized request. You do not have permission to access this user's channel information.");

/** The archive side, in memory: what the service wrote, in order. */
class FakeChannels {
  readerList: ChannelReader[] = [];
  readersLimit = 0;
  calls: string[] = [];
  channels: ChannelRow[] = [];
  members = new Map<string, ChannelMemberRow>();
  completed: string[][] = [];
  warnings: string[] = [];
  /** Whether a session window of the channel is still pending or running. */
  pending = false;

  messagesPending() {
    return Promise.resolve(this.pending);
  }
  readers(_channelId: string, limit: number) {
    this.readersLimit = limit;
    return Promise.resolve(this.readerList.slice(0, limit));
  }
  upsertChannel(_account: string, row: ChannelRow) {
    this.calls.push('channel');
    this.channels.push(row);
    return Promise.resolve();
  }
  markDeleted(_account: string, channelId: string) {
    this.calls.push(`deleted ${channelId}`);
    return Promise.resolve();
  }
  recordWarning(_account: string, _channelId: string, warning: string) {
    this.warnings.push(warning);
    return Promise.resolve();
  }
  upsertMembers(_channelId: string, rows: ChannelMemberRow[]) {
    this.calls.push(`members ${rows.map((r) => r.memberId).join(',')}`);
    for (const r of rows) this.members.set(r.memberId, r);
    return Promise.resolve();
  }
  completeListing(_channelId: string, present: string[]) {
    this.calls.push('complete');
    this.completed.push([...present].sort());
    return Promise.resolve(2);
  }
}

type Behaviour = Error | ZoomChannelMemberInput[][];

/** Zoom as seen by each user: an error for both endpoints, or the member pages. */
class FakeSource {
  asked: string[] = [];
  expireOnce = false;
  constructor(private readonly byUser: Record<string, Behaviour>) {}

  channel(userId: string, channelId: string) {
    this.asked.push(`get ${userId}`);
    const b = this.byUser[userId];
    if (b instanceof Error) return Promise.reject(b);
    return Promise.resolve({ id: channelId, name: 'Desk', type: 1 });
  }
  membersPage(userId: string, _channelId: string, token: string) {
    this.asked.push(`members ${userId} ${token || '-'}`);
    const b = this.byUser[userId];
    if (b instanceof Error) return Promise.reject(b);
    const index = token ? Number(token) : 0;
    if (index === 1 && this.expireOnce) {
      this.expireOnce = false;
      return Promise.reject(
        new ZoomPageTokenExpiredError('expired', { operationId: 'listChannelMembers', status: 400, code: 300 }),
      );
    }
    return Promise.resolve({ members: b[index], next_page_token: index + 1 < b.length ? String(index + 1) : '' });
  }
}

const member = (id: string, role = 'member'): ZoomChannelMemberInput => ({
  id: `u-${id}`,
  member_id: id,
  email: `${id}@example.com`,
  role,
});

function service(channels: FakeChannels, source: FakeSource) {
  const metrics = new SyncMetrics();
  const deps: ChannelSyncDeps = { accountId: 'acct', channels, source, metrics, now: () => 1_800_000_000_000 };
  return { svc: new ChannelSyncService(deps), metrics };
}

const count = async (metrics: SyncMetrics, result: string) =>
  (await metrics.channelSyncs.get()).values.find((v) => v.labels.result === result)?.value ?? 0;

const job = { runId: 'run-1', channelId: 'c1' };

describe('ChannelSyncService', () => {
  it('reads the channel, then every member page, then completes the listing with every member seen', async () => {
    const channels = new FakeChannels();
    channels.readerList = [{ userId: 'owner@example.com', source: 'member' }];
    const source = new FakeSource({ 'owner@example.com': [[member('a', 'owner'), member('b')], [member('c')]] });
    const { svc, metrics } = service(channels, source);

    expect(await svc.sync(job)).toEqual({ status: 'synced', reader: 'owner@example.com', members: 3, removed: 2 });
    expect(channels.calls).toEqual(['channel', 'members a,b', 'members c', 'complete']);
    expect(channels.completed).toEqual([['a', 'b', 'c']]);
    expect(channels.channels).toEqual([{ id: 'c1', name: 'Desk', type: 1, settings: null }]);
    expect(await count(metrics, 'synced')).toBe(1);
    expect((await metrics.channelMembersRemoved.get()).values[0].value).toBe(2);
    expect(channels.readersLimit).toBe(MAX_READERS);
  });

  it('asks the next candidate when one is not a member or no longer exists', async () => {
    const channels = new FakeChannels();
    channels.readerList = [
      { userId: 'left@example.com', source: 'member' },
      { userId: 'gone@example.com', source: 'sender' },
      { userId: 'ok@example.com', source: 'sender' },
    ];
    const source = new FakeSource({
      'left@example.com': notMember(),
      'gone@example.com': zoomError(404, 1001, 'User does not exist: gone@example.com.'),
      'ok@example.com': [[member('a')]],
    });
    const { svc } = service(channels, source);
    expect(await svc.sync(job)).toMatchObject({ status: 'synced', reader: 'ok@example.com' });
    expect(source.asked).toEqual([
      'get left@example.com',
      'get gone@example.com',
      'get ok@example.com',
      'members ok@example.com -',
    ]);
  });

  it('moves on when the member list refuses the reader after the channel read, and completes no partial listing', async () => {
    const channels = new FakeChannels();
    channels.readerList = [
      { userId: 'a@example.com', source: 'member' },
      { userId: 'b@example.com', source: 'member' },
    ];
    const source = new FakeSource({ 'b@example.com': [[member('b')]] });
    source.membersPage = (userId: string, channelId: string, token: string) =>
      userId === 'a@example.com'
        ? Promise.reject(zoomError(400, 200, 'You do not have permission to view channel members.'))
        : FakeSource.prototype.membersPage.call(source, userId, channelId, token);
    const { svc } = service(channels, source);
    expect(await svc.sync(job)).toMatchObject({ status: 'synced', reader: 'b@example.com', members: 1 });
    expect(channels.completed).toEqual([['b']]);
  });

  it('records a warning naming every refusal when no candidate can read the channel, and does not throw', async () => {
    const channels = new FakeChannels();
    channels.readerList = [
      { userId: 'x@example.com', source: 'sender' },
      { userId: 'y@example.com', source: 'sender' },
    ];
    const source = new FakeSource({ 'x@example.com': notMember(), 'y@example.com': notMember() });
    const { svc, metrics } = service(channels, source);
    const outcome = await svc.sync(job);
    expect(outcome.status).toBe('unreadable');
    expect(channels.warnings).toHaveLength(1);
    expect(channels.warnings[0]).toContain('x@example.com: Unauthorized request.');
    expect(channels.warnings[0]).toContain('y@example.com: Unauthorized request.');
    expect(channels.calls).toEqual([]);
    expect(await count(metrics, 'unreadable')).toBe(1);
  });

  it('records nothing before the last attempt, so the job can try again once readers are known', async () => {
    const channels = new FakeChannels();
    channels.readerList = [{ userId: 'x@example.com', source: 'sender' }];
    const { svc, metrics } = service(channels, new FakeSource({ 'x@example.com': notMember() }));
    const outcome = await svc.sync(job, false);
    expect(outcome).toMatchObject({ status: 'unreadable', warning: expect.stringContaining('x@example.com') });
    expect(channels.warnings).toEqual([]);
    expect(await count(metrics, 'unreadable')).toBe(0);
  });

  it.each([false, true])(
    'waits, recording nothing, while the channel messages are still being fetched (last attempt: %s)',
    async (lastAttempt) => {
      const channels = new FakeChannels();
      channels.pending = true;
      channels.readerList = [{ userId: 'x@example.com', source: 'sender' }];
      const source = new FakeSource({ 'x@example.com': notMember() });
      const { svc, metrics } = service(channels, source);
      expect(await svc.sync(job, lastAttempt)).toMatchObject({ status: 'waiting', warning: expect.any(String) });
      expect(channels.warnings).toEqual([]);
      expect(await count(metrics, 'unreadable')).toBe(0);

      expect(source.asked).toEqual(['get x@example.com']);

      // Having waited, it asks no one while they are still pending: waiting spends no Zoom call.
      const waited = { ...job, waits: 1 };
      expect(await svc.sync(waited, lastAttempt)).toMatchObject({ status: 'waiting' });
      expect(source.asked).toEqual(['get x@example.com']);

      // Once they are in, the same channel with no reader is unreadable (and recorded on the last attempt).
      channels.pending = false;
      expect(await svc.sync(waited, lastAttempt)).toMatchObject({ status: 'unreadable' });
      expect(source.asked).toEqual(['get x@example.com', 'get x@example.com']);
      expect(channels.warnings).toHaveLength(lastAttempt ? 1 : 0);
    },
  );

  it('waits no longer after MAX_WAITS, even with the messages still pending: the last attempt records the warning', async () => {
    const channels = new FakeChannels();
    channels.pending = true;
    channels.readerList = [{ userId: 'x@example.com', source: 'sender' }];
    const source = new FakeSource({ 'x@example.com': notMember() });
    const { svc } = service(channels, source);
    expect(await svc.sync({ ...job, waits: MAX_WAITS - 1 })).toMatchObject({ status: 'waiting' });
    expect(source.asked).toEqual([]);
    expect(await svc.sync({ ...job, waits: MAX_WAITS })).toMatchObject({ status: 'unreadable' });
    expect(source.asked).toEqual(['get x@example.com']);
    expect(channels.warnings).toHaveLength(1);
  });

  it('records a warning when no candidate is known at all', async () => {
    const channels = new FakeChannels();
    const { svc } = service(channels, new FakeSource({}));
    expect(await svc.sync(job)).toMatchObject({ status: 'unreadable' });
    expect(channels.warnings[0]).toMatch(/No account user is known/);
  });

  it('marks a channel Zoom no longer has (404 / 4130) deleted, touching no member', async () => {
    const channels = new FakeChannels();
    channels.readerList = [{ userId: 'a@example.com', source: 'member' }];
    const source = new FakeSource({ 'a@example.com': zoomError(404, 4130, 'Channel does not exist: c1.') });
    const { svc, metrics } = service(channels, source);
    expect(await svc.sync(job)).toEqual({ status: 'deleted' });
    expect(channels.calls).toEqual(['deleted c1']);
    expect(await count(metrics, 'deleted')).toBe(1);
  });

  it('throws other permanent errors (the processor fails the job and records it) without asking anyone else', async () => {
    const channels = new FakeChannels();
    channels.readerList = [
      { userId: 'a@example.com', source: 'member' },
      { userId: 'b@example.com', source: 'member' },
    ];
    const scope = zoomError(400, 4711, 'Invalid access token, does not contain scopes:[chat_channel:read:admin].');
    const source = new FakeSource({ 'a@example.com': scope, 'b@example.com': [[member('b')]] });
    const { svc, metrics } = service(channels, source);
    await expect(svc.sync(job)).rejects.toBe(scope);
    expect(source.asked).toEqual(['get a@example.com']);
    await svc.fail(job, scope.message);
    expect(channels.warnings).toEqual([scope.message]);
    expect(await count(metrics, 'failed')).toBe(1);
  });

  it('starts the listing over when a page token expires, and removes only after a complete one', async () => {
    const channels = new FakeChannels();
    channels.readerList = [{ userId: 'a@example.com', source: 'member' }];
    const source = new FakeSource({ 'a@example.com': [[member('a')], [member('b')]] });
    source.expireOnce = true;
    const { svc } = service(channels, source);
    expect(await svc.sync(job)).toMatchObject({ status: 'synced', members: 2 });
    expect(channels.calls).toEqual(['channel', 'members a', 'members a', 'members b', 'complete']);
    expect(channels.completed).toEqual([['a', 'b']]);
  });

  it('never completes an empty listing (it would remove everyone)', async () => {
    const channels = new FakeChannels();
    channels.readerList = [{ userId: 'a@example.com', source: 'member' }];
    const { svc } = service(channels, new FakeSource({ 'a@example.com': [[]] }));
    await expect(svc.sync(job)).rejects.toThrow(/listed no members/);
    expect(channels.completed).toEqual([]);
  });
});
