/** SQL of the channel sync: one statement per table per page or per channel (LIBRARIES-AND-PERFORMANCE §3). */

/** A channel read from Zoom is active; the row is rewritten only when something changed. */
export const UPSERT_CHANNEL = `
INSERT INTO channels AS c (id, account_id, name, type, status, settings, warning, warning_at, first_seen_at, updated_at)
VALUES ($1, $2, $3, $4, 'active', $5::jsonb, NULL, NULL, $6, $6)
ON CONFLICT (id) DO UPDATE SET
  account_id = EXCLUDED.account_id,
  name = EXCLUDED.name,
  type = EXCLUDED.type,
  status = 'active',
  settings = EXCLUDED.settings,
  warning = NULL,
  warning_at = NULL,
  updated_at = EXCLUDED.updated_at
WHERE (c.account_id, c.name, c.type, c.status, c.settings, c.warning)
  IS DISTINCT FROM (EXCLUDED.account_id, EXCLUDED.name, EXCLUDED.type, 'active', EXCLUDED.settings, NULL::text)`;

/**
 * Zoom answered 404 / 4130: the channel is gone. Its members stay as last seen (who could read it while it
 * existed); a channel never read before gets a row named after its report session.
 */
export const MARK_CHANNEL_DELETED = `
INSERT INTO channels AS c (id, account_id, name, status, first_seen_at, updated_at)
VALUES ($1, $2, coalesce((SELECT name FROM chat_sessions WHERE channel_id = $1 ORDER BY updated_at DESC LIMIT 1), ''),
        'deleted', $3, $3)
ON CONFLICT (id) DO UPDATE SET status = 'deleted', warning = NULL, warning_at = NULL, updated_at = EXCLUDED.updated_at
WHERE c.status IS DISTINCT FROM 'deleted' OR c.warning IS NOT NULL`;

/** Why a channel could not be read; a channel never read before gets a row so the warning has a home. */
export const RECORD_CHANNEL_WARNING = `
INSERT INTO channels AS c (id, account_id, name, warning, warning_at, first_seen_at, updated_at)
VALUES ($1, $2, coalesce((SELECT name FROM chat_sessions WHERE channel_id = $1 ORDER BY updated_at DESC LIMIT 1), ''),
        $3, $4, $4, $4)
ON CONFLICT (id) DO UPDATE SET warning = EXCLUDED.warning, warning_at = EXCLUDED.warning_at`;

/**
 * One page of members. Present members are current (removed_at cleared: seen again after a removal). Zoom
 * blanks the email and names of people it no longer shows; what was seen before is kept.
 */
export const UPSERT_MEMBERS = `
INSERT INTO channel_members AS cm (channel_id, member_id, user_id, email, display_name, role, is_external,
                                   first_seen_at, last_seen_at, removed_at)
SELECT $1, t.member_id, t.user_id, t.email, t.display_name, t.role, t.is_external, $8, $8, NULL
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
       AS t(member_id, user_id, email, display_name, role, is_external)
ON CONFLICT (channel_id, member_id) DO UPDATE SET
  user_id = coalesce(nullif(EXCLUDED.user_id, ''), cm.user_id),
  email = coalesce(nullif(EXCLUDED.email, ''), cm.email),
  display_name = coalesce(nullif(EXCLUDED.display_name, ''), cm.display_name),
  role = EXCLUDED.role,
  is_external = EXCLUDED.is_external,
  last_seen_at = greatest(cm.last_seen_at, EXCLUDED.last_seen_at),
  removed_at = NULL`;

/**
 * After a complete listing: current members it did not name have left (rows are kept, never deleted), and
 * the channel's membership is known as of then — both in one statement.
 */
export const COMPLETE_LISTING = `
WITH gone AS (
  UPDATE channel_members SET removed_at = $3
  WHERE channel_id = $1 AND removed_at IS NULL AND NOT (member_id = ANY ($2::text[]))
  RETURNING 1
), synced AS (
  UPDATE channels SET members_synced_at = $3 WHERE id = $1 RETURNING 1
)
SELECT (SELECT count(*) FROM gone)::int AS removed`;

/**
 * Channels the session reports named (channel and group-chat sessions), except those Zoom said are deleted.
 * \`onlyNew\` (second parameter) narrows them to channels never read, for the listing's discovery.
 */
export const REPORTED_CHANNELS = `
SELECT DISTINCT s.channel_id AS id
FROM chat_sessions s
LEFT JOIN channels c ON c.id = s.channel_id
WHERE s.account_id = $1 AND s.channel_id IS NOT NULL AND s.channel_id <> ''
  AND (c.status IS NULL OR c.status <> 'deleted')
  AND ($2::text[] IS NULL OR s.channel_id = ANY ($2::text[]))
  AND (NOT $3::boolean OR c.members_synced_at IS NULL)
ORDER BY 1`;

/**
 * Who can read a channel for an account-level app: Zoom answers only for a member (REFERENCE §3 #25, #19).
 * Current members from the last listing first (owner and admins, who stay longest), then the most recent
 * account senders of the channel's messages. Bots and people from other accounts cannot act.
 */
export const CHANNEL_READERS = `
WITH members AS (
  SELECT coalesce(nullif(email, ''), user_id) AS reader, 0 AS rank,
         CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END AS sub, last_seen_at AS at
  FROM channel_members
  WHERE channel_id = $1 AND removed_at IS NULL AND NOT is_external AND (user_id <> '' OR email <> '')
), recent AS (
  SELECT m.sender_email, m.sent_at
  FROM chat_sessions s
  CROSS JOIN LATERAL (
    SELECT sender_email, sent_at FROM messages
    WHERE session_id = s.id AND NOT is_bot AND NOT is_sender_external AND sender_email <> ''
    ORDER BY sent_at DESC LIMIT 500
  ) m
  WHERE s.channel_id = $1
), senders AS (
  SELECT sender_email AS reader, 1 AS rank, 0 AS sub, max(sent_at) AS at FROM recent GROUP BY sender_email
), ranked AS (
  SELECT DISTINCT ON (lower(reader)) reader, rank, sub, at FROM (SELECT * FROM members UNION ALL SELECT * FROM senders) r
  ORDER BY lower(reader), rank, sub, at DESC
)
SELECT reader, rank FROM ranked ORDER BY rank, sub, at DESC, reader LIMIT $2`;

/**
 * Whether the channel's messages are still being fetched: a session window of the channel pending or running.
 * Its senders, who can be asked to read the channel, are known only once they are in.
 */
export const CHANNEL_MESSAGES_PENDING = `
SELECT EXISTS (
  SELECT 1
  FROM chat_sessions s
  JOIN sync_windows w ON w.account_id = s.account_id AND w.session_id = s.id
  WHERE s.account_id = $1 AND s.channel_id = $2 AND w.status IN ('pending', 'running')
) AS pending`;
