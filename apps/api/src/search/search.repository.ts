import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { MessageFilterRepository } from '#libs/archive';
import { DATA_SOURCE } from '../api.tokens.js';
import { keysetSql, messageFilterSql, orderSql } from './message-filters.util.js';
import type { ResolvedFilters, SearchQuery } from './search-query.js';
import type { SearchEstimate, SearchPlan } from './search-strategy.util.js';
import { indexQuery } from './index-query.util.js';
import { SqlParams } from './sql-params.util.js';
import { SearchStatisticsRepository } from './search-statistics.repository.js';
import { tsquerySelectivity } from './tsquery-selectivity.util.js';

/** One hit as read from the database; matched_* are null without q. */
export interface SearchRow {
  id: string;
  session_id: string;
  session_type: string | null;
  channel_id: string | null;
  sender_member_id: string;
  sender_email: string;
  sender_display_name: string;
  is_sender_external: boolean;
  sent_at: Date;
  /** sent_at to the microsecond, for the cursor. */
  sent_key: string;
  current_text: string;
  edit_count: number;
  deleted_at: Date | null;
  matched_kind: 'original' | 'edited' | 'deleted' | null;
  matched_action_at: Date | null;
  matched_text: string | null;
  matched_highlighted: string | null;
}

/** What ts_headline puts around matched words; documented in the API. Nothing else in the text is escaped. */
export const HIGHLIGHT_START = '<mark>';
export const HIGHLIGHT_STOP = '</mark>';
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;

/** Timestamps as cursors carry them: UTC, microseconds, so two rows in the same millisecond stay apart. */
const KEY = `to_char(m.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

@Injectable()
export class SearchRepository {
  private readonly filters: MessageFilterRepository;

  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    private readonly statistics: SearchStatisticsRepository,
  ) {
    this.filters = new MessageFilterRepository(db);
  }

  /** The query as Postgres reads it (websearch syntax, simple configuration); '' when nothing searchable is left. */
  parseQuery(q: string): Promise<string> {
    return this.filters.parseQuery(q);
  }

  /** Member ids of a sender given by member id, or by email in any case (one person may have several ids). */
  senderIds(sender: string): Promise<string[]> {
    return this.filters.senderIds(sender);
  }

  /** Sessions a person took part in (MessageFilterRepository.participantSessions). */
  participantSessions(participant: string): Promise<string[]> {
    return this.filters.participantSessions(participant);
  }

  channelSessions(channelId: string): Promise<string[]> {
    return this.filters.channelSessions(channelId);
  }

  /**
   * Row estimates without reading rows: matches from the cached lexeme statistics, messages passing the
   * filters from the planner (EXPLAIN, no tsquery in it, so no statistics detoast).
   */
  async estimate(tsquery: string, filters: ResolvedFilters): Promise<SearchEstimate & { indexQuery: string | null }> {
    const params = new SqlParams();
    const where = messageFilterSql(filters, params);
    const [stats, filtered] = await Promise.all([
      this.statistics.current(),
      where.length ? this.plannedRows(`SELECT 1 FROM messages m WHERE ${where.join(' AND ')}`, params.values) : null,
    ]);
    const index = indexQuery(tsquery, stats.lexemes);
    const matches = tsquerySelectivity(tsquery, stats.lexemes) * stats.versions;
    return {
      matches,
      candidates: index === null ? matches : tsquerySelectivity(index, stats.lexemes) * stats.versions,
      filtered: filtered ?? stats.messages,
      total: stats.messages,
      indexQuery: index,
    };
  }

  private async plannedRows(sql: string, params: unknown[]): Promise<number> {
    const [row] = await this.db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      params,
    );
    return row['QUERY PLAN'][0].Plan['Plan Rows'];
  }

  /** One page (limit + 1 rows, to know whether another follows) with the first matching version of each hit. */
  async page(query: SearchQuery & ResolvedFilters, tsquery: string, plan: SearchPlan): Promise<SearchRow[]> {
    const params = new SqlParams();
    // A sub-select, not a constant: the planner then skips estimating the match (a detoast of the whole
    // lexeme statistics, 5-10 ms per clause with the raised target); the shape is forced below anyway.
    const q = tsquery ? `(SELECT ${params.add(tsquery, 'tsquery')})` : null;
    const where = [...messageFilterSql(query, params), ...keysetSql(query.sort, query.after, params)];
    const limit = params.add(query.limit + 1, 'int');
    const order = orderSql(query.sort);
    const hit = q && plan.strategy === 'index-first' ? this.hitSql(q, plan.indexQuery, params) : null;
    if (q && plan.strategy === 'walk') {
      // A scalar sub-select with LIMIT is never turned into a join: the planner must walk and check.
      where.push(`(SELECT true FROM message_versions v WHERE v.message_id = m.id AND v.search @@ ${q} LIMIT 1)`);
    }
    const matched = q
      ? `LEFT JOIN LATERAL (
           SELECT v.kind, v.action_at, v.text, ts_headline('simple', v.text, ${q}, '${HEADLINE_OPTIONS}') AS highlighted
           FROM message_versions v WHERE v.message_id = m.id AND v.search @@ ${q}
           ORDER BY v.action_ts, v.id LIMIT 1) mv ON true`
      : `LEFT JOIN LATERAL (SELECT NULL::text AS kind, NULL::timestamptz AS action_at, NULL::text AS text,
                                   NULL::text AS highlighted) mv ON true`;
    const sql = `
      WITH ${hit ? `hit AS MATERIALIZED (${hit}),` : ''}
      page AS MATERIALIZED (
        SELECT m.id FROM ${hit ? 'hit JOIN messages m ON m.id = hit.message_id' : 'messages m'}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT ${limit}
      )
      SELECT m.id, m.session_id, s.type AS session_type, s.channel_id, m.sender_member_id, m.sender_email,
             m.sender_display_name, m.is_sender_external, m.sent_at, ${KEY} AS sent_key, m.current_text, m.edit_count,
             m.deleted_at, mv.kind AS matched_kind, mv.action_at AS matched_action_at, mv.text AS matched_text,
             mv.highlighted AS matched_highlighted
      FROM page JOIN messages m ON m.id = page.id
      LEFT JOIN chat_sessions s ON s.id = m.session_id
      ${matched}
      ORDER BY ${order}`;
    return this.db.query<SearchRow[]>(sql, params.values);
  }

  /**
   * Messages with a matching version, from the GIN index. With a weaker index query the index reads only
   * its postings; ts_match_vq (the function behind @@, which the planner never turns into an index
   * condition) then applies the full query to each candidate row.
   */
  private hitSql(q: string, index: string | null, params: SqlParams): string {
    if (index === null) return `SELECT DISTINCT v.message_id FROM message_versions v WHERE v.search @@ ${q}`;
    return `SELECT DISTINCT v.message_id FROM message_versions v
            WHERE v.search @@ (SELECT ${params.add(index, 'tsquery')}) AND ts_match_vq(v.search, ${q})`;
  }
}
