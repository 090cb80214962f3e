/** What a search asks for, after validation: the service and the repository work on this, never on the DTO. */
export interface SearchFilters {
  /** Inclusive lower bound of sent_at. */
  from?: Date;
  /** Exclusive upper bound of sent_at. */
  to?: Date;
  /** Email (any case) or member id of the sender. */
  sender?: string;
  /** Email or member id of someone in the conversation; see participantSessions in search.repository.ts. */
  participant?: string;
  session?: string;
  channel?: string;
  sessionType?: '1:1' | 'Group';
  hasFiles?: boolean;
  edited?: boolean;
  deleted?: boolean;
  external?: boolean;
  bot?: boolean;
}

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
export interface ResolvedFilters extends SearchFilters {
  senderIds?: string[];
  sessionIds?: string[];
}
