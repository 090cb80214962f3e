import type { SyncHarness } from './worker.harness.js';

export interface TruthChannel {
  id: string;
  name: string;
  type: number;
  deleted: boolean;
  session_id: string | null;
  members: { member_id: string; user_id: string; email: string; role: string; is_external: boolean }[];
}

export async function channelTruth(h: SyncHarness): Promise<TruthChannel[]> {
  return (await h.emu.get<{ channels: TruthChannel[] }>('/_emulator/ground-truth/channels')).body.channels;
}

const member = (m: { member_id: string; user_id: string; email: string; role: string; is_external: boolean }) =>
  `${m.member_id}|${m.user_id}|${m.email}|${m.role}|${m.is_external}`;

/**
 * Every difference between the archive's channels and the emulator's, for the channels the session reports
 * named (chat_sessions.channel_id): name, type, deletion, no warning, and current members (removed_at null)
 * equal to the channel's members now. An empty list means equal.
 */
export async function compareChannelsWithGroundTruth(h: SyncHarness): Promise<string[]> {
  const truth = new Map((await channelTruth(h)).map((c) => [c.id, c]));
  const reported = (
    (await h.db.query(
      "SELECT DISTINCT channel_id FROM chat_sessions WHERE channel_id IS NOT NULL AND channel_id <> ''",
    )) as { channel_id: string }[]
  ).map((r) => r.channel_id);
  const rows = new Map(
    (
      (await h.db.query('SELECT id, name, type, status, warning FROM channels')) as {
        id: string;
        name: string;
        type: number | null;
        status: string;
        warning: string | null;
      }[]
    ).map((r) => [r.id, r]),
  );
  const current = new Map<string, string[]>();
  for (const m of (await h.db.query(
    'SELECT channel_id, member_id, user_id, email, role, is_external FROM channel_members WHERE removed_at IS NULL',
  )) as {
    channel_id: string;
    member_id: string;
    user_id: string;
    email: string;
    role: string;
    is_external: boolean;
  }[]) {
    const list = current.get(m.channel_id) ?? [];
    list.push(member(m));
    current.set(m.channel_id, list);
  }

  const diffs: string[] = [];
  for (const id of reported) {
    const want = truth.get(id);
    const row = rows.get(id);
    if (!want) {
      diffs.push(`channel ${id} of a reported session is not in the emulator`);
      continue;
    }
    if (!row) {
      diffs.push(`missing channel ${id} (${want.name})`);
      continue;
    }
    const expected = { name: want.name, type: want.type, status: want.deleted ? 'deleted' : 'active', warning: null };
    const actual = { name: row.name, type: row.type, status: row.status, warning: row.warning };
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      diffs.push(`channel ${id}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    const wantMembers = want.members.map(member).sort();
    const gotMembers = (current.get(id) ?? []).sort();
    if (JSON.stringify(wantMembers) !== JSON.stringify(gotMembers))
      diffs.push(`members of ${id}: expected ${JSON.stringify(wantMembers)}, got ${JSON.stringify(gotMembers)}`);
  }
  for (const id of rows.keys()) if (!reported.includes(id)) diffs.push(`extra channel ${id} in the archive`);
  return diffs;
}
