import type { DataSource } from 'typeorm';
import type { MessageFilterLookups } from './message-filters.types.js';

/** The look-ups behind the message filters, shared by search, exports and reports. */
export class MessageFilterRepository implements MessageFilterLookups {
  constructor(private readonly db: DataSource) {}

  /** The query as Postgres reads it (websearch syntax, simple configuration); '' when nothing searchable is left. */
  async parseQuery(q: string): Promise<string> {
    const [row] = await this.db.query<{ query: string; nodes: number }[]>(
      `SELECT websearch_to_tsquery('simple', $1)::text AS query, numnode(websearch_to_tsquery('simple', $1)) AS nodes`,
      [q],
    );
    return row.nodes > 0 ? row.query : '';
  }

  /** Member ids of a sender given by member id, or by email in any case (one person may have several ids). */
  async senderIds(sender: string): Promise<string[]> {
    const rows = await this.db.query<{ member_id: string }[]>(
      `SELECT member_id FROM directory_users WHERE member_id = $1 OR (position('@' in $1) > 0 AND lower(email) = lower($1))
       UNION SELECT $1 WHERE position('@' in $1) = 0`,
      [sender],
    );
    return rows.map((r) => r.member_id);
  }

  /**
   * Sessions a person took part in: those where they sent a message, 1:1 sessions listing their email in
   * member_emails, and sessions of channels they are or were a member of (channel_members keeps removals).
   */
  async participantSessions(participant: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `WITH person AS (
         SELECT member_id, lower(email) AS email FROM directory_users
         WHERE member_id = $1 OR (position('@' in $1) > 0 AND lower(email) = lower($1))
         UNION SELECT $1, CASE WHEN position('@' in $1) > 0 THEN lower($1) END
       )
       SELECT s.id FROM chat_sessions s
       WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(s.member_emails) e, person p WHERE lower(e) = p.email)
       UNION
       SELECT s.id FROM chat_sessions s JOIN channel_members cm ON cm.channel_id = s.channel_id
       WHERE cm.member_id IN (SELECT member_id FROM person)
          OR (cm.email <> '' AND lower(cm.email) IN (SELECT email FROM person))
       UNION
       SELECT DISTINCT m.session_id FROM messages m WHERE m.sender_member_id IN (SELECT member_id FROM person)`,
      [participant],
    );
    return rows.map((r) => r.id);
  }

  async channelSessions(channelId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(`SELECT id FROM chat_sessions WHERE channel_id = $1`, [
      channelId,
    ]);
    return rows.map((r) => r.id);
  }
}
