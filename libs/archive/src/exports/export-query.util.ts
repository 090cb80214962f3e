import type { ResolvedMessageFilters } from '../selection/message-filters.types.js';
import { messageFilterSql, textMatchSql } from '../selection/message-filters.util.js';
import { InlineSqlParams } from '../selection/sql-params.util.js';
import type { ExportFormat } from './export-format.types.js';

/** The messages an export selects: resolved search filters and the parsed text query, or nothing at all. */
export interface ExportSelection {
  filters: ResolvedMessageFilters;
  /** Postgres' reading of `q`; null without a text query. */
  tsquery: string | null;
  /** A filter matched nobody (an unknown sender, a channel without sessions): the export has no rows. */
  empty: boolean;
}

/** The column order of each CSV format, schema version 1 (EXPORT_SCHEMA_VERSION); never reordered, only appended. */
export const CSV_COLUMNS: Record<Exclude<ExportFormat, 'jsonl'>, readonly string[]> = {
  'messages.csv': [
    'message_id',
    'session_id',
    'session_type',
    'session_name',
    'channel_id',
    'sender_member_id',
    'sender_email',
    'sender_display_name',
    'sender_external',
    'bot',
    'sent_at_utc',
    'sent_at_local',
    'time_zone',
    'status',
    'edit_count',
    'deleted_at_utc',
    'deleted_at_local',
    'reply_to_message_id',
    'has_files',
    'original_text',
    'current_text',
  ],
  'changes.csv': [
    'message_id',
    'session_id',
    'channel_id',
    'sender_member_id',
    'sender_email',
    'sender_display_name',
    'message_sent_at_utc',
    'event_seq',
    'event',
    'event_at_utc',
    'event_at_local',
    'time_zone',
    'original_text',
    'previous_text',
    'text',
    'reactions',
    'observed_at_utc',
    'sha256',
  ],
};

const UTC = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** to_char renders a timestamptz in the session's TimeZone, which the reader sets to the export's zone. */
const LOCAL = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS.MSTZH:TZM')`;
const ZONE = `current_setting('TimeZone')`;
const STATUS = `CASE WHEN m.deleted_at IS NOT NULL THEN 'deleted' WHEN m.edit_count > 0 THEN 'edited' ELSE 'active' END`;

/**
 * OWASP CSV injection: a cell starting with = + - @ TAB or CR gets a leading apostrophe, so a spreadsheet shows
 * it as text instead of running it. Applied to every text cell; JSONL keeps the bytes as they are.
 */
function guarded(expr: string, guard: boolean): string {
  if (!guard) return expr;
  return `CASE WHEN left(${expr}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${expr} ELSE ${expr} END`;
}

