import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../api.tokens.js';

export interface MessageRow {
  id: string;
  zoom_id: string;
  account_id: string;
  session_id: string;
  session_type: string | null;
  session_name: string | null;
  channel_id: string | null;
  sender_member_id: string;
  sender_email: string;
  sender_display_name: string;
  is_sender_external: boolean;
  is_bot: boolean;
  receiver: string | null;
  sent_at: Date;
  reply_main_message_id: string | null;
  forward_id: string | null;
  current_text: string;
  original_text: string | null;
  version_count: number;
  edit_count: number;
  deleted_at: Date | null;
  has_files: boolean;
  first_observed_at: Date;
  last_observed_at: Date;
}

export interface VersionRow {
  kind: 'original' | 'edited' | 'deleted';
  action_at: Date;
  observed_at: Date;
  text: string;
  files: { file_id: string; file_name: string; file_size: number | null }[];
  sha256: string;
}

export interface ReactionRow {
  reactions: unknown[];
  sha256: string;
  observed_at: Date;
}

export interface FileRow {
  file_id: string;
  file_name: string;
  file_size: number | null;
  status: 'pending' | 'stored' | 'too_large' | 'failed' | null;
  content_sha256: string | null;
  warning: string | null;
}

export type MessageSummaryRow = Pick<
  MessageRow,
  | 'id'
  | 'sender_member_id'
  | 'sender_email'
  | 'sender_display_name'
  | 'is_sender_external'
  | 'sent_at'
  | 'current_text'
  | 'edit_count'
  | 'deleted_at'
>;

/** Most replies a thread lists inline; reply_count says how many there are. */
export const MAX_REPLIES = 200;

const SUMMARY = `m.id, m.sender_member_id, m.sender_email, m.sender_display_name, m.is_sender_external, m.sent_at,
                 m.current_text, m.edit_count, m.deleted_at`;

export interface MessageDetailRows {
  message: MessageRow;
  versions: VersionRow[];
  reactions: ReactionRow | null;
  files: FileRow[];
  parent: MessageSummaryRow | null;
  replies: MessageSummaryRow[];
  replyCount: number;
}

/**
 * Files named by any version of the message, with their download state. A file forwarded from another
 * message is stored once, under the message it was first seen on, hence the join on file_id alone.
 */
const FILES = `
WITH named AS (
  SELECT DISTINCT ON (f->>'file_id') f->>'file_id' AS file_id, f->>'file_name' AS file_name,
         (f->>'file_size')::float8 AS file_size
  FROM message_versions v,
       jsonb_array_elements(CASE WHEN jsonb_typeof(v.files) = 'array' THEN v.files ELSE '[]' END) f
  WHERE v.message_id = $1 AND f->>'file_id' IS NOT NULL
  ORDER BY f->>'file_id', v.action_ts DESC, v.id DESC
)
SELECT n.file_id, coalesce(nullif(a.file_name, ''), n.file_name, '') AS file_name,
       coalesce(a.file_size::float8, n.file_size) AS file_size, a.status, a.content_sha256, a.warning
FROM named n LEFT JOIN archived_files a ON a.file_id = n.file_id`;

/**
 * The whole history in one statement: one round trip, and one snapshot, so a page written meanwhile cannot
 * show a version list that disagrees with the current view beside it. Versions in the order things
 * happened; ties (same action time) in the order observed.
 */
const DETAIL = `
SELECT msg.id, msg.zoom_id, msg.account_id, msg.session_id, s.type AS session_type, s.name AS session_name,
       s.channel_id, msg.sender_member_id, msg.sender_email, msg.sender_display_name, msg.is_sender_external,
       msg.is_bot, msg.receiver, msg.sent_at, msg.reply_main_message_id, msg.forward_id, msg.current_text,
       msg.original_text, msg.version_count, msg.edit_count, msg.deleted_at, msg.has_files, msg.first_observed_at,
       msg.last_observed_at,
       (SELECT coalesce(json_agg(json_build_object('kind', v.kind, 'action_at', v.action_at, 'observed_at', v.observed_at,
                                                   'text', v.text, 'files', v.files, 'sha256', v.sha256)
                                 ORDER BY v.action_ts, v.id), '[]')
        FROM message_versions v WHERE v.message_id = msg.id) AS versions,
       (SELECT json_build_object('reactions', r.reactions, 'sha256', r.sha256, 'observed_at', r.observed_at)
        FROM reaction_snapshots r WHERE r.message_id = msg.id ORDER BY r.observed_at DESC, r.id DESC LIMIT 1)
         AS reactions,
       (SELECT coalesce(json_agg(f ORDER BY f.file_id), '[]') FROM (${FILES}) f) AS files,
       (SELECT row_to_json(p) FROM (SELECT ${SUMMARY} FROM messages m WHERE m.id = msg.reply_main_message_id) p)
         AS parent,
       (SELECT coalesce(json_agg(r ORDER BY r.sent_at, r.id), '[]')
        FROM (SELECT ${SUMMARY} FROM messages m WHERE m.reply_main_message_id = msg.id
              ORDER BY m.sent_at, m.id LIMIT ${MAX_REPLIES}) r) AS replies,
       (SELECT count(*)::int FROM messages r WHERE r.reply_main_message_id = msg.id) AS reply_count
FROM messages msg
LEFT JOIN chat_sessions s ON s.id = msg.session_id
WHERE msg.id = $1`;

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

interface DetailRow extends MessageRow {
  versions: Json<VersionRow>[];
  reactions: Json<ReactionRow> | null;
  files: FileRow[];
  parent: Json<MessageSummaryRow> | null;
  replies: Json<MessageSummaryRow>[];
  reply_count: number;
}

/** A message with its whole history, reactions, files and thread, read by its normalised id. */
@Injectable()
export class MessagesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  async detail(id: string): Promise<MessageDetailRows | null> {
    const [row] = await this.db.query<DetailRow[]>(DETAIL, [id]);
    if (!row) return null;
    const { versions, reactions, files, parent, replies, reply_count: replyCount, ...message } = row;
    return {
      message,
      versions: versions.map((v) => ({ ...v, action_at: new Date(v.action_at), observed_at: new Date(v.observed_at) })),
      reactions: reactions && { ...reactions, observed_at: new Date(reactions.observed_at) },
      files,
      parent: parent && summaryDates(parent),
      replies: replies.map(summaryDates),
      replyCount,
    };
  }

  /** One file of the message; null when no version of the message names it. */
  async file(messageId: string, fileId: string): Promise<FileRow | null> {
    const rows = await this.db.query<FileRow[]>(`SELECT * FROM (${FILES}) f WHERE f.file_id = $2`, [messageId, fileId]);
    return rows[0] ?? null;
  }
}

function summaryDates(s: Json<MessageSummaryRow>): MessageSummaryRow {
  return { ...s, sent_at: new Date(s.sent_at), deleted_at: s.deleted_at === null ? null : new Date(s.deleted_at) };
}
