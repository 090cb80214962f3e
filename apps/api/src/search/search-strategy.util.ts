/**
 * How a text search finds its page. Both give the same rows; they differ in the work done:
 *
 * - `index-first`: every version matching `q` from the GIN index, joined to their messages, then sorted.
 *   Work grows with the number of matches, whatever the page size.
 * - `walk`: messages in (sent_at, id) order (or the order of a filter's index), each checked against its
 *   versions, until the page is full. Work grows with the rows walked: page size / share of messages that
 *   match, capped by how many messages the filters leave.
 *
 * The planner alone picks badly here: it over-estimates rare terms (LIBRARIES-AND-PERFORMANCE §4.3) and it
 * prices the per-message version check far below its real cost (a random index descent and heap fetch), so
 * it walks millions of rows for a term that matches a few thousand. We estimate the matches from the lexeme
 * statistics (tsquery-selectivity.util.ts), the filtered messages from the planner, and compare the work.
 */
export type SearchStrategy = 'index-first' | 'walk';

export interface SearchEstimate {
  /** Versions matching q (estimated from the lexeme statistics). */
  matches: number;
  /** Messages passing the filters (planner estimate; all messages without filters). */
  filtered: number;
  /** All messages (planner estimate). */
  total: number;
  /** Rows the index-first plan fetches: the matches of its index query (index-query.util.ts); ≥ matches. */
  candidates?: number;
}

/** How to run one search: the strategy, and for index-first the weaker query the GIN index answers. */
export interface SearchPlan {
  strategy: SearchStrategy;
  indexQuery: string | null;
}

/**
 * A walked row costs about as much as an index-first match (one random index descent and heap fetch each);
 * this factor keeps ties on the index-first side, whose cost does not depend on where matches sit in time.
 */
const WALK_COST = 1.5;

export function chooseStrategy(estimate: SearchEstimate, limit: number): SearchStrategy {
  // Before the first ANALYZE nothing is known: the index's work is bounded by the matches, a walk's is not.
  if (estimate.total <= 0) return 'index-first';
  const matches = Math.max(1, estimate.matches);
  const share = Math.min(1, matches / Math.max(1, estimate.total));
  const walked = Math.min(estimate.filtered, (limit + 1) / share);
  return walked * WALK_COST < Math.max(matches, estimate.candidates ?? 0) ? 'walk' : 'index-first';
}