/** The WHERE of the selection, values inlined (COPY takes no bind parameters). */
export function selectionWhereSql(selection: ExportSelection): string {
  if (selection.empty) return 'WHERE false';
  const params = new InlineSqlParams();
  const where = messageFilterSql(selection.filters, params);
  if (selection.tsquery) where.push(textMatchSql(selection.tsquery, params));
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** The SELECT of one format, in (sent_at, id) order — the order of the ix_messages_sent index. */
export function exportSelectSql(format: ExportFormat, selection: ExportSelection, formulaGuard: boolean): string {
  const where = selectionWhereSql(selection);
  if (format === 'messages.csv') return messagesSql(where, formulaGuard);
  if (format === 'changes.csv') return changesSql(where, formulaGuard);
  return jsonlSql(where);
}

export function copyCsvSql(select: string): string {
  return `COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`;
}

function messagesSql(where: string, guard: boolean): string {
  const g = (expr: string) => guarded(expr, guard);
  return `SELECT ${g('m.id')} AS message_id, ${g('m.session_id')} AS session_id, ${g('s.type')} AS session_type,
  ${g('s.name')} AS session_name, ${g('s.channel_id')} AS channel_id, ${g('m.sender_member_id')} AS sender_member_id,
  ${g('m.sender_email')} AS sender_email, ${g('m.sender_display_name')} AS sender_display_name,
  m.is_sender_external::text AS sender_external, m.is_bot::text AS bot,
  ${UTC('m.sent_at')} AS sent_at_utc, ${LOCAL('m.sent_at')} AS sent_at_local, ${ZONE} AS time_zone,
  ${STATUS} AS status, m.edit_count AS edit_count,
  ${UTC('m.deleted_at')} AS deleted_at_utc, ${LOCAL('m.deleted_at')} AS deleted_at_local,
  ${g('m.reply_main_message_id')} AS reply_to_message_id, m.has_files::text AS has_files,
  ${g('m.original_text')} AS original_text, ${g('m.current_text')} AS current_text
FROM messages m LEFT JOIN chat_sessions s ON s.id = m.session_id
${where}
ORDER BY m.sent_at, m.id`;
}

/**
 * One row per event of a message's life, keyed by the stable message id (as Mattermost's compliance export):
 * created, each edit (with the text before and after), the deletion (with the text deleted), and each
 * observed change of its reactions. Events in the order they happened; a version's text before is the
 * previous version's.
 */
function changesSql(where: string, guard: boolean): string {
  const g = (expr: string) => guarded(expr, guard);
  return `SELECT ${g('m.id')} AS message_id, ${g('m.session_id')} AS session_id, ${g('s.channel_id')} AS channel_id,
  ${g('m.sender_member_id')} AS sender_member_id, ${g('m.sender_email')} AS sender_email,
  ${g('m.sender_display_name')} AS sender_display_name, ${UTC('m.sent_at')} AS message_sent_at_utc,
  e.seq AS event_seq, e.event AS event, ${UTC('e.at')} AS event_at_utc, ${LOCAL('e.at')} AS event_at_local,
  ${ZONE} AS time_zone, ${g('m.original_text')} AS original_text, ${g('e.previous_text')} AS previous_text,
  ${g('e.text')} AS text, ${g('e.reactions')} AS reactions, ${UTC('e.observed_at')} AS observed_at_utc,
  e.sha256 AS sha256
FROM messages m LEFT JOIN chat_sessions s ON s.id = m.session_id
CROSS JOIN LATERAL (
  SELECT row_number() OVER (ORDER BY x.at, x.ord, x.id) AS seq, x.* FROM (
    SELECT CASE v.kind WHEN 'original' THEN 'created' ELSE v.kind END AS event, v.action_at AS at, 0 AS ord, v.id,
           lag(v.text) OVER (ORDER BY v.action_ts, v.id) AS previous_text, v.text, NULL::text AS reactions,
           v.observed_at, v.sha256
    FROM message_versions v WHERE v.message_id = m.id
    UNION ALL
    SELECT 'reaction', r.observed_at, 1, r.id, NULL, NULL, r.reactions::text, r.observed_at, r.sha256
    FROM reaction_snapshots r WHERE r.message_id = m.id
  ) x
) e
${where}
ORDER BY m.sent_at, m.id, e.seq`;
}

/** One JSON object per message with every version (raw payload and hash), reactions and files: lossless. */
function jsonlSql(where: string): string {
  return `SELECT json_build_object(
  'schema_version', 1, 'message_id', m.id, 'zoom_id', m.zoom_id, 'account_id', m.account_id,
  'session_id', m.session_id, 'session_type', s.type, 'session_name', s.name, 'channel_id', s.channel_id,
  'sender', json_build_object('member_id', m.sender_member_id, 'email', m.sender_email,
                              'display_name', m.sender_display_name, 'external', m.is_sender_external),
  'bot', m.is_bot, 'receiver', m.receiver, 'sent_at', ${UTC('m.sent_at')}, 'sent_at_local', ${LOCAL('m.sent_at')},
  'time_zone', ${ZONE}, 'reply_main_message_id', m.reply_main_message_id, 'forward_id', m.forward_id,
  'status', ${STATUS}, 'edit_count', m.edit_count, 'deleted_at', ${UTC('m.deleted_at')},
  'original_text', m.original_text, 'current_text', m.current_text, 'has_files', m.has_files,
  'versions', (SELECT coalesce(json_agg(json_build_object(
      'kind', v.kind, 'action_ts', v.action_ts, 'action_at', ${UTC('v.action_at')},
      'observed_at', ${UTC('v.observed_at')}, 'text', v.text, 'files', v.files, 'raw', v.raw, 'sha256', v.sha256)
      ORDER BY v.action_ts, v.id), '[]') FROM message_versions v WHERE v.message_id = m.id),
  'reactions', (SELECT coalesce(json_agg(json_build_object(
      'observed_at', ${UTC('r.observed_at')}, 'reactions', r.reactions, 'sha256', r.sha256,
      'previous_sha256', r.previous_sha256) ORDER BY r.id), '[]') FROM reaction_snapshots r WHERE r.message_id = m.id),
  'files', (SELECT coalesce(json_agg(json_build_object(
      'file_id', f.file_id, 'file_name', f.file_name, 'file_size', f.file_size, 'content_sha256', f.content_sha256,
      'status', f.status, 'warning', f.warning) ORDER BY f.file_id), '[]') FROM archived_files f WHERE f.message_id = m.id)
)::text AS line
FROM messages m LEFT JOIN chat_sessions s ON s.id = m.session_id
${where}
ORDER BY m.sent_at, m.id`;
}
