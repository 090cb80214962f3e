import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../api.tokens.js';

/** What the API needs of sync_runs beyond SyncStateRepository. */
@Injectable()
export class SyncRunsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  /** Accounts that ever had a run, besides the configured one. */
  async accounts(): Promise<string[]> {
    const rows = await this.db.query<{ account_id: string }[]>(
      `SELECT DISTINCT account_id FROM sync_runs ORDER BY account_id`,
    );
    return rows.map((r) => r.account_id);
  }

  /** A run whose plan never reached the queue must not sit in 'planning' forever (invariant 4). */
  async failUnqueued(runId: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE sync_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'planning'`,
      [runId, error.slice(0, 2000)],
    );
  }
}
