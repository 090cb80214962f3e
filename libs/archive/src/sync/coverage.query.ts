import type { Pool } from 'pg';
import type { Coverage, FailedWindow } from './sync-state.types.js';

/** Failed windows and channel warnings listed at most. */
export const COVERAGE_LIST_LIMIT = 100;

/**
 * Days (horizon ≤ day < today, UTC) not fully archived. A day is archived when a session listing covering it
 * finished after the day ended (every session active that day was listed) and every `sent` window containing
 * it finished after the day ended too: a window completed mid-day has not seen the rest of that day.
 * Windows share a small grid of (from, to) pairs, hence DISTINCT ranges rather than one probe per window.
 */
const UNCOVERED = `
WITH days AS (
  SELECT d::date AS day
  FROM generate_series($2::date::timestamp, ($3::date - 1)::timestamp, interval '1 day') AS d
), listed AS (
  SELECT DISTINCT window_from AS lo, least(window_to, (completed_at AT TIME ZONE 'UTC')::date - 1) AS hi
  FROM session_list_windows
  WHERE account_id = $1 AND status = 'done' AND window_to >= $2::date
), gaps AS (
  SELECT DISTINCT CASE WHEN status = 'done' THEN greatest(window_from, (completed_at AT TIME ZONE 'UTC')::date)
                       ELSE window_from END AS lo,
                  window_to AS hi
  FROM sync_windows
  WHERE account_id = $1 AND mode = 'sent' AND window_to >= $2::date AND window_from < $3::date
    AND NOT (status = 'done' AND completed_at >= (window_to + 1)::timestamp AT TIME ZONE 'UTC')
), uncovered AS (
  SELECT day FROM days
  WHERE NOT EXISTS (SELECT 1 FROM listed WHERE day BETWEEN lo AND hi)
     OR EXISTS (SELECT 1 FROM gaps WHERE day BETWEEN lo AND hi)
)
SELECT (SELECT min(day) FROM uncovered)::text AS oldest,
       CASE WHEN NOT EXISTS (SELECT 1 FROM days) THEN NULL
            WHEN NOT EXISTS (SELECT 1 FROM uncovered) THEN $2::date::text
            WHEN (SELECT max(day) FROM uncovered) = $3::date - 1 THEN NULL
            ELSE ((SELECT max(day) FROM uncovered) + 1)::text END AS covered_from`;

const WINDOW_COUNTS = `
SELECT status, count(*)::int AS n
FROM sync_windows
WHERE account_id = $1 AND window_to >= $2::date AND window_from < $3::date
GROUP BY status`;

const FAILED = `
SELECT session_id, window_from::text AS window_from, window_to::text AS window_to, mode, coalesce(last_error, '') AS error
FROM sync_windows
WHERE account_id = $1 AND status = 'failed' AND window_to >= $2::date AND window_from < $3::date
UNION ALL
SELECT '', window_from::text, window_to::text, 'sessions', coalesce(last_error, '')
FROM session_list_windows
WHERE account_id = $1 AND status = 'failed' AND window_to >= $2::date AND window_from < $3::date
ORDER BY window_from, session_id, mode
LIMIT ${COVERAGE_LIST_LIMIT}`;

const CHANNEL_WARNINGS = `
SELECT id, name, warning, warning_at
FROM channels
WHERE account_id = $1 AND warning IS NOT NULL
ORDER BY warning_at DESC NULLS LAST, id
LIMIT ${COVERAGE_LIST_LIMIT}`;

interface FailedRow {
  session_id: string;
  window_from: string;
  window_to: string;
  mode: FailedWindow['mode'];
  error: string;
}

/** What is archived for an account between the six-month horizon and today; failures and channel warnings listed up to 100. */
export async function queryCoverage(
  pool: Pool,
  accountId: string,
  horizonDate: string,
  today: string,
): Promise<Coverage> {
  const params = [accountId, horizonDate, today];
  const [uncovered, counts, failed, warnings] = await Promise.all([
    pool.query<{ oldest: string | null; covered_from: string | null }>(UNCOVERED, params),
    pool.query<{ status: keyof Coverage['windows']; n: number }>(WINDOW_COUNTS, params),
    pool.query<FailedRow>(FAILED, params),
    pool.query<{ id: string; name: string; warning: string; warning_at: Date | null }>(CHANNEL_WARNINGS, [accountId]),
  ]);
  const windows = { done: 0, pending: 0, running: 0, failed: 0 };
  for (const row of counts.rows) windows[row.status] = row.n;
  return {
    windows,
    failed: failed.rows.map((r) => ({
      sessionId: r.session_id,
      from: r.window_from,
      to: r.window_to,
      mode: r.mode,
      error: r.error,
    })),
    channelWarnings: warnings.rows.map((r) => ({
      channelId: r.id,
      name: r.name,
      warning: r.warning,
      at: r.warning_at?.toISOString() ?? null,
    })),
    oldestUncoveredDay: uncovered.rows[0].oldest,
    coveredFrom: uncovered.rows[0].covered_from,
  };
}
