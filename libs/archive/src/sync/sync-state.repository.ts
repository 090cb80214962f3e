import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { inTransaction, pgPool } from '../database/pg-pool.util.js';
import { SyncRun, type SyncRunKind } from '../entities/sync-run.entity.js';
import { queryCoverage } from './coverage.query.js';
import * as runSql from './sync-run.statements.js';
import type {
  Coverage,
  PlannedWindow,
  RunProgress,
  SyncWindowKey,
  SyncWindowMode,
  SyncWindowStatus,
  WindowCounts,
} from './sync-state.types.js';
import * as sql from './sync-window.statements.js';

/** Zoom error bodies fit; a runaway message does not bloat every status query. */
const MAX_ERROR_LENGTH = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sync runs and the recorded state of every window they plan (DESIGN invariant 4). */
export class SyncStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return pgPool(this.dataSource);
  }

  async createRun(accountId: string, kind: SyncRunKind, from: string | null, to: string | null): Promise<string> {
    const id = randomUUID();
    await this.pool.query(
      'INSERT INTO sync_runs (id, account_id, kind, requested_from, requested_to) VALUES ($1, $2, $3, $4, $5)',
      [id, accountId, kind, from, to],
    );
    return id;
  }

  /** Settles the run's counts from its windows: done when all of them are, failed (saying why) otherwise. */
  async finishRun(runId: string): Promise<void> {
    await this.pool.query(runSql.FINISH_RUN, [runId]);
  }

  /** Finishes the run once nothing of it is pending or running; returns whether this call finished it. */
  async finishRunIfComplete(runId: string): Promise<boolean> {
    const result = await this.pool.query<{ settled: boolean; status: string | null }>(runSql.RUN_SETTLED, [runId]);
    const row = result.rows[0];
    if (!row?.settled || (row.status !== 'planning' && row.status !== 'running')) return false;
    await this.finishRun(runId);
    return true;
  }

  async getRun(runId: string): Promise<SyncRun | null> {
    if (!UUID.test(runId)) return null;
    return this.dataSource.getRepository(SyncRun).findOneBy({ id: runId });
  }

  async latestRuns(limit: number, accountId?: string): Promise<SyncRun[]> {
    return this.dataSource.getRepository(SyncRun).find({
      where: accountId === undefined ? {} : { accountId },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  /** Counts are those of windows done for this run; see sync-run.statements.ts. */
  async runProgress(runId: string): Promise<RunProgress> {
    const result = await this.pool.query<Omit<RunProgress, 'versionsAdded'> & { versions_added: number }>(
      runSql.RUN_PROGRESS,
      [runId],
    );
    const { versions_added: versionsAdded, ...counts } = result.rows[0];
    return { ...counts, versionsAdded };
  }

  /** Ties session listings to a run (new ones pending), so the run is not settled before they are. */
  async claimListWindows(accountId: string, runId: string, windows: { from: string; to: string }[]): Promise<void> {
    if (windows.length === 0) return;
    const unique = [...new Map(windows.map((w) => [`${w.from} ${w.to}`, w])).values()];
    await this.pool.query(sql.CLAIM_LIST_WINDOWS, [
      accountId,
      runId,
      unique.map((w) => w.from),
      unique.map((w) => w.to),
    ]);
  }

  async isListWindowDone(accountId: string, from: string, to: string): Promise<boolean> {
    const result = await this.pool.query(sql.IS_LIST_WINDOW_DONE, [accountId, from, to]);
    return (result.rowCount ?? 0) > 0;
  }

  async startListWindow(accountId: string, from: string, to: string, runId: string | null): Promise<void> {
    await this.pool.query(sql.START_LIST_WINDOW, [accountId, from, to, runId]);
  }

  /** Call once the sessions found have their windows (ensureWindows): coverage trusts a done listing. */
  async finishListWindow(
    accountId: string,
    from: string,
    to: string,
    counts: { sessionsFound: number; pages: number },
  ): Promise<void> {
    await this.pool.query(sql.FINISH_LIST_WINDOW, [accountId, from, to, counts.sessionsFound, counts.pages]);
  }

  async failListWindow(accountId: string, from: string, to: string, error: string): Promise<void> {
    await this.pool.query(sql.FAIL_LIST_WINDOW, [accountId, from, to, error.slice(0, MAX_ERROR_LENGTH)]);
  }

  /** Records windows (pending when new) and ties them to the run; their status and counts are kept. */
  async ensureWindows(accountId: string, runId: string, rows: PlannedWindow[]): Promise<void> {
    const unique = [...new Map(rows.map((r) => [`${r.sessionId} ${r.from} ${r.to} ${r.mode}`, r])).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => r);
    await inTransaction(this.dataSource, async (client) => {
      if (unique.length > 0) {
        await client.query(sql.ENSURE_WINDOWS, [
          accountId,
          runId,
          unique.map((r) => r.sessionId),
          unique.map((r) => r.from),
          unique.map((r) => r.to),
          unique.map((r) => r.mode),
        ]);
      }
      await client.query(runSql.COUNT_RUN_WINDOWS, [runId]);
    });
  }

  async startWindow(key: SyncWindowKey): Promise<void> {
    await this.pool.query(sql.START_WINDOW, keyParams(key));
  }

  async finishWindow(key: SyncWindowKey, counts: WindowCounts): Promise<void> {
    const params = [...keyParams(key), counts.pages, counts.messagesSeen, counts.versionsAdded];
    await this.pool.query(sql.FINISH_WINDOW, params);
  }

  async failWindow(key: SyncWindowKey, error: string): Promise<void> {
    await this.pool.query(sql.FAIL_WINDOW, [...keyParams(key), error.slice(0, MAX_ERROR_LENGTH)]);
  }

  /** True when the window needs no further run: done, and completed after it ended. */
  async isDone(key: SyncWindowKey): Promise<boolean> {
    const result = await this.pool.query(sql.IS_DONE, keyParams(key));
    return (result.rowCount ?? 0) > 0;
  }

  /** The recorded state of one window of many sessions; sessions without a row are absent from the map. */
  async windowStates(
    accountId: string,
    mode: SyncWindowMode,
    from: string,
    to: string,
    sessionIds: string[],
  ): Promise<Map<string, { status: SyncWindowStatus; completedAt: Date | null }>> {
    const result = await this.pool.query<{ session_id: string; status: SyncWindowStatus; completed_at: Date | null }>(
      sql.WINDOW_STATES,
      [accountId, mode, from, to, sessionIds],
    );
    return new Map(result.rows.map((r) => [r.session_id, { status: r.status, completedAt: r.completed_at }]));
  }

  /** Session ids of the account active since `since` (yyyy-mm-dd), for the modification sweep. */
  async knownSessions(accountId: string, since: string): Promise<string[]> {
    const result = await this.pool.query<{ id: string }>(sql.KNOWN_SESSIONS, [accountId, since]);
    return result.rows.map((r) => r.id);
  }

  async coverage(accountId: string, horizonDate: string, today: string): Promise<Coverage> {
    return queryCoverage(this.pool, accountId, horizonDate, today);
  }
}

function keyParams(key: SyncWindowKey): string[] {
  return [key.accountId, key.sessionId, key.from, key.to, key.mode];
}
