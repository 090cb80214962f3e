import type { SqlParams } from '#libs/archive';
import type { MessageKey, SortOrder } from './search-query.js';

/** The filter conditions live in the archive library: exports and reports select with the same ones. */
export { messageFilterSql } from '#libs/archive';

/** Rows after `after` in the given order; the row comparison is what the (sent_at, id) index answers. */
export function keysetSql(sort: SortOrder, after: MessageKey | undefined, params: SqlParams): string[] {
  if (!after) return [];
  const op = sort === 'newest' ? '<' : '>';
  return [`(m.sent_at, m.id) ${op} (${params.add(after.sentAt, 'timestamptz')}, ${params.add(after.id)})`];
}

export function orderSql(sort: SortOrder): string {
  return sort === 'newest' ? 'm.sent_at DESC, m.id DESC' : 'm.sent_at ASC, m.id ASC';
}
