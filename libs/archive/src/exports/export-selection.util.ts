import type { MessageFilterRepository } from '../selection/message-filter.repository.js';
import type { MessageFilters } from '../selection/message-filters.types.js';
import { resolveMessageFilters } from '../selection/resolve-filters.util.js';
import type { StoredExportFilters } from './export-format.types.js';
import type { ExportSelection } from './export-query.util.js';

/** Stored (JSON) filters as the search filters they are. */
export function toMessageFilters(f: StoredExportFilters): MessageFilters {
  return {
    from: f.from === undefined ? undefined : new Date(f.from),
    to: f.to === undefined ? undefined : new Date(f.to),
    sender: f.sender,
    participant: f.participant,
    session: f.session,
    channel: f.channel,
    sessionType: f.session_type,
    hasFiles: f.has_files,
    edited: f.edited,
    deleted: f.deleted,
    external: f.external,
    bot: f.bot,
  };
}

/**
 * What an export selects, resolved as search resolves it: the same look-ups, the same text query parsing.
 * A `q` with nothing searchable selects nothing (the API refuses it before it gets here).
 */
export async function resolveExportSelection(
  stored: StoredExportFilters,
  filters: MessageFilterRepository,
): Promise<ExportSelection> {
  const [tsquery, resolved] = await Promise.all([
    stored.q === undefined ? null : filters.parseQuery(stored.q),
    resolveMessageFilters(toMessageFilters(stored), filters),
  ]);
  if (!resolved || tsquery === '') return { filters: {}, tsquery: null, empty: true };
  return { filters: resolved, tsquery, empty: false };
}
