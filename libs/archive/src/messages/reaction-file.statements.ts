import type { PoolClient } from 'pg';
import { canonicalReactions, reactionSnapshotSha256, type ZoomReaction } from './canonical-reactions.util.js';
import type { FileRow, ReactionRow } from './report-page.rows.js';

const LATEST_SNAPSHOTS = `
SELECT DISTINCT ON (message_id) message_id, sha256, reactions
FROM reaction_snapshots
WHERE message_id = ANY($1::text[])
ORDER BY message_id, observed_at DESC, id DESC`;

const INSERT_SNAPSHOTS = `
INSERT INTO reaction_snapshots (message_id, reactions, sha256, previous_sha256, observed_at)
SELECT t.message_id, t.reactions::jsonb, t.sha256, t.previous_sha256, $5
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(message_id, reactions, sha256, previous_sha256)
ON CONFLICT (message_id, sha256) DO NOTHING`;

const INSERT_FILES = `
INSERT INTO archived_files (file_id, message_id, file_name, file_size, download_url, status, attempts, first_seen_at)
SELECT t.file_id, t.message_id, t.file_name, t.file_size, nullif(t.download_url, ''), 'pending', 0, $6
FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])
       AS t(file_id, message_id, file_name, file_size, download_url)
ON CONFLICT (file_id) DO NOTHING
RETURNING file_id`;

interface LatestSnapshot {
  message_id: string;
  sha256: string;
  reactions: ZoomReaction[];
}

/**
 * Adds a snapshot for each message whose reactions differ from its latest one. A message never seen with
 * reactions gets no empty snapshot: "none known" and "none" read the same.
 */
export async function recordReactions(client: PoolClient, rows: ReactionRow[], observedAt: Date): Promise<void> {
  if (rows.length === 0) return;
  const latest = await client.query<LatestSnapshot>(LATEST_SNAPSHOTS, [rows.map((r) => r.messageId)]);
  const latestById = new Map(latest.rows.map((s) => [s.message_id, s]));
  const changed = rows.flatMap((row) => {
    const previous = latestById.get(row.messageId);
    if (!previous && row.reactions.length === 0) return [];
    if (previous && canonicalReactions(previous.reactions) === canonicalReactions(row.reactions)) return [];
    const previousSha = previous?.sha256 ?? null;
    return [{ ...row, previousSha, sha256: reactionSnapshotSha256(row.messageId, row.reactions, previousSha) }];
  });
  if (changed.length === 0) return;
  await client.query(INSERT_SNAPSHOTS, [
    changed.map((r) => r.messageId),
    changed.map((r) => JSON.stringify(r.reactions)),
    changed.map((r) => r.sha256),
    changed.map((r) => r.previousSha),
    observedAt.toISOString(),
  ]);
}

/** Inserts files not known yet as pending downloads; returns the ids inserted by this call. */
export async function insertFiles(client: PoolClient, rows: FileRow[], observedAt: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const result = await client.query<{ file_id: string }>(INSERT_FILES, [
    rows.map((r) => r.fileId),
    rows.map((r) => r.messageId),
    rows.map((r) => r.fileName),
    rows.map((r) => (r.fileSize === null ? null : String(r.fileSize))),
    rows.map((r) => r.downloadUrl),
    observedAt.toISOString(),
  ]);
  return new Set(result.rows.map((r) => r.file_id));
}
