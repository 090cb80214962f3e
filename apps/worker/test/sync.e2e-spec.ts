import { reportHorizon, toDate } from '#libs/sync';
import { channelTruth, compareChannelsWithGroundTruth } from './channel-truth.compare.js';
import { compareWithGroundTruth, groundTruth } from './ground-truth.compare.js';
import { SyncHarness } from './worker.harness.js';

/**
 * The sync against the emulator as Zoom, real Postgres and Redis, and worker processes from the
 * build: the archive must end equal to the emulator's ground truth.
 */
describe('sync: archive equals ground truth', () => {
  let h: SyncHarness;
  const today = toDate(Date.now());
  const horizon = reportHorizon(today);

  beforeAll(async () => {
    h = await SyncHarness.start();
  }, 60_000);
  afterAll(() => h?.stop(), 60_000);

  it('archives every message, version, deletion, reaction and file of the six-month horizon', async () => {
    await h.startWorker();
    await h.idle();
    expect(await compareWithGroundTruth(h, horizon, today)).toEqual([]);
    const truth = await groundTruth(h, horizon, today);
    expect(truth.length).toBeGreaterThan(1000);
    expect(truth.some((m) => m.deleted_at !== null)).toBe(true);
    expect(truth.some((m) => m.files.length > 0)).toBe(true);
  }, 180_000);

  it('archives every channel the reports name, with its members as Zoom lists them', async () => {
    expect(await compareChannelsWithGroundTruth(h)).toEqual([]);
    const [{ channels, members }] = (await h.db.query(
      'SELECT (SELECT count(*) FROM channels)::int AS channels, (SELECT count(*) FROM channel_members)::int AS members',
    )) as { channels: number; members: number }[];
    expect(channels).toBeGreaterThan(5);
    expect(members).toBeGreaterThan(channels * 2);
    const metrics = await fetch(`http://127.0.0.1:${h.workerPorts[0]}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(new RegExp(`channel_member_syncs_total\\{result="synced"\\} ${channels}\\b`));
  }, 60_000);

  it('adds nothing on a second sync', async () => {
    const count = async () =>
      (
        (await h.db.query(
          'SELECT (SELECT count(*) FROM message_versions)::int AS v, (SELECT count(*) FROM messages)::int AS m, (SELECT count(*) FROM reaction_snapshots)::int AS r',
        )) as {
          v: number;
          m: number;
          r: number;
        }[]
      )[0];
    const before = await count();
    await h.tick();
    await h.idle();
    expect(await count()).toEqual(before);
  }, 180_000);

  it('captures edits and deletions made after the first sync, on messages weeks old, in the next cycle', async () => {
    const truth = await groundTruth(h, horizon, today);
    const threeWeeksAgo = Date.now() - 21 * 86_400_000;
    const candidates = truth.filter(
      (m) =>
        m.deleted_at === null &&
        m.timestamp < threeWeeksAgo &&
        m.timestamp > threeWeeksAgo - 7 * 86_400_000 &&
        m.versions.length === 1,
    );
    const token = await h.emu.accountToken();
    const edits = [];
    for (const m of candidates.slice(0, 4)) {
      const view = h.emu.tenant.findMessage(m.id)!;
      const sender = h.emu.tenant.dir.users[view.message.senderIdx];
      if (sender.external || sender.isBot) continue;
      const session = h.emu.tenant.dir.sessions[view.message.sessionIdx];
      const target = session.peers
        ? {
            to_contact:
              h.emu.tenant.dir.users[session.peers[0] === sender.idx ? session.peers[1] : session.peers[0]].email,
          }
        : { to_channel: h.emu.tenant.dir.channels[session.channelIdx].id };
      if ('to_contact' in target && !target.to_contact) continue;
      edits.push({ m, sender, target });
    }
    expect(edits.length).toBeGreaterThanOrEqual(2);
    const [edited, deleted] = edits;
    const put = await h.emu.request(
      'PUT',
      `/v2/chat/users/${edited.sender.email}/messages/${encodeURIComponent(edited.m.id)}`,
      {
        token,
        body: { message: 'edited after the first sync', ...edited.target },
      },
    );
    expect(put.status).toBe(204);
    const del = await h.emu.request(
      'DELETE',
      `/v2/chat/users/${deleted.sender.email}/messages/${encodeURIComponent(deleted.m.id)}`,
      {
        token,
        query: deleted.target,
      },
    );
    expect(del.status).toBe(204);

    await h.tick();
    await h.idle();
    expect(await compareWithGroundTruth(h, horizon, today)).toEqual([]);
    const [row] = (await h.db.query('SELECT current_text, edit_count FROM messages WHERE id = $1', [
      edited.m.id.replace(/[{}]/g, '').toUpperCase(),
    ])) as {
      current_text: string;
      edit_count: number;
    }[];
    expect(row).toEqual({ current_text: 'edited after the first sync', edit_count: 1 });
  }, 180_000);

  it('records a member removed in Zoom as removed_at, and a deleted channel as deleted, after the next cycle', async () => {
    const token = await h.emu.accountToken();
    const archived = new Set(((await h.db.query('SELECT id FROM channels')) as { id: string }[]).map((r) => r.id));
    const candidates = (await channelTruth(h)).filter(
      (c) => archived.has(c.id) && !c.deleted && c.members.filter((m) => !m.is_external).length >= 3,
    );
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    const [shrunk, doomed] = candidates;
    const ownerOf = (c: (typeof candidates)[number]) => c.members.find((m) => m.role === 'owner')!;
    const leaver = shrunk.members.find((m) => m.role === 'member' && !m.is_external)!;
    const removed = await h.emu.request(
      'DELETE',
      `/v2/chat/users/${encodeURIComponent(ownerOf(shrunk).email)}/channels/${shrunk.id}/members/${leaver.member_id}`,
      { token },
    );
    expect(removed.status).toBe(204);
    const deleted = await h.emu.request(
      'DELETE',
      `/v2/chat/users/${encodeURIComponent(ownerOf(doomed).email)}/channels/${doomed.id}`,
      { token },
    );
    expect(deleted.status).toBe(204);
    const before = (await h.db.query('SELECT count(*)::int AS n FROM channel_members')) as { n: number }[];

    await h.tick();
    await h.idle();
    expect(await compareChannelsWithGroundTruth(h)).toEqual([]);
    const [left] = (await h.db.query(
      'SELECT removed_at, last_seen_at FROM channel_members WHERE channel_id = $1 AND member_id = $2',
      [shrunk.id, leaver.member_id],
    )) as { removed_at: Date | null; last_seen_at: Date }[];
    expect(left.removed_at).not.toBeNull();
    expect(left.removed_at!.getTime()).toBeGreaterThan(left.last_seen_at.getTime());
    // The deleted channel keeps its members as last seen; no row is ever deleted.
    const doomedMembers = (await h.db.query(
      'SELECT count(*)::int AS n FROM channel_members WHERE channel_id = $1 AND removed_at IS NULL',
      [doomed.id],
    )) as { n: number }[];
    expect(doomedMembers[0].n).toBe(doomed.members.length);
    expect(await h.db.query('SELECT count(*)::int AS n FROM channel_members')).toEqual(before);
  }, 180_000);
});
