import { Injectable } from '@nestjs/common';
import { resolveMessageFilters } from '#libs/archive';
import { ApiError } from '../common/api.error.js';
import { decodeCursor, encodeCursor, hasExactKeys } from '../common/cursor.util.js';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto.js';
import { isKeyText, isMicroTimestamp } from './cursor-fields.util.js';
import { dateParam } from './date-param.util.js';
import { messageStatus } from '../messages/message-status.util.js';
import type { SearchHitDto } from './search-hit.dto.js';
import type { SearchMessagesQueryDto } from './search-messages-query.dto.js';
import type { MessageKey, ResolvedFilters, SearchQuery, SortOrder } from './search-query.js';
import { type SearchRow, SearchRepository } from './search.repository.js';
import { type SearchPlan, type SearchStrategy, chooseStrategy } from './search-strategy.util.js';

export interface SearchPage {
  data: SearchHitDto[];
  next_cursor: string | null;
  /** How the page was found; for the benchmark and logs, not part of the response. */
  strategy?: SearchStrategy | 'filters';
}

interface SearchCursor {
  k: 'search';
  s: SortOrder;
  t: string;
  id: string;
}

function isSearchCursor(value: unknown): value is SearchCursor {
  return (
    hasExactKeys(value, ['k', 's', 't', 'id']) &&
    value.k === 'search' &&
    (value.s === 'newest' || value.s === 'oldest') &&
    isMicroTimestamp(value.t) &&
    isKeyText(value.id)
  );
}

@Injectable()
export class SearchService {
  constructor(private readonly repository: SearchRepository) {}

  async search(dto: SearchMessagesQueryDto): Promise<SearchPage> {
    const { data, next_cursor } = await this.run(toSearchQuery(dto));
    return { data, next_cursor };
  }

  /** The whole search as the API runs it, from a validated query. */
  async run(query: SearchQuery): Promise<SearchPage> {
    // Independent look-ups, one round trip's wait instead of several.
    const [tsquery, resolved] = await Promise.all([
      query.q === undefined ? '' : this.repository.parseQuery(query.q),
      this.resolve(query),
    ]);
    if (query.q !== undefined && !tsquery) {
      throw ApiError.invalid('q', 'has no searchable word (only punctuation or operators)');
    }
    if (!resolved) return { data: [], next_cursor: null, strategy: 'filters' };
    const plan = await this.plan(tsquery, resolved, query.limit);
    const rows = await this.repository.page({ ...query, ...resolved }, tsquery, plan);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toHit),
      next_cursor:
        rows.length > query.limit ? encodeCursor({ k: 'search', s: query.sort, t: last.sent_key, id: last.id }) : null,
      strategy: tsquery ? plan.strategy : 'filters',
    };
  }

  private async plan(tsquery: string, resolved: ResolvedFilters, limit: number): Promise<SearchPlan> {
    if (!tsquery) return { strategy: 'walk', indexQuery: null };
    const estimate = await this.repository.estimate(tsquery, resolved);
    return { strategy: chooseStrategy(estimate, limit), indexQuery: estimate.indexQuery };
  }

  /** People and conversations to id lists; null when a filter matches nobody, so nothing can be found. */
  private resolve(query: SearchQuery): Promise<ResolvedFilters | null> {
    return resolveMessageFilters(query, this.repository);
  }
}

export function toSearchQuery(dto: SearchMessagesQueryDto): SearchQuery {
  const sort = dto.sort ?? 'newest';
  const from = dateParam('from', dto.from);
  const to = dateParam('to', dto.to);
  if (from && to && from > to) throw ApiError.invalid('to', 'must not be before from');
  let after: MessageKey | undefined;
  if (dto.cursor !== undefined) {
    const cursor = decodeCursor(dto.cursor, isSearchCursor);
    if (cursor.s !== sort) throw ApiError.invalid('cursor', 'was issued for the other sort order');
    after = { sentAt: cursor.t, id: cursor.id };
  }
  return {
    q: dto.q,
    from,
    to,
    sender: dto.sender,
    participant: dto.participant,
    session: dto.session,
    channel: dto.channel,
    sessionType: dto.session_type,
    hasFiles: dto.has_files,
    edited: dto.edited,
    deleted: dto.deleted,
    external: dto.external,
    bot: dto.bot,
    sort,
    limit: dto.limit ?? DEFAULT_PAGE_SIZE,
    after,
  };
}

export function toHit(row: SearchRow): SearchHitDto {
  return {
    id: row.id,
    session_id: row.session_id,
    session_type: row.session_type,
    channel_id: row.channel_id,
    sender: {
      member_id: row.sender_member_id,
      email: row.sender_email,
      display_name: row.sender_display_name,
      external: row.is_sender_external,
    },
    sent_at: row.sent_at.toISOString(),
    current_text: row.current_text,
    status: messageStatus(row),
    matched_version:
      row.matched_kind && row.matched_action_at && row.matched_text !== null && row.matched_highlighted !== null
        ? {
            kind: row.matched_kind,
            action_at: row.matched_action_at.toISOString(),
            text: row.matched_text,
            highlighted: row.matched_highlighted,
          }
        : null,
  };
}
