/**
 * A run's windows are those whose last_run_id is the run. A window counts as done (or failed) *for the run*
 * only when that happened after the run was created: a window done by an earlier run and planned again
 * (an open month, a forced run) is pending until this run has read it again.
 */
const RUN_STATE = `
run AS (SELECT id, created_at FROM sync_runs WHERE id = $1),
win AS (
  SELECT CASE WHEN w.status = 'done' AND w.completed_at >= run.created_at THEN 'done'
              WHEN w.status = 'failed' AND w.updated_at >= run.created_at THEN 'failed'
              WHEN w.status = 'running' THEN 'running'
              ELSE 'pending' END AS state,
         w.messages_seen, w.versions_added
  FROM sync_windows w JOIN run ON w.last_run_id = run.id
),
progress AS (
  SELECT count(*)::int AS total,
         count(*) FILTER (WHERE state = 'done')::int AS done,
         count(*) FILTER (WHERE state = 'failed')::int AS failed,
         count(*) FILTER (WHERE state = 'running')::int AS running,
         count(*) FILTER (WHERE state = 'pending')::int AS pending,
         coalesce(sum(messages_seen) FILTER (WHERE state = 'done'), 0)::int AS messages,
         coalesce(sum(versions_added) FILTER (WHERE state = 'done'), 0)::int AS versions_added
  FROM win
),
lists AS (
  SELECT count(*) FILTER (WHERE NOT (l.status = 'done' AND l.completed_at >= run.created_at))::int AS not_done,
         count(*) FILTER (WHERE l.status = 'failed' AND l.updated_at >= run.created_at)::int AS failed
  FROM session_list_windows l JOIN run ON l.last_run_id = run.id
)`;

export const RUN_PROGRESS = `WITH ${RUN_STATE} SELECT * FROM progress`;

/** Settles a run: done when every window and session listing of it is done, failed with the reason otherwise. */
export const FINISH_RUN = `
WITH ${RUN_STATE},
outcome AS (
  SELECT p.*, (p.done = p.total AND l.not_done = 0) AS ok,
         concat_ws('; ',
           CASE WHEN p.failed > 0 THEN p.failed || ' session windows failed' END,
           CASE WHEN p.pending + p.running > 0 THEN (p.pending + p.running) || ' session windows unfinished' END,
           CASE WHEN l.failed > 0 THEN l.failed || ' session listings failed' END,
           CASE WHEN l.not_done - l.failed > 0 THEN (l.not_done - l.failed) || ' session listings unfinished' END) AS why
  FROM progress p, lists l
)
UPDATE sync_runs r SET
  windows_total = o.total, windows_done = o.done, windows_failed = o.failed,
  messages = o.messages, versions_added = o.versions_added,
  status = CASE WHEN o.ok THEN 'done' ELSE 'failed' END,
  error = CASE WHEN o.ok THEN NULL ELSE o.why END,
  finished_at = now()
FROM outcome o
WHERE r.id = $1`;

/** Whether nothing of the run is left to do (every window and listing done or failed for it). */
export const RUN_SETTLED = `
WITH ${RUN_STATE}
SELECT (p.pending + p.running = 0 AND l.not_done = l.failed) AS settled,
       (SELECT status FROM sync_runs WHERE id = $1) AS status
FROM progress p, lists l`;

export const COUNT_RUN_WINDOWS = `
UPDATE sync_runs
SET status = CASE WHEN status = 'planning' THEN 'running' ELSE status END,
    windows_total = (SELECT count(*) FROM sync_windows WHERE last_run_id = $1)
WHERE id = $1`;
