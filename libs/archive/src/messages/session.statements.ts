import type { PoolClient } from 'pg';
import type { SessionRow } from './report-page.rows.js';

/**
 * Upserts sessions from the sessions report. Fields a listing leaves out (member_emails on channels,
 * has_external_member before 2025-04-17) keep their stored value: the merge happens in the SELECT because
 * EXCLUDED can only carry values that already satisfy NOT NULL.
 */
const UPSERT_SESSIONS = `
INSERT INTO chat_sessions AS s (id, account_id, type, name, channel_id, status, has_external_member, member_emails,
                                last_message_sent_at, first_seen_at, updated_at)
SELECT t.id, $1, t.type, coalesce(t.name, e.name, ''), coalesce(t.channel_id, e.channel_id),
       coalesce(t.status, e.status), coalesce(t.has_external, e.has_external_member, false),
       coalesce(t.member_emails::jsonb, e.member_emails, '[]'::jsonb), t.last_sent, $10, $10
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::timestamptz[])
       AS t(id, type, name, channel_id, status, has_external, member_emails, last_sent)
LEFT JOIN chat_sessions e ON e.id = t.id
ON CONFLICT (id) DO UPDATE SET
  type = EXCLUDED.type,
  name = EXCLUDED.name,
  channel_id = EXCLUDED.channel_id,
  status = EXCLUDED.status,
  has_external_member = EXCLUDED.has_external_member,
  member_emails = EXCLUDED.member_emails,
  last_message_sent_at = greatest(s.last_message_sent_at, EXCLUDED.last_message_sent_at),
  updated_at = EXCLUDED.updated_at
WHERE (s.type, s.name, s.channel_id, s.status, s.has_external_member, s.member_emails, s.last_message_sent_at)
  IS DISTINCT FROM (EXCLUDED.type, EXCLUDED.name, EXCLUDED.channel_id, EXCLUDED.status, EXCLUDED.has_external_member,
                    EXCLUDED.member_emails, greatest(s.last_message_sent_at, EXCLUDED.last_message_sent_at))`;

/**
 * A page only needs its session to exist (messages reference it). DO NOTHING takes no row lock, so pages of
 * the same session written at once do not queue behind each other; the listing keeps the session current.
 */
const ENSURE_SESSION = `
INSERT INTO chat_sessions (id, account_id, type, name, channel_id, status, has_external_member, member_emails,
                           last_message_sent_at, first_seen_at, updated_at)
VALUES ($1, $2, $3, coalesce($4, ''), $5, $6, coalesce($7, false), coalesce($8::jsonb, '[]'::jsonb), $9, $10, $10)
ON CONFLICT (id) DO NOTHING`;

export async function upsertSessions(
  client: PoolClient,
  accountId: string,
  rows: SessionRow[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await client.query(UPSERT_SESSIONS, [
    accountId,
    rows.map((r) => r.id),
    rows.map((r) => r.type),
    rows.map((r) => r.name),
    rows.map((r) => r.channelId),
    rows.map((r) => r.status),
    rows.map((r) => r.hasExternalMember),
    rows.map((r) => (r.memberEmails ? JSON.stringify(r.memberEmails) : null)),
    rows.map((r) => r.lastMessageSentAt?.toISOString() ?? null),
    now.toISOString(),
  ]);
}

export async function ensureSession(client: PoolClient, accountId: string, row: SessionRow, now: Date): Promise<void> {
  await client.query(ENSURE_SESSION, [
    row.id,
    accountId,
    row.type,
    row.name,
    row.channelId,
    row.status,
    row.hasExternalMember,
    row.memberEmails ? JSON.stringify(row.memberEmails) : null,
    row.lastMessageSentAt?.toISOString() ?? null,
    now.toISOString(),
  ]);
}

/** One row per session id (ON CONFLICT cannot touch a row twice in one statement), keeping the latest activity. */
export function dedupeSessions(rows: SessionRow[]): SessionRow[] {
  const byId = new Map<string, SessionRow>();
  for (const row of rows) {
    const known = byId.get(row.id);
    const last = [known?.lastMessageSentAt, row.lastMessageSentAt].reduce<Date | null>(
      (max, d) => (d && (!max || d > max) ? d : max),
      null,
    );
    byId.set(row.id, { ...row, lastMessageSentAt: last });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
