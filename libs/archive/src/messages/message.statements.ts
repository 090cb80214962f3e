import type { PoolClient } from 'pg';
import { type CurrentView, currentViews } from './current-view.util.js';
import type { DirectoryUserRow, MessageRow, VersionRow } from './report-page.rows.js';

/** The columns' defaults: a message row without versions on its page (the refresh derives it). */
const EMPTY_VIEW: CurrentView = {
  currentText: '',
  originalText: null,
  versionCount: 0,
  editCount: 0,
  deletedAt: null,
  hasFiles: false,
};

const INSERT_USERS = `
INSERT INTO directory_users (member_id, email, email_ts, display_name, name_ts, is_external, first_seen_at, last_seen_at)
SELECT t.member_id, t.email, t.email_ts, t.display_name, t.name_ts, t.is_external, $7, $7
FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::boolean[])
       AS t(member_id, email, email_ts, display_name, name_ts, is_external)
ON CONFLICT (member_id) DO NOTHING`;

/**
 * A separate UPDATE rather than ON CONFLICT DO UPDATE: the latter locks every conflicting row even when its
 * WHERE is false, and a busy sender appears on pages of many sessions written at once. A row changes only
 * when the page says something new: a different email or name from a later action time than the stored
 * one's (empty values, as on anonymised rows, never win), external status, or last_seen_at, which moves at
 * most hourly. The same value seen again later does not move its time: that would rewrite the row on
 * nearly every page. The rows to change are locked first, in member_id order: an UPDATE … FROM joins in
 * whatever order its plan gives, and two pages locking the same senders in opposite orders deadlock.
 */
const REFRESH_USERS = `
WITH t AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::boolean[])
                AS t(member_id, email, email_ts, display_name, name_ts, is_external)
), changed AS (
  SELECT d.member_id FROM directory_users d JOIN t ON d.member_id = t.member_id
  WHERE d.last_seen_at < $7::timestamptz - interval '1 hour'
     OR (t.email <> '' AND t.email <> d.email AND t.email_ts > d.email_ts)
     OR (t.display_name <> '' AND t.display_name <> d.display_name AND t.name_ts > d.name_ts)
     OR (t.is_external AND NOT d.is_external)
  ORDER BY d.member_id
  FOR UPDATE OF d
)
UPDATE directory_users AS d SET
  email = CASE WHEN t.email <> '' AND t.email <> d.email AND t.email_ts > d.email_ts THEN t.email ELSE d.email END,
  email_ts = CASE WHEN t.email <> '' AND t.email <> d.email AND t.email_ts > d.email_ts
                  THEN t.email_ts ELSE d.email_ts END,
  display_name = CASE WHEN t.display_name <> '' AND t.display_name <> d.display_name AND t.name_ts > d.name_ts
                      THEN t.display_name ELSE d.display_name END,
  name_ts = CASE WHEN t.display_name <> '' AND t.display_name <> d.display_name AND t.name_ts > d.name_ts
                 THEN t.name_ts ELSE d.name_ts END,
  is_external = d.is_external OR t.is_external,
  last_seen_at = greatest(d.last_seen_at, $7)
FROM t, changed
WHERE d.member_id = t.member_id AND d.member_id = changed.member_id`;

/**
 * A new message is inserted with the current view its page's versions give (current-view.util.ts): all its
 * versions are on this page, so that view is the one the refresh would derive, and the row is written once.
 * An existing one keeps its view here; the statement returns which rows existed (xmax ≠ 0 after ON CONFLICT
 * DO UPDATE), and only those are refreshed.
 */
const UPSERT_MESSAGES = `
INSERT INTO messages AS m (id, zoom_id, account_id, session_id, sender_member_id, sender_email, sender_display_name,
                           receiver, is_sender_external, is_bot, sent_at, sent_ts, reply_main_message_id, forward_id,
                           first_observed_at, last_observed_at, current_text, original_text, version_count,
                           edit_count, deleted_at, has_files)
SELECT t.id, t.zoom_id, $1, $2, t.sender_member_id, t.sender_email, t.sender_display_name, t.receiver,
       t.is_sender_external, t.is_bot, t.sent_at, t.sent_ts, t.reply_id, t.forward_id, $3, $3,
       t.current_text, t.original_text, t.version_count, t.edit_count, t.deleted_at, t.has_files
FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::boolean[],
            $12::timestamptz[], $13::bigint[], $14::text[], $15::text[], $16::text[], $17::text[], $18::int[],
            $19::int[], $20::timestamptz[], $21::boolean[])
       AS t(id, zoom_id, sender_member_id, sender_email, sender_display_name, receiver, is_sender_external, is_bot,
            sent_at, sent_ts, reply_id, forward_id, current_text, original_text, version_count, edit_count,
            deleted_at, has_files)
ON CONFLICT (id) DO UPDATE SET
  sender_email = CASE WHEN EXCLUDED.sender_email <> '' THEN EXCLUDED.sender_email ELSE m.sender_email END,
  sender_display_name = CASE WHEN EXCLUDED.sender_display_name <> '' THEN EXCLUDED.sender_display_name
                             ELSE m.sender_display_name END,
  receiver = coalesce(EXCLUDED.receiver, m.receiver),
  is_sender_external = m.is_sender_external OR EXCLUDED.is_sender_external,
  is_bot = m.is_bot OR EXCLUDED.is_bot,
  reply_main_message_id = coalesce(EXCLUDED.reply_main_message_id, m.reply_main_message_id),
  forward_id = coalesce(EXCLUDED.forward_id, m.forward_id),
  first_observed_at = least(m.first_observed_at, EXCLUDED.first_observed_at),
  last_observed_at = greatest(m.last_observed_at, EXCLUDED.last_observed_at)
RETURNING m.id, (m.xmax = 0) AS inserted`;

