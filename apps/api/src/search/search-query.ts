import type { MessageFilters, ResolvedMessageFilters } from '#libs/archive';

/** What a search asks for, after validation: the filters are the archive's, shared with exports. */
export type SearchFilters = MessageFilters;

export type SortOrder = 'newest' | 'oldest';

/** A position in (sent_at, id) order; sentAt is the database value to the microsecond. */
export interface MessageKey {
  sentAt: string;
  id: string;
}

export interface SearchQuery extends SearchFilters {
  /** Web-search syntax, matched against every version of a message. */
  q?: string;
  sort: SortOrder;
  limit: number;
  after?: MessageKey;
}

/** Filters whose people and conversations were looked up first, so the main statement gets plain id lists. */
export type ResolvedFilters = ResolvedMessageFilters;
