import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncHarness } from './worker.harness.js';

interface TruthMessage {
  id: string;
  session_id: string;
  timestamp: number;
  versions: { kind: string; message: string; action_timestamp: number }[];
  deleted_at: number | null;
  reactions: { emoji: string; member_ids: string[] }[];
  files: { file_id: string; sha256: string; file_size: number }[];
}

const norm = (id: string) => id.replace(/[{}]/g, '').toUpperCase();

export async function groundTruth(h: SyncHarness, from: string, to: string): Promise<TruthMessage[]> {
  const res = await h.emu.get('/_emulator/ground-truth/messages', { query: { from, to, file_hashes: true } });
  return res.text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TruthMessage);
}

/**
 * Every difference between the archive and the emulator's ground truth for messages sent in
 * [from, to]: missing or extra messages, versions (kind, text, action time), deletion time,
 * current reactions, and file bytes by SHA-256. An empty list means equal.
 */
export async function compareWithGroundTruth(h: SyncHarness, from: string, to: string): Promise<string[]> {
  const truth = await groundTruth(h, from, to);
  const diffs: string[] = [];
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T23:59:59.999Z`);
  const messages = new Map<string, { deleted_at: Date | null }>(
    (
      (await h.db.query('SELECT id, deleted_at FROM messages WHERE sent_ts BETWEEN $1 AND $2', [fromMs, toMs])) as {
        id: string;
        deleted_at: Date | null;
      }[]
    ).map((r) => [r.id, r]),
  );
  const versions = new Map<string, string[]>();
  for (const v of (await h.db.query(
    'SELECT v.message_id, v.kind, v.text, v.action_ts FROM message_versions v JOIN messages m ON m.id = v.message_id WHERE m.sent_ts BETWEEN $1 AND $2',
    [fromMs, toMs],
  )) as { message_id: string; kind: string; text: string; action_ts: string }[]) {
    const list = versions.get(v.message_id) ?? [];
    list.push(`${v.kind}@${v.action_ts}:${v.text}`);
    versions.set(v.message_id, list);
  }
  const reactions = new Map<string, { emoji: string; member_ids?: string[] }[]>(
    (
      (await h.db.query(
        'SELECT DISTINCT ON (message_id) message_id, reactions FROM reaction_snapshots ORDER BY message_id, observed_at DESC, id DESC',
      )) as { message_id: string; reactions: { emoji: string; member_ids?: string[] }[] }[]
    ).map((r) => [r.message_id, r.reactions]),
  );
  const files = new Map<string, { status: string; content_sha256: string | null }>(
    (
      (await h.db.query('SELECT file_id, status, content_sha256 FROM archived_files')) as {
        file_id: string;
        status: string;
        content_sha256: string | null;
      }[]
    ).map((f) => [f.file_id, f]),
  );

  for (const m of truth) {
    const id = norm(m.id);
    const row = messages.get(id);
    if (!row) {
      diffs.push(`missing message ${m.id} (session ${m.session_id})`);
      continue;
    }
    messages.delete(id);
    const expected = m.versions.map((v) => `${v.kind}@${v.action_timestamp}:${v.message}`).sort();
    const actual = (versions.get(id) ?? []).sort();
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      diffs.push(`versions of ${m.id}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    const deletedAt = row.deleted_at ? new Date(row.deleted_at).getTime() : null;
    if (deletedAt !== m.deleted_at) diffs.push(`deletion of ${m.id}: expected ${m.deleted_at}, got ${deletedAt}`);
    const want = m.reactions.map((r) => `${r.emoji}:${[...r.member_ids].sort().join(',')}`).sort();
    const got = (reactions.get(id) ?? []).map((r) => `${r.emoji}:${[...(r.member_ids ?? [])].sort().join(',')}`).sort();
    if (JSON.stringify(want) !== JSON.stringify(got))
      diffs.push(`reactions of ${m.id}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    for (const f of m.files) {
      const stored = files.get(f.file_id);
      if (!stored || stored.status !== 'stored' || stored.content_sha256 !== f.sha256) {
        diffs.push(`file ${f.file_id} of ${m.id}: expected stored ${f.sha256}, got ${JSON.stringify(stored)}`);
      } else if (!existsSync(join(h.filesDir, f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256))) {
        diffs.push(`file ${f.file_id}: bytes missing on disk`);
      }
    }
  }
  for (const id of messages.keys()) diffs.push(`extra message ${id} in the archive`);
  return diffs;
}