const INSERT_VERSIONS = `
INSERT INTO message_versions (message_id, kind, action_ts, action_at, text, files, raw, sha256, observed_at, sync_run_id)
SELECT t.message_id, t.kind, t.action_ts, t.action_at, t.text, t.files::jsonb, t.raw::jsonb, t.sha256, $9, $10
FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS t(message_id, kind, action_ts, action_at, text, files, raw, sha256)
ON CONFLICT (message_id, sha256) DO NOTHING`;

/**
 * Re-derives the current view of the page's messages from all their versions, so the result does not
 * depend on the order pages arrive in. A message only ever seen deleted shows the text it was deleted with.
 */
const REFRESH_CURRENT_VIEW = `
UPDATE messages AS m SET
  current_text = d.current_text,
  original_text = d.original_text,
  version_count = d.version_count,
  edit_count = d.edit_count,
  deleted_at = d.deleted_at,
  has_files = d.has_files
FROM (
  SELECT v.message_id,
         coalesce((array_agg(v.text ORDER BY v.action_ts DESC, v.id DESC) FILTER (WHERE v.kind <> 'deleted'))[1],
                  (array_agg(v.text ORDER BY v.action_ts DESC, v.id DESC))[1]) AS current_text,
         (array_agg(v.text ORDER BY v.action_ts, v.id) FILTER (WHERE v.kind = 'original'))[1] AS original_text,
         count(*)::int AS version_count,
         (count(*) FILTER (WHERE v.kind = 'edited'))::int AS edit_count,
         min(v.action_at) FILTER (WHERE v.kind = 'deleted') AS deleted_at,
         coalesce(bool_or(jsonb_array_length(v.files) > 0), false) AS has_files
  FROM message_versions v
  WHERE v.message_id = ANY($1::text[])
  GROUP BY v.message_id
) AS d
WHERE m.id = d.message_id
  AND (m.current_text, m.original_text, m.version_count, m.edit_count, m.deleted_at, m.has_files)
      IS DISTINCT FROM (d.current_text, d.original_text, d.version_count, d.edit_count, d.deleted_at, d.has_files)`;

export async function upsertUsers(client: PoolClient, rows: DirectoryUserRow[], observedAt: Date): Promise<void> {
  if (rows.length === 0) return;
  const params = [
    rows.map((r) => r.memberId),
    rows.map((r) => r.email),
    rows.map((r) => String(r.emailTs)),
    rows.map((r) => r.displayName),
    rows.map((r) => String(r.nameTs)),
    rows.map((r) => r.isExternal),
    observedAt.toISOString(),
  ];
  await client.query(INSERT_USERS, params);
  await client.query(REFRESH_USERS, params);
}

export async function upsertMessages(
  client: PoolClient,
  accountId: string,
  sessionId: string,
  rows: MessageRow[],
  versions: VersionRow[],
  observedAt: Date,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const views = currentViews(versions);
  const view = (id: string) => views.get(id) ?? EMPTY_VIEW;
  const result = await client.query<{ id: string; inserted: boolean }>(UPSERT_MESSAGES, [
    accountId,
    sessionId,
    observedAt.toISOString(),
    rows.map((r) => r.id),
    rows.map((r) => r.zoomId),
    rows.map((r) => r.senderMemberId),
    rows.map((r) => r.senderEmail),
    rows.map((r) => r.senderDisplayName),
    rows.map((r) => r.receiver),
    rows.map((r) => r.isSenderExternal),
    rows.map((r) => r.isBot),
    rows.map((r) => r.sentAt.toISOString()),
    rows.map((r) => String(r.sentTs)),
    rows.map((r) => r.replyMainMessageId),
    rows.map((r) => r.forwardId),
    rows.map((r) => view(r.id).currentText),
    rows.map((r) => view(r.id).originalText),
    rows.map((r) => view(r.id).versionCount),
    rows.map((r) => view(r.id).editCount),
    rows.map((r) => view(r.id).deletedAt?.toISOString() ?? null),
    rows.map((r) => view(r.id).hasFiles),
  ]);
  return result.rows.filter((r) => !r.inserted).map((r) => r.id);
}

/** Returns how many versions were new. */
export async function insertVersions(
  client: PoolClient,
  rows: VersionRow[],
  observedAt: Date,
  runId: string | null,
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await client.query(INSERT_VERSIONS, [
    rows.map((r) => r.messageId),
    rows.map((r) => r.kind),
    rows.map((r) => String(r.actionTs)),
    rows.map((r) => r.actionAt.toISOString()),
    rows.map((r) => r.text),
    rows.map((r) => JSON.stringify(r.files)),
    rows.map((r) => JSON.stringify(r.raw)),
    rows.map((r) => r.sha256),
    observedAt.toISOString(),
    runId,
  ]);
  return result.rowCount ?? 0;
}

export async function refreshCurrentView(client: PoolClient, messageIds: string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await client.query(REFRESH_CURRENT_VIEW, [messageIds]);
}
