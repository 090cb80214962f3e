import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../api.tokens.js';
import type { LexemeFrequencies } from './tsquery-selectivity.util.js';

export interface SearchStatistics {
  lexemes: LexemeFrequencies | null;
  versions: number;
  messages: number;
  readAt: number;
}

/** Statistics change with ANALYZE (autovacuum), not per request. */
const STATISTICS_TTL_MS = 60_000;

/** Row counts are the planner's (reltuples: -1 before the first ANALYZE, read as 0). */
const STATISTICS = `
SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs::float8[] AS freqs,
       greatest((SELECT reltuples FROM pg_class WHERE oid = 'message_versions'::regclass), 0)::float8 AS versions,
       greatest((SELECT reltuples FROM pg_class WHERE oid = 'messages'::regclass), 0)::float8 AS messages
FROM (SELECT 1) AS one
LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'message_versions' AND s.attname = 'search'`;

/**
 * The lexeme statistics of message_versions.search and the table sizes, read from pg_stats / pg_class and
 * kept in memory: search plans are chosen from them without asking the planner on every request.
 */
@Injectable()
export class SearchStatisticsRepository {
  private cached: SearchStatistics | null = null;
  private refreshing: Promise<SearchStatistics> | null = null;

  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  /** Stale statistics are served while fresh ones load: only the first search of the process waits. */
  async current(): Promise<SearchStatistics> {
    const stale = this.cached !== null && Date.now() - this.cached.readAt >= STATISTICS_TTL_MS;
    if ((this.cached === null || stale) && this.refreshing === null) {
      this.refreshing = this.loadStatistics().finally(() => {
        this.refreshing = null;
      });
      // A failed background refresh keeps the stale statistics; the next search tries again.
      this.refreshing.catch(() => undefined);
    }
    return this.cached ?? (await this.refreshing!);
  }

  private async loadStatistics(): Promise<SearchStatistics> {
    const [row] =
      await this.db.query<{ elems: string[] | null; freqs: number[] | null; versions: number; messages: number }[]>(
        STATISTICS,
      );
    const elems = row.elems ?? [];
    const freqs = row.freqs ?? [];
    // The frequencies list ends with the smallest and largest frequency after one entry per lexeme.
    const lexemes: LexemeFrequencies | null = elems.length
      ? { frequencies: new Map(elems.map((e, i) => [e, freqs[i]])), minFrequency: freqs[elems.length] ?? 0 }
      : null;
    this.cached = { lexemes, versions: row.versions, messages: row.messages, readAt: Date.now() };
    return this.cached;
  }
}
