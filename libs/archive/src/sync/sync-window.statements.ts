/**
 * Window state changes are upserts, so a window's state is recorded even when the step that should have
 * created its row was lost (DESIGN invariant 4).
 */

const KEY = 'account_id, session_id, window_from, window_to, mode';

/** Ties windows to a run without touching status or updated_at: "failed for this run" reads updated_at. */
export const ENSURE_WINDOWS = `
INSERT INTO sync_windows AS w (${KEY}, last_run_id)
SELECT $1, t.session_id, t.window_from, t.window_to, t.mode, $2
FROM unnest($3::text[], $4::date[], $5::date[], $6::text[]) AS t(session_id, window_from, window_to, mode)
ON CONFLICT (${KEY}) DO UPDATE SET last_run_id = EXCLUDED.last_run_id`;

export const START_WINDOW = `
INSERT INTO sync_windows AS w (${KEY}, status, attempts, updated_at)
VALUES ($1, $2, $3, $4, $5, 'running', 1, now())
ON CONFLICT (${KEY}) DO UPDATE SET status = 'running', attempts = w.attempts + 1, updated_at = now()`;

export const FINISH_WINDOW = `
INSERT INTO sync_windows AS w (${KEY}, status, pages, messages_seen, versions_added, updated_at, completed_at)
VALUES ($1, $2, $3, $4, $5, 'done', $6, $7, $8, now(), now())
ON CONFLICT (${KEY}) DO UPDATE SET
  status = 'done', pages = EXCLUDED.pages, messages_seen = EXCLUDED.messages_seen,
  versions_added = EXCLUDED.versions_added, last_error = NULL, updated_at = now(), completed_at = now()`;

export const FAIL_WINDOW = `
INSERT INTO sync_windows AS w (${KEY}, status, last_error, updated_at)
VALUES ($1, $2, $3, $4, $5, 'failed', $6, now())
ON CONFLICT (${KEY}) DO UPDATE SET status = 'failed', last_error = EXCLUDED.last_error, updated_at = now()`;

/**
 * Done *and* completed after the window ended. A window completed while still open (this month, today) has
 * not seen what was sent after, so the next plan must run it again.
 */
export const IS_DONE = `
SELECT 1 FROM sync_windows
WHERE account_id = $1 AND session_id = $2 AND window_from = $3 AND window_to = $4 AND mode = $5
  AND status = 'done' AND completed_at >= (window_to + 1)::timestamp AT TIME ZONE 'UTC'`;

export const WINDOW_STATES = `
SELECT session_id, status, completed_at
FROM sync_windows
WHERE account_id = $1 AND mode = $2 AND window_from = $3 AND window_to = $4 AND session_id = ANY($5::text[])`;

const LIST_KEY = 'account_id, window_from, window_to';

export const CLAIM_LIST_WINDOWS = `
INSERT INTO session_list_windows AS l (${LIST_KEY}, last_run_id)
SELECT $1, t.window_from, t.window_to, $2
FROM unnest($3::date[], $4::date[]) AS t(window_from, window_to)
ON CONFLICT (${LIST_KEY}) DO UPDATE SET last_run_id = EXCLUDED.last_run_id`;

export const START_LIST_WINDOW = `
INSERT INTO session_list_windows AS l (${LIST_KEY}, status, attempts, last_run_id, updated_at)
VALUES ($1, $2, $3, 'running', 1, $4, now())
ON CONFLICT (${LIST_KEY}) DO UPDATE SET
  status = 'running', attempts = l.attempts + 1, last_run_id = coalesce(EXCLUDED.last_run_id, l.last_run_id),
  updated_at = now()`;

export const FINISH_LIST_WINDOW = `
INSERT INTO session_list_windows AS l (${LIST_KEY}, status, sessions_found, pages, updated_at, completed_at)
VALUES ($1, $2, $3, 'done', $4, $5, now(), now())
ON CONFLICT (${LIST_KEY}) DO UPDATE SET
  status = 'done', sessions_found = EXCLUDED.sessions_found, pages = EXCLUDED.pages, last_error = NULL,
  updated_at = now(), completed_at = now()`;

export const FAIL_LIST_WINDOW = `
INSERT INTO session_list_windows AS l (${LIST_KEY}, status, last_error, updated_at)
VALUES ($1, $2, $3, 'failed', $4, now())
ON CONFLICT (${LIST_KEY}) DO UPDATE SET status = 'failed', last_error = EXCLUDED.last_error, updated_at = now()`;

export const IS_LIST_WINDOW_DONE = `
SELECT 1 FROM session_list_windows
WHERE account_id = $1 AND window_from = $2 AND window_to = $3 AND status = 'done'`;

/** Sessions that may still hold reportable messages: active since the date, or never dated. */
export const KNOWN_SESSIONS = `
SELECT id FROM chat_sessions
WHERE account_id = $1 AND (last_message_sent_at IS NULL OR last_message_sent_at >= $2::date::timestamp AT TIME ZONE 'UTC')
ORDER BY id`;
