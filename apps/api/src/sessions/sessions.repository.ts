import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../api.tokens.js';
import { containsPattern } from '../search/like-pattern.util.js';
import { SqlParams } from '../search/sql-params.util.js';

export interface SessionRow {
  id: string;
  account_id: string;
  type: string;
  name: string;
  channel_id: string | null;
  status: string | null;
  has_external_member: boolean;
  member_emails: unknown;
  last_message_sent_at: Date | null;
  /** last_message_sent_at to the microsecond, for the cursor; null like it. */
  last_key: string | null;
  first_seen_at: Date;
  updated_at: Date;
}

export interface SessionFilter {
  type?: string;
  channel?: string;
  sessionIds?: string[];
  from?: Date;
  to?: Date;
  q?: string;
}

/** Sessions without a message time sort last; the cursor's null `t` stands for them. */
export interface SessionPosition {
  t: string | null;
  id: string;
}

export interface TranscriptRow {
  id: string;
  sender_member_id: string;
  sender_email: string;
  sender_display_name: string;
  is_sender_external: boolean;
  is_bot: boolean;
  sent_at: Date;
  sent_key: string;
  current_text: string;
  edit_count: number;
  deleted_at: Date | null;
  reply_main_message_id: string | null;
  has_files: boolean;
}

const MICROS = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  /** Most recently active first, then by id; sessions with no message time at the end. */
  list(filter: SessionFilter, after: SessionPosition | undefined, limit: number): Promise<SessionRow[]> {
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.type) where.push(`s.type = ${params.add(filter.type)}`);
    if (filter.channel) where.push(`s.channel_id = ${params.add(filter.channel)}`);
    if (filter.sessionIds) where.push(`s.id = ANY(${params.add(filter.sessionIds, 'text[]')})`);
    if (filter.from) where.push(`s.last_message_sent_at >= ${params.add(filter.from.toISOString(), 'timestamptz')}`);
    if (filter.to) where.push(`s.last_message_sent_at < ${params.add(filter.to.toISOString(), 'timestamptz')}`);
    if (filter.q) where.push(`s.name ILIKE ${params.add(containsPattern(filter.q))}`);
    if (after) {
      const id = params.add(after.id);
      where.push(
        after.t === null
          ? `(s.last_message_sent_at IS NULL AND s.id < ${id})`
          : `(s.last_message_sent_at IS NULL OR (s.last_message_sent_at, s.id) < (${params.add(after.t, 'timestamptz')}, ${id}))`,
      );
    }
    return this.db.query<SessionRow[]>(
      `SELECT s.id, s.account_id, s.type, s.name, s.channel_id, s.status, s.has_external_member, s.member_emails,
              s.last_message_sent_at, ${MICROS('s.last_message_sent_at')} AS last_key, s.first_seen_at, s.updated_at
       FROM chat_sessions s
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY s.last_message_sent_at DESC NULLS LAST, s.id DESC
       LIMIT ${params.add(limit, 'int')}`,
      params.values,
    );
  }

  async exists(id: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM chat_sessions WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** In the order things were said: (sent_at, id), served by the (session_id, sent_at, id) index. */
  transcript(
    sessionId: string,
    range: { from?: Date; to?: Date },
    after: { sentAt: string; id: string } | undefined,
    limit: number,
  ): Promise<TranscriptRow[]> {
    const params = new SqlParams();
    const where = [`m.session_id = ${params.add(sessionId)}`];
    if (range.from) where.push(`m.sent_at >= ${params.add(range.from.toISOString(), 'timestamptz')}`);
    if (range.to) where.push(`m.sent_at < ${params.add(range.to.toISOString(), 'timestamptz')}`);
    if (after) {
      where.push(`(m.sent_at, m.id) > (${params.add(after.sentAt, 'timestamptz')}, ${params.add(after.id)})`);
    }
    return this.db.query<TranscriptRow[]>(
      `SELECT m.id, m.sender_member_id, m.sender_email, m.sender_display_name, m.is_sender_external, m.is_bot,
              m.sent_at, ${MICROS('m.sent_at')} AS sent_key, m.current_text, m.edit_count, m.deleted_at,
              m.reply_main_message_id, m.has_files
       FROM messages m
       WHERE ${where.join(' AND ')}
       ORDER BY m.sent_at, m.id
       LIMIT ${params.add(limit, 'int')}`,
      params.values,
    );
  }
}
