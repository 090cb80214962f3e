/**
 * What a search or an export selects, after validation: the same filters select the same messages wherever
 * they are used (GET /messages/search, exports, GET /reports/messages.csv).
 */
export interface MessageFilters {
  /** Inclusive lower bound of sent_at. */
  from?: Date;
  /** Exclusive upper bound of sent_at. */
  to?: Date;
  /** Email (any case) or member id of the sender. */
  sender?: string;
  /** Email or member id of someone in the conversation; see MessageFilterRepository.participantSessions. */
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

/** Filters whose people and conversations were looked up first, so the main statement gets plain id lists. */
export interface ResolvedMessageFilters extends MessageFilters {
  senderIds?: string[];
  sessionIds?: string[];
}

/** The look-ups that turn people and conversations into id lists (MessageFilterRepository implements them). */
export interface MessageFilterLookups {
  senderIds(sender: string): Promise<string[]>;
  channelSessions(channelId: string): Promise<string[]>;
  participantSessions(participant: string): Promise<string[]>;
}
