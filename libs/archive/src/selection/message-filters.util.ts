import type { ResolvedMessageFilters } from './message-filters.types.js';
import type { SqlParams } from './sql-params.util.js';

/**
 * SQL conditions on `messages m` for the search filters. Each is written so an existing index can serve
 * it: the partial indexes ix_messages_edited / ix_messages_deleted for `edited` / `deleted`, the
 * (session_id, sent_at, id) and (sender_member_id, sent_at) indexes for id lists.
 */
export function messageFilterSql(f: ResolvedMessageFilters, params: SqlParams): string[] {
  const where: string[] = [];
  if (f.from) where.push(`m.sent_at >= ${params.add(f.from.toISOString(), 'timestamptz')}`);
  if (f.to) where.push(`m.sent_at < ${params.add(f.to.toISOString(), 'timestamptz')}`);
  if (f.senderIds) where.push(inList('m.sender_member_id', f.senderIds, params));
  if (f.sessionIds) where.push(inList('m.session_id', f.sessionIds, params));
  if (f.sessionType) {
    where.push(`m.session_id IN (SELECT s.id FROM chat_sessions s WHERE s.type = ${params.add(f.sessionType)})`);
  }
  if (f.hasFiles !== undefined) where.push(f.hasFiles ? 'm.has_files' : 'NOT m.has_files');
  if (f.edited !== undefined) where.push(f.edited ? 'm.edit_count > 0' : 'm.edit_count = 0');
  if (f.deleted !== undefined) where.push(f.deleted ? 'm.deleted_at IS NOT NULL' : 'm.deleted_at IS NULL');
  if (f.external !== undefined) where.push(f.external ? 'm.is_sender_external' : 'NOT m.is_sender_external');
  if (f.bot !== undefined) where.push(f.bot ? 'm.is_bot' : 'NOT m.is_bot');
  return where;
}

/** A message matches a text query when any of its versions (original, edits, deletion) does, as in search. */
export function textMatchSql(tsquery: string, params: SqlParams): string {
  return `EXISTS (SELECT 1 FROM message_versions v WHERE v.message_id = m.id AND v.search @@ ${params.add(tsquery, 'tsquery')})`;
}

/**
 * One id as an equality: only then does Postgres read the (id, sent_at, …) index in sent order and stop at
 * the page size; `= ANY` of a one-element array makes it sort everything the id has.
 */
function inList(column: string, ids: string[], params: SqlParams): string {
  return ids.length === 1 ? `${column} = ${params.add(ids[0])}` : `${column} = ANY(${params.add(ids, 'text[]')})`;
}
